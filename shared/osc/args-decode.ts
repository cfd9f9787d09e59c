/**
 * Reading an argument list, driven by the type tag string. `[ ]` groups are tracked with an
 * explicit stack (bounded by MAX_ARRAY_DEPTH), so the tag string cannot drive recursion.
 */
import {
  type Reader,
  getFloat32,
  getFloat64,
  getInt32,
  getInt64,
  getUint32,
  getUint64,
  need,
  readBlob,
  readString,
} from './atoms';
import { OscDecodeError } from './errors';
import { MAX_ARRAY_DEPTH, type OscArg } from './types';

/** Reads the arguments tagged by bytes `[tagStart, tagEnd)`, data from `r.pos` up to `end`. */
export function readArgs(r: Reader, tagStart: number, tagEnd: number, end: number): OscArg[] {
  const bytes = r.bytes;
  let args: OscArg[] = [];
  const outer: OscArg[][] = [];
  for (let t = tagStart; t < tagEnd; t++) {
    const tag = bytes[t]!;
    const at = r.pos;
    switch (tag) {
      case 0x69: // i
        need(r, 4, end, "'i' argument");
        args.push({ type: 'i', value: getInt32(bytes, at) });
        r.pos = at + 4;
        break;
      case 0x66: // f
        need(r, 4, end, "'f' argument");
        args.push({ type: 'f', value: getFloat32(bytes, at) });
        r.pos = at + 4;
        break;
      case 0x73: // s
        args.push({ type: 's', value: readString(r, end) });
        break;
      case 0x62: // b
        args.push({ type: 'b', value: readBlob(r, end) });
        break;
      case 0x68: // h
        need(r, 8, end, "'h' argument");
        args.push({ type: 'h', value: getInt64(bytes, at) });
        r.pos = at + 8;
        break;
      case 0x74: // t
        need(r, 8, end, "'t' argument");
        args.push({ type: 't', value: getUint64(bytes, at) });
        r.pos = at + 8;
        break;
      case 0x64: // d
        need(r, 8, end, "'d' argument");
        args.push({ type: 'd', value: getFloat64(bytes, at) });
        r.pos = at + 8;
        break;
      case 0x53: // S
        args.push({ type: 'S', value: readString(r, end) });
        break;
      case 0x63: // c
        need(r, 4, end, "'c' argument");
        args.push({ type: 'c', value: charFromCode(getUint32(bytes, at), at) });
        r.pos = at + 4;
        break;
      case 0x72: // r
        need(r, 4, end, "'r' argument");
        args.push({ type: 'r', value: getUint32(bytes, at) });
        r.pos = at + 4;
        break;
      case 0x6d: // m
        need(r, 4, end, "'m' argument");
        // A copy, not a view: a Node Buffer's slice() would alias the receive buffer.
        args.push({
          type: 'm',
          value: Uint8Array.of(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!),
        });
        r.pos = at + 4;
        break;
      case 0x54: // T
        args.push({ type: 'T' });
        break;
      case 0x46: // F
        args.push({ type: 'F' });
        break;
      case 0x4e: // N
        args.push({ type: 'N' });
        break;
      case 0x49: // I
        args.push({ type: 'I' });
        break;
      case 0x5b: {
        // [
        if (outer.length >= MAX_ARRAY_DEPTH) {
          throw new OscDecodeError('depth', t, `arrays nested deeper than ${MAX_ARRAY_DEPTH}`);
        }
        const inner: OscArg[] = [];
        args.push({ type: 'array', value: inner });
        outer.push(args);
        args = inner;
        break;
      }
      case 0x5d: {
        // ]
        const parent = outer.pop();
        if (parent === undefined) throw new OscDecodeError('array', t, "']' without '['");
        args = parent;
        break;
      }
      default:
        throw new OscDecodeError('unknown-type', t, `unknown type tag ${describeTag(tag)}`);
    }
  }
  if (outer.length > 0) throw new OscDecodeError('array', tagEnd, "'[' without ']'");
  return args;
}

function charFromCode(code: number, at: number): string {
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
    throw new OscDecodeError(
      'value',
      at,
      `'c' argument 0x${code.toString(16)} is not a code point`,
    );
  }
  return String.fromCodePoint(code);
}

function describeTag(tag: number): string {
  return tag >= 0x20 && tag < 0x7f ? `'${String.fromCharCode(tag)}'` : `0x${tag.toString(16)}`;
}
