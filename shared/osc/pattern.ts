/**
 * OSC 1.0 address pattern matching. Patterns can arrive from the network, so matching runs a
 * Thompson NFA: time linear in the address for any pattern (a backtracking RegExp can be made
 * exponential by '*a*a*a*...'). '*' never crosses '/'; '/py*' matches '/py' and '/pyfoo'.
 */
import { isLiteralPattern, parsePattern, type PatternToken } from './pattern-parse';

/** A compiled pattern: true if `address` matches it. */
export type AddressMatcher = (address: string) => boolean;

const SLASH = 0x2f;
const CHAR = 0;
const ANY = 1;
const CLASS = 2;
const STAR = 3;
const SPLIT = 4;
const MATCH = 5;

/** Compiles an OSC address pattern; throws `OscPatternError` if it is malformed. */
export function compileAddressPattern(pattern: string): AddressMatcher {
  if (isLiteralPattern(pattern)) {
    parsePattern(pattern); // validates the leading '/'
    return (address) => address === pattern;
  }
  const tokens = parsePattern(pattern);
  const last = tokens.length - 1;
  if (tokens[last]!.kind === 'star' && tokens.slice(0, last).every((t) => t.kind === 'char')) {
    // The python-osc dispatcher shape ('/py*'): a literal prefix then '*'.
    const prefix = pattern.slice(0, pattern.indexOf('*'));
    return (address) => address.startsWith(prefix) && address.indexOf('/', prefix.length) < 0;
  }
  return compileNfa(tokens);
}

// Bounded: patterns from the network must not grow memory. Oldest entries go first.
const CACHE_LIMIT = 256;
const cache = new Map<string, AddressMatcher>();

/** Matches one address against one pattern, reusing compiled patterns from a bounded cache. */
export function matchAddress(pattern: string, address: string): boolean {
  let m = cache.get(pattern);
  if (m === undefined) {
    m = compileAddressPattern(pattern);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(pattern, m);
  }
  return m(address);
}

function compileNfa(tokens: PatternToken[]): AddressMatcher {
  const kind: number[] = [];
  const arg: number[] = []; // code point for CHAR, class index for CLASS
  const next: number[] = [];
  const targets: number[][] = []; // SPLIT branches
  const classes: { negated: boolean; ranges: number[] }[] = [];
  const node = (k: number, a: number, n: number, t: number[] = []): number => {
    kind.push(k);
    arg.push(a);
    next.push(n);
    targets.push(t);
    return kind.length - 1;
  };
  // Built back to front, so every node's successor already exists.
  let head = node(MATCH, 0, -1);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.kind === 'char') head = node(CHAR, t.cp, head);
    else if (t.kind === 'any') head = node(ANY, 0, head);
    else if (t.kind === 'star') head = node(STAR, 0, head);
    else if (t.kind === 'class') head = node(CLASS, classes.push(t) - 1, head);
    else {
      const join = head;
      const starts = t.options.map((opt) => opt.reduceRight((n, cp) => node(CHAR, cp, n), join));
      head = node(SPLIT, 0, -1, starts);
    }
  }
  const start = head;
  const size = kind.length;
  // Scratch reused across calls: matching is synchronous, so calls never interleave.
  const mark = new Int32Array(size).fill(-1);
  let gen = 0;
  let current: number[] = [];
  let following: number[] = [];
  const stack: number[] = [];

  const add = (list: number[], s: number): void => {
    stack.push(s);
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (mark[x] === gen) continue;
      mark[x] = gen;
      if (kind[x] === SPLIT) {
        for (const y of targets[x]!) stack.push(y);
      } else {
        list.push(x);
        if (kind[x] === STAR) stack.push(next[x]!);
      }
    }
  };
  const inClass = (c: number, x: number): boolean => {
    const { negated, ranges } = classes[arg[x]!]!;
    let hit = false;
    for (let k = 0; k < ranges.length && !hit; k += 2) hit = c >= ranges[k]! && c <= ranges[k + 1]!;
    return hit !== negated;
  };

  return (address) => {
    if (gen > 0x3fff_ffff) {
      mark.fill(-1);
      gen = 0;
    }
    gen++;
    current.length = 0;
    add(current, start);
    for (let i = 0; i < address.length && current.length > 0;) {
      const c = address.codePointAt(i)!;
      i += c > 0xffff ? 2 : 1;
      gen++;
      following.length = 0;
      for (const x of current) {
        const k = kind[x];
        if (
          k === CHAR
            ? arg[x] === c
            : c !== SLASH && (k === ANY || k === STAR || (k === CLASS && inClass(c, x)))
        ) {
          add(following, k === STAR ? x : next[x]!);
        }
      }
      [current, following] = [following, current];
    }
    return current.includes(0); // node 0 is MATCH
  };
}
