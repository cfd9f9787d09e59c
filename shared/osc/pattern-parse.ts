/**
 * Parsing OSC 1.0 address patterns into tokens: `?`, `*`, `[abc]`, `[!a-z]`, `{foo,bar}` and
 * literal code points. Wildcards never match '/', so one is not allowed inside `[ ]` or `{ }`.
 */
import { OscPatternError } from './errors';

/** One piece of a parsed pattern; `cp` and ranges are Unicode code points. */
export type PatternToken =
  | { kind: 'char'; cp: number }
  | { kind: 'any' }
  | { kind: 'star' }
  | { kind: 'class'; negated: boolean; ranges: number[] /* lo, hi pairs */ }
  | { kind: 'alt'; options: number[][] };

const SLASH = 0x2f;

/** Tokenizes `pattern`, or throws `OscPatternError` saying what is wrong and where. */
export function parsePattern(pattern: string): PatternToken[] {
  if (typeof pattern !== 'string' || pattern.charCodeAt(0) !== SLASH) {
    throw new OscPatternError(String(pattern), 0, "pattern must start with '/'");
  }
  const cps = Array.from(pattern, (ch) => ch.codePointAt(0)!);
  const tokens: PatternToken[] = [];
  let i = 0;
  const fail = (at: number, what: string): never => {
    throw new OscPatternError(pattern, at, what);
  };
  while (i < cps.length) {
    const c = cps[i]!;
    if (c === 0x2a /* * */) {
      if (tokens.at(-1)?.kind !== 'star') tokens.push({ kind: 'star' });
      i++;
    } else if (c === 0x3f /* ? */) {
      tokens.push({ kind: 'any' });
      i++;
    } else if (c === 0x5b /* [ */) {
      const close = cps.indexOf(0x5d, i + 1);
      if (close < 0) fail(i, "unclosed '['");
      tokens.push(parseClass(cps.slice(i + 1, close), i, fail));
      i = close + 1;
    } else if (c === 0x7b /* { */) {
      const close = cps.indexOf(0x7d, i + 1);
      if (close < 0) fail(i, "unclosed '{'");
      const options: number[][] = [[]];
      for (let k = i + 1; k < close; k++) {
        const d = cps[k]!;
        if (d === 0x2c /* , */) options.push([]);
        else if (isSpecial(d) || d === SLASH) fail(k, `'${String.fromCodePoint(d)}' inside '{ }'`);
        else options.at(-1)!.push(d);
      }
      tokens.push({ kind: 'alt', options });
      i = close + 1;
    } else if (c === 0x5d || c === 0x7d) {
      fail(i, `unbalanced '${String.fromCodePoint(c)}'`);
    } else {
      tokens.push({ kind: 'char', cp: c });
      i++;
    }
  }
  return tokens;
}

/** True if `pattern` has no wildcard or bracket, so it only matches itself. */
export function isLiteralPattern(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) if (isSpecial(pattern.charCodeAt(i))) return false;
  return true;
}

function parseClass(
  body: number[],
  at: number,
  fail: (at: number, what: string) => never,
): PatternToken {
  const negated = body[0] === 0x21; /* ! */
  const items = negated ? body.slice(1) : body;
  if (items.length === 0) fail(at, "empty '[ ]'");
  const ranges: number[] = [];
  for (let k = 0; k < items.length; k++) {
    const lo = items[k]!;
    if (lo === SLASH) fail(at, "'/' inside '[ ]'");
    // A '-' first or last is literal (OSC 1.0); between two characters it is a range.
    if (items[k + 1] === 0x2d && k + 2 < items.length) {
      const hi = items[k + 2]!;
      if (hi < lo) fail(at, `reversed range '${String.fromCodePoint(lo, 0x2d, hi)}'`);
      if (lo <= SLASH && SLASH <= hi) fail(at, "range spanning '/' inside '[ ]'");
      ranges.push(lo, hi);
      k += 2;
    } else {
      ranges.push(lo, lo);
    }
  }
  return { kind: 'class', negated, ranges };
}

function isSpecial(c: number): boolean {
  // * ? [ ] { }
  return c === 0x2a || c === 0x3f || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}
