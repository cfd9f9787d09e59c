/**
 * The composer's argument syntax: the way the message log prints arguments, so a line can be
 * copied from the log into the composer. Bare words are typed like the CLI and python-osc
 * (whole number -> i, other number -> f, anything else -> s); `type:value` forces a type:
 *
 *   tick 42 0.5   "two words"   s:42   d:0.1   h:9007199254740993   c:x   T F N I
 *   t:e7a1b2c3.80000000   b:<01ff> (or b:01ff)   m:<90403f00>   r:#ff0000ff   [i:1 i:2]
 */
import type { JsonArg } from '../../../shared/ipc/args-json';

/** Parsed arguments, or the first problem in words. */
export type ParsedArgs = { ok: true; args: JsonArg[] } | { ok: false; error: string };

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.\d*|\.\d+|\d+)(e[+-]?\d+)?$/i;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const MAX_DEPTH = 8;

class ArgSyntaxError extends Error {}

/** Splits into words, `[`, `]` and quoted strings (JSON escapes), keeping `type:"..."` whole. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '[' || ch === ']') {
      tokens.push(ch);
      i++;
    } else {
      let j = i;
      while (j < text.length && !/[\s[\]]/.test(text[j]!)) {
        if (text[j] === '"') j = endOfQuote(text, j);
        else j++;
      }
      tokens.push(text.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

function endOfQuote(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  throw new ArgSyntaxError('a quoted string is not closed: add the closing "');
}

function unquote(s: string): string {
  if (!s.startsWith('"')) return s;
  try {
    return JSON.parse(s) as string;
  } catch {
    throw new ArgSyntaxError(`${s} is not a valid quoted string`);
  }
}

function hexBytes(s: string, what: string): string {
  const hex = s.replace(/^<(.*)>$/, '$1');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) {
    throw new ArgSyntaxError(`${what} must be hex bytes, e.g. <01ff>`);
  }
  return hex.toLowerCase();
}

function number(s: string, type: string): number {
  if (!FLOAT.test(s)) throw new ArgSyntaxError(`"${s}" is not a number (type ${type})`);
  return Number(s);
}

function typed(type: string, raw: string): JsonArg {
  switch (type) {
    case 'i': {
      const n = number(raw, 'i');
      if (!Number.isInteger(n) || n < INT32_MIN || n > INT32_MAX) {
        throw new ArgSyntaxError(`"${raw}" is not a 32-bit integer (type i)`);
      }
      return { type: 'i', value: n };
    }
    case 'f':
    case 'd':
      return { type, value: number(raw, type) };
    case 'h':
      if (!INT.test(raw) || BigInt(raw) >= 2n ** 63n || BigInt(raw) < -(2n ** 63n)) {
        throw new ArgSyntaxError(`"${raw}" is not a 64-bit integer (type h)`);
      }
      return { type: 'h', value: String(BigInt(raw)) };
    case 's':
    case 'S':
      return { type, value: unquote(raw) };
    case 'c': {
      const c = unquote(raw);
      if ([...c].length !== 1) throw new ArgSyntaxError(`type c takes one character, got "${c}"`);
      return { type: 'c', value: c };
    }
    case 't':
      if (!/^[0-9a-fA-F]{8}\.[0-9a-fA-F]{8}$/.test(raw)) {
        throw new ArgSyntaxError('a timetag is NTP hex, e.g. t:e7a1b2c3.80000000');
      }
      return { type: 't', value: raw.toLowerCase() };
    case 'b':
      return { type: 'b', value: hexBytes(raw, 'a blob') };
    case 'm': {
      const hex = hexBytes(raw, 'a MIDI message');
      if (hex.length !== 8)
        throw new ArgSyntaxError('a MIDI message is 4 bytes, e.g. m:<90403f00>');
      const bytes = hex.match(/../g)!.map((h) => parseInt(h, 16));
      return { type: 'm', value: bytes as [number, number, number, number] };
    }
    case 'r': {
      if (!/^#?[0-9a-fA-F]{8}$/.test(raw)) throw new ArgSyntaxError('a colour is r:#rrggbbaa');
      return { type: 'r', value: parseInt(raw.replace('#', ''), 16) };
    }
    default:
      throw new ArgSyntaxError(`unknown type "${type}:" (use i f d h s S c t b m r, or T F N I)`);
  }
}

function word(token: string): JsonArg {
  if (token === 'T' || token === 'F' || token === 'N' || token === 'I') return { type: token };
  const prefixed = /^([A-Za-z]):(.*)$/s.exec(token);
  if (prefixed) return typed(prefixed[1]!, prefixed[2]!);
  if (token.startsWith('"')) return { type: 's', value: unquote(token) };
  if (INT.test(token)) {
    const n = Number(token);
    return n >= INT32_MIN && n <= INT32_MAX ? { type: 'i', value: n } : { type: 'f', value: n };
  }
  if (FLOAT.test(token)) return { type: 'f', value: Number(token) };
  return { type: 's', value: token };
}

/** Parses the composer's argument text. */
export function parseComposeArgs(text: string): ParsedArgs {
  try {
    const tokens = tokenize(text);
    let at = 0;
    const list = (depth: number): JsonArg[] => {
      const out: JsonArg[] = [];
      while (at < tokens.length) {
        const token = tokens[at++]!;
        if (token === ']') {
          if (depth === 0) throw new ArgSyntaxError('a "]" has no matching "["');
          return out;
        }
        if (token === '[') {
          if (depth >= MAX_DEPTH) throw new ArgSyntaxError('arrays nest too deep');
          out.push({ type: 'array', value: list(depth + 1) });
        } else {
          out.push(word(token));
        }
      }
      if (depth > 0) throw new ArgSyntaxError('a "[" is not closed: add "]"');
      return out;
    };
    return { ok: true, args: list(0) };
  } catch (error) {
    if (error instanceof ArgSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

/** One argument the way the message log prints it (`s:"tick"`, `i:3`, `T`, `[i:1 i:2]`). */
export function formatJsonArg(arg: JsonArg): string {
  switch (arg.type) {
    case 'array':
      return `[${arg.value.map(formatJsonArg).join(' ')}]`;
    case 'T':
    case 'F':
    case 'N':
    case 'I':
      return arg.type;
    case 's':
    case 'S':
    case 'c':
      return `${arg.type}:${JSON.stringify(arg.value)}`;
    case 'b':
      return `b:<${arg.value}>`;
    case 'm':
      return `m:<${arg.value.map((b) => b.toString(16).padStart(2, '0')).join('')}>`;
    case 'r':
      return `r:#${arg.value.toString(16).padStart(8, '0')}`;
    default:
      return `${arg.type}:${arg.value}`;
  }
}
