/**
 * OSC atoms on the wire: big-endian numbers, NUL-terminated padded strings, size-prefixed
 * padded blobs. Positions are relative to the decoded view, whose start is 4-byte aligned.
 */
import { OscDecodeError } from './errors';
import { decodeString, writeUtf8 } from './utf8';

// One fixed 8-byte scratch for float and 64-bit conversions: no DataView per packet.
const scratch = new DataView(new ArrayBuffer(8));
const scratchBytes = new Uint8Array(scratch.buffer);

/** A read position over a packet's bytes; each read advances `pos`. */
export class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
  ) {}
}

/** Size on the wire of a string whose UTF-8 encoding is `byteLength` long (NUL + padding). */
export function paddedStringSize(byteLength: number): number {
  return byteLength + 4 - (byteLength % 4);
}

/** Size on the wire of a blob of `byteLength` bytes (size word + data + padding). */
export function paddedBlobSize(byteLength: number): number {
  return 4 + byteLength + ((4 - (byteLength % 4)) % 4);
}

/** Throws `truncated` unless `n` bytes remain before `end`. */
export function need(r: Reader, n: number, end: number, what: string): void {
  if (end - r.pos < n) throw new OscDecodeError('truncated', r.pos, `${what} runs past the end`);
}

/** Big-endian int32 at `p` (no bounds check). */
export function getInt32(b: Uint8Array, p: number): number {
  return (b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!;
}

/** Big-endian uint32 at `p` (no bounds check). */
export function getUint32(b: Uint8Array, p: number): number {
  return getInt32(b, p) >>> 0;
}

/** Big-endian float32 at `p` (no bounds check). */
export function getFloat32(b: Uint8Array, p: number): number {
  toScratch(b, p, 4);
  return scratch.getFloat32(0);
}

/** Big-endian float64 at `p` (no bounds check). */
export function getFloat64(b: Uint8Array, p: number): number {
  toScratch(b, p, 8);
  return scratch.getFloat64(0);
}

/** Big-endian int64 at `p` (no bounds check). */
export function getInt64(b: Uint8Array, p: number): bigint {
  toScratch(b, p, 8);
  return scratch.getBigInt64(0);
}

/** Big-endian uint64 at `p` (no bounds check): how timetags travel. */
export function getUint64(b: Uint8Array, p: number): bigint {
  toScratch(b, p, 8);
  return scratch.getBigUint64(0);
}

/** Moves past an OSC string (NUL-terminated, NUL-padded to 4 bytes); returns its NUL's index. */
export function skipString(r: Reader, end: number, what = 'string'): number {
  const { bytes } = r;
  const start = r.pos;
  let i = start;
  while (i < end && bytes[i] !== 0) i++;
  const next = start + paddedStringSize(i - start);
  if (i >= end || next > end) {
    throw new OscDecodeError('unterminated-string', start, `unterminated ${what}`);
  }
  checkPadding(bytes, i + 1, next, what);
  r.pos = next;
  return i;
}

/** Reads an OSC string as UTF-8. */
export function readString(r: Reader, end: number): string {
  const start = r.pos;
  return decodeString(r.bytes, start, skipString(r, end));
}

/** Reads an OSC blob into a copy, so the packet never aliases a reused receive buffer. */
export function readBlob(r: Reader, end: number): Uint8Array {
  const { bytes } = r;
  const start = r.pos;
  need(r, 4, end, 'blob size');
  const n = getInt32(bytes, start);
  if (n < 0) throw new OscDecodeError('value', start, `negative blob size ${n}`);
  const dataStart = start + 4;
  const next = start + paddedBlobSize(n);
  if (next > end)
    throw new OscDecodeError('truncated', start, `blob of ${n} bytes runs past the end`);
  checkPadding(bytes, dataStart + n, next, 'blob');
  const copy = new Uint8Array(n);
  copy.set(bytes.subarray(dataStart, dataStart + n));
  r.pos = next;
  return copy;
}

/** Writes a big-endian int32 (or the bits of a uint32); returns the next position. */
export function putInt32(out: Uint8Array, p: number, v: number): number {
  out[p] = v >>> 24;
  out[p + 1] = v >>> 16;
  out[p + 2] = v >>> 8;
  out[p + 3] = v;
  return p + 4;
}

/** Writes a big-endian float32; returns the next position. */
export function putFloat32(out: Uint8Array, p: number, v: number): number {
  scratch.setFloat32(0, v);
  return fromScratch(out, p, 4);
}

/** Writes a big-endian float64; returns the next position. */
export function putFloat64(out: Uint8Array, p: number, v: number): number {
  scratch.setFloat64(0, v);
  return fromScratch(out, p, 8);
}

/** Writes a big-endian 64-bit integer (the caller checked its range); returns the next position. */
export function putInt64(out: Uint8Array, p: number, v: bigint): number {
  scratch.setBigUint64(0, v < 0n ? BigInt.asUintN(64, v) : v);
  return fromScratch(out, p, 8);
}

/** Writes a checked string plus NUL padding into a zero-filled buffer; returns the next position. */
export function putString(out: Uint8Array, p: number, s: string): number {
  const end = writeUtf8(s, out, p);
  return p + paddedStringSize(end - p);
}

/** Writes a blob plus NUL padding into a zero-filled buffer; returns the next position. */
export function putBlob(out: Uint8Array, p: number, blob: Uint8Array): number {
  putInt32(out, p, blob.length);
  out.set(blob, p + 4);
  return p + paddedBlobSize(blob.length);
}

function checkPadding(bytes: Uint8Array, from: number, to: number, what: string): void {
  for (let k = from; k < to; k++) {
    if (bytes[k] !== 0) {
      throw new OscDecodeError(
        'padding',
        k,
        `${what} padding byte is 0x${bytes[k]!.toString(16)}, not NUL`,
      );
    }
  }
}

function toScratch(b: Uint8Array, p: number, n: number): void {
  for (let k = 0; k < n; k++) scratchBytes[k] = b[p + k]!;
}

function fromScratch(out: Uint8Array, p: number, n: number): number {
  for (let k = 0; k < n; k++) out[p + k] = scratchBytes[k]!;
  return p + n;
}
