/**
 * Writing an argument list in two passes: `argsDataSize` validates every value and sizes it
 * (before anything is allocated), then `putTypeTags` and `putArgsData` fill the buffer.
 */
import {
  paddedBlobSize,
  paddedStringSize,
  putBlob,
  putFloat32,
  putFloat64,
  putInt32,
  putInt64,
  putString,
} from './atoms';
import { OscEncodeError } from './errors';
import { MAX_ARRAY_DEPTH, type OscArg } from './types';
import { UTF8_HAS_NUL, utf8Length } from './utf8';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Number of type tag characters for `args` (a `[ ]` group counts its two brackets). */
export function typeTagCount(args: readonly OscArg[]): number {
  let n = args.length;
  for (const a of args) if (a.type === 'array') n += 1 + typeTagCount(a.value);
  return n;
}

/** Validates `args` and returns the size of their data section; `where` names them in errors. */
export function argsDataSize(args: readonly OscArg[], where: string, depth = 0): number {
  if (!Array.isArray(args)) throw new OscEncodeError('value', `${where}: args must be an array`);
  let size = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (typeof a !== 'object' || a === null) {
      throw new OscEncodeError('value', `${where} arg ${i}: not an argument: ${String(a)}`);
    }
    switch (a.type) {
      case 'i':
        if (!Number.isInteger(a.value)) fail(a, i, where, 'an integer');
        if (a.value < -0x8000_0000 || a.value > 0x7fff_ffff) range(a, i, where, 'int32');
        size += 4;
        break;
      case 'f':
      case 'd':
        if (typeof a.value !== 'number') fail(a, i, where, 'a number');
        size += a.type === 'f' ? 4 : 8;
        break;
      case 's':
      case 'S':
        if (typeof a.value !== 'string') fail(a, i, where, 'a string');
        size += paddedStringSize(checkedUtf8Length(a.value, i, where));
        break;
      case 'b':
        if (!(a.value instanceof Uint8Array)) fail(a, i, where, 'a Uint8Array');
        size += paddedBlobSize(a.value.length);
        break;
      case 'h':
      case 't':
        if (typeof a.value !== 'bigint') fail(a, i, where, 'a bigint');
        if (a.type === 'h' && (a.value < INT64_MIN || a.value > INT64_MAX))
          range(a, i, where, 'int64');
        if (a.type === 't' && (a.value < 0n || a.value > UINT64_MAX)) range(a, i, where, 'uint64');
        size += 8;
        break;
      case 'c':
        if (typeof a.value !== 'string' || !isOneCodePoint(a.value))
          fail(a, i, where, 'one character');
        size += 4;
        break;
      case 'r':
        if (!Number.isInteger(a.value)) fail(a, i, where, 'an integer');
        if (a.value < 0 || a.value > 0xffff_ffff) range(a, i, where, 'uint32');
        size += 4;
        break;
      case 'm':
        if (!(a.value instanceof Uint8Array) || a.value.length !== 4) fail(a, i, where, '4 bytes');
        size += 4;
        break;
      case 'T':
      case 'F':
      case 'N':
      case 'I':
        break;
      case 'array':
        if (!Array.isArray(a.value)) fail(a, i, where, 'an array');
        if (depth >= MAX_ARRAY_DEPTH) {
          throw new OscEncodeError(
            'depth',
            `${where}: arrays nested deeper than ${MAX_ARRAY_DEPTH}`,
          );
        }
        size += argsDataSize(a.value, `${where} arg ${i}`, depth + 1);
        break;
      default:
        throw new OscEncodeError('value', `${where} arg ${i}: unknown type ${describe(a)}`);
    }
  }
  return size;
}

/** Writes the type tags of validated `args` (without the leading ','); returns the next position. */
export function putTypeTags(out: Uint8Array, p: number, args: readonly OscArg[]): number {
  for (const a of args) {
    if (a.type === 'array') {
      out[p++] = 0x5b;
      p = putTypeTags(out, p, a.value);
      out[p++] = 0x5d;
    } else {
      out[p++] = a.type.charCodeAt(0);
    }
  }
  return p;
}

/** Writes the data of validated `args` into a zero-filled buffer; returns the next position. */
export function putArgsData(out: Uint8Array, p: number, args: readonly OscArg[]): number {
  for (const a of args) {
    switch (a.type) {
      case 'i':
      case 'r':
        p = putInt32(out, p, a.value);
        break;
      case 'f':
        p = putFloat32(out, p, a.value);
        break;
      case 'd':
        p = putFloat64(out, p, a.value);
        break;
      case 's':
      case 'S':
        p = putString(out, p, a.value);
        break;
      case 'b':
        p = putBlob(out, p, a.value);
        break;
      case 'h':
      case 't':
        p = putInt64(out, p, a.value);
        break;
      case 'c':
        p = putInt32(out, p, a.value.codePointAt(0)!);
        break;
      case 'm':
        out.set(a.value, p);
        p += 4;
        break;
      case 'array':
        p = putArgsData(out, p, a.value);
        break;
    }
  }
  return p;
}

/** UTF-8 length of a string argument or address, or an `OscEncodeError('string')`. */
export function checkedUtf8Length(s: string, i: number, where: string): number {
  const len = utf8Length(s);
  if (len >= 0) return len;
  const what = len === UTF8_HAS_NUL ? 'contains NUL' : 'contains a lone UTF-16 surrogate';
  throw new OscEncodeError('string', `${where} arg ${i}: string ${what}`);
}

function isOneCodePoint(s: string): boolean {
  const cp = s.codePointAt(0);
  return cp !== undefined && s.length === (cp > 0xffff ? 2 : 1) && !(cp >= 0xd800 && cp <= 0xdfff);
}

function fail(a: OscArg, i: number, where: string, want: string): never {
  throw new OscEncodeError(
    'value',
    `${where} arg ${i} ('${a.type}'): want ${want}, got ${describe(a)}`,
  );
}

function range(a: OscArg, i: number, where: string, kind: string): never {
  const v = 'value' in a ? String(a.value) : '';
  throw new OscEncodeError('range', `${where} arg ${i} ('${a.type}'): ${v} is outside ${kind}`);
}

function describe(a: unknown): string {
  if (a === null || typeof a !== 'object') return String(a);
  const v = (a as { value?: unknown }).value;
  const t = (a as { type?: unknown }).type;
  return `{type: ${String(t)}, value: ${v === null ? 'null' : typeof v}}`;
}
