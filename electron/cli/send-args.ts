import { argsFromValues, type OscArg } from '../../shared/osc';
import { ntpFromUnixMs } from '../../shared/osc/timetag';
import { UsageError } from './args';

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.\d*|\.\d+|\d+)(e[+-]?\d+)?$/i;

/**
 * Turns command-line words into OSC arguments. With explicit `types` (as oscsend takes them:
 * i f d h s S c T F N I) each word is read as its type; without, whole numbers become `i`,
 * other numbers `f`, anything else a string `s`.
 */
export function parseSendArgs(words: string[], types?: string): OscArg[] {
  if (types === undefined) {
    return argsFromValues(words.map((w) => (INT.test(w) || FLOAT.test(w) ? Number(w) : w)));
  }
  const valueless = new Set(['T', 'F', 'N', 'I']);
  const args: OscArg[] = [];
  let w = 0;
  for (const t of types) {
    if (valueless.has(t)) {
      args.push({ type: t } as OscArg);
      continue;
    }
    const word = words[w++];
    if (word === undefined)
      throw new UsageError(`--types "${types}" needs more arguments than were given`);
    args.push(typedArg(t, word));
  }
  if (w < words.length)
    throw new UsageError(`--types "${types}" covers ${w} arguments but ${words.length} were given`);
  return args;
}

function typedArg(t: string, word: string): OscArg {
  const num = (): number => {
    if (!FLOAT.test(word)) throw new UsageError(`"${word}" is not a number (type ${t})`);
    return Number(word);
  };
  switch (t) {
    case 'i': {
      const n = num();
      if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31)
        throw new UsageError(`"${word}" is not a 32-bit integer`);
      return { type: 'i', value: n };
    }
    case 'f':
    case 'd':
      return { type: t, value: num() };
    case 'h':
      if (!INT.test(word)) throw new UsageError(`"${word}" is not a 64-bit integer`);
      return { type: 'h', value: BigInt(word) };
    case 's':
    case 'S':
      return { type: t, value: word };
    case 'c':
      if ([...word].length !== 1) throw new UsageError(`type c takes one character, got "${word}"`);
      return { type: 'c', value: word };
    default:
      throw new UsageError(`unknown type "${t}" in --types (use i f d h s S c T F N I)`);
  }
}

/** Reads `--at`: `now` (immediate bundle) or `+MS` relative to `nowMs`; returns the timetag. */
export function parseAt(text: string, nowMs: number): bigint {
  if (text === 'now') return 1n;
  const m = /^\+(\d+(\.\d+)?)$/.exec(text);
  if (!m)
    throw new UsageError(
      `--at takes "now" or +MS (milliseconds from now, e.g. +500), got "${text}"`,
    );
  return ntpFromUnixMs(nowMs + Number(m[1]));
}
