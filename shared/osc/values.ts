/**
 * Plain JS values <-> typed arguments, for callers that do not care about OSC types
 * (python-osc and Pd style: numbers, strings, booleans).
 */
import { OscEncodeError } from './errors';
import { MAX_ARRAY_DEPTH, type OscArg } from './types';

/**
 * Types plain values: an integer in int32 range -> 'i', any other number -> 'f'; string -> 's';
 * boolean -> T/F; null -> N; Uint8Array -> b; bigint -> h; array -> `[ ]`. Anything else throws.
 */
export function argsFromValues(values: readonly unknown[]): OscArg[] {
  return values.map((v, i) => argFromValue(v, `value ${i}`, 0));
}

/** The plain JS value of an argument (T -> true, N -> null, I -> Infinity, array -> array). */
export function argValue(arg: OscArg): unknown {
  switch (arg.type) {
    case 'T':
      return true;
    case 'F':
      return false;
    case 'N':
      return null;
    case 'I':
      return Infinity;
    case 'array':
      return arg.value.map(argValue);
    default:
      return arg.value;
  }
}

function argFromValue(v: unknown, where: string, depth: number): OscArg {
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) && v >= -0x8000_0000 && v <= 0x7fff_ffff
        ? { type: 'i', value: v }
        : { type: 'f', value: v };
    case 'string':
      return { type: 's', value: v };
    case 'boolean':
      return { type: v ? 'T' : 'F' };
    case 'bigint':
      if (v < -(1n << 63n) || v >= 1n << 63n) {
        throw new OscEncodeError('range', `${where}: ${v} is outside int64`);
      }
      return { type: 'h', value: v };
  }
  if (v === null) return { type: 'N' };
  if (v instanceof Uint8Array) return { type: 'b', value: v };
  if (Array.isArray(v)) {
    if (depth >= MAX_ARRAY_DEPTH) {
      throw new OscEncodeError('depth', `${where}: arrays nested deeper than ${MAX_ARRAY_DEPTH}`);
    }
    return { type: 'array', value: v.map((x, i) => argFromValue(x, `${where}[${i}]`, depth + 1)) };
  }
  const what =
    v === undefined ? 'undefined' : typeof v === 'object' ? v.constructor?.name : typeof v;
  throw new OscEncodeError('value', `${where}: no OSC type for ${what ?? 'object'}`);
}
