/**
 * Bundles on the wire: "#bundle", a 64-bit timetag, then size-prefixed elements, each a
 * message or a nested bundle. Nesting is bounded by MAX_BUNDLE_DEPTH both ways.
 */
import { getInt32, getUint64, putInt32, putInt64 } from './atoms';
import { OscDecodeError, OscEncodeError } from './errors';
import { decodeMessage, messageSize, putMessage } from './message';
import { isImmediate, type NtpTime } from './timetag';
import { MAX_BUNDLE_DEPTH, type OscBundle, type OscPacket } from './types';

const BUNDLE_TAG = [0x23, 0x62, 0x75, 0x6e, 0x64, 0x6c, 0x65, 0x00]; // "#bundle\0"
const UINT64_MAX = (1n << 64n) - 1n;

/** Validates a packet and returns its encoded size; `depth` is the number of enclosing bundles. */
export function packetSize(p: OscPacket, depth = 0, parent: NtpTime | null = null): number {
  if (p === null || typeof p !== 'object')
    throw new OscEncodeError('value', `not a packet: ${String(p)}`);
  if (p.kind === 'message') return messageSize(p.address, p.args);
  if (p.kind !== 'bundle') {
    throw new OscEncodeError('value', `packet kind must be 'message' or 'bundle'`);
  }
  if (depth >= MAX_BUNDLE_DEPTH) {
    throw new OscEncodeError('depth', `bundles nested deeper than ${MAX_BUNDLE_DEPTH}`);
  }
  checkTimetag(p.timetag, parent);
  if (!Array.isArray(p.elements))
    throw new OscEncodeError('value', 'bundle elements must be an array');
  let size = 16;
  for (const e of p.elements) size += 4 + packetSize(e, depth + 1, p.timetag);
  return size;
}

/** Writes a packet validated by `packetSize` at `p`; returns the next position. */
export function putPacket(out: Uint8Array, p: number, packet: OscPacket): number {
  if (packet.kind === 'message') return putMessage(out, p, packet.address, packet.args);
  out.set(BUNDLE_TAG, p);
  p = putInt64(out, p + 8, packet.timetag);
  for (const e of packet.elements) {
    const end = putPacket(out, p + 4, e);
    putInt32(out, p, end - p - 4);
    p = end;
  }
  return p;
}

/**
 * Decodes the packet in bytes `[start, end)` inside `depth` bundles. Nested timetags earlier
 * than their parent's are accepted here (liblo and Pd accept them too); `flattenPacket` clamps.
 */
export function decodeElement(
  bytes: Uint8Array,
  start: number,
  end: number,
  depth: number,
): OscPacket {
  return bytes[start] === 0x23 // '#'
    ? decodeBundle(bytes, start, end, depth + 1)
    : decodeMessage(bytes, start, end);
}

function decodeBundle(bytes: Uint8Array, start: number, end: number, depth: number): OscBundle {
  if (end - start < 16) {
    throw new OscDecodeError('bundle-header', start, `bundle of ${end - start} bytes, under 16`);
  }
  for (let k = 0; k < 8; k++) {
    if (bytes[start + k] !== BUNDLE_TAG[k]) {
      throw new OscDecodeError('bundle-header', start, "'#' packet is not '#bundle'");
    }
  }
  if (depth > MAX_BUNDLE_DEPTH) {
    throw new OscDecodeError('depth', start, `bundles nested deeper than ${MAX_BUNDLE_DEPTH}`);
  }
  const timetag = getUint64(bytes, start + 8);
  const elements: OscPacket[] = [];
  let p = start + 16;
  while (p < end) {
    // p and end are both 4-aligned here, so a size word always fits.
    const size = getInt32(bytes, p);
    if (size <= 0 || size % 4 !== 0 || size > end - p - 4) {
      const why =
        size <= 0 ? 'not positive' : size % 4 !== 0 ? 'not a multiple of 4' : 'past the end';
      throw new OscDecodeError('bundle-element', p, `bundle element size ${size} is ${why}`);
    }
    elements.push(decodeElement(bytes, p + 4, p + 4 + size, depth));
    p += 4 + size;
  }
  return { kind: 'bundle', timetag, elements };
}

function checkTimetag(t: unknown, parent: NtpTime | null): void {
  if (typeof t !== 'bigint')
    throw new OscEncodeError('value', `timetag must be a bigint, got ${typeof t}`);
  if (t < 0n || t > UINT64_MAX) throw new OscEncodeError('range', `timetag ${t} is outside uint64`);
  // OSC 1.0: a nested bundle's time must be >= its parent's; two "immediately"s are equal.
  if (parent !== null && t < parent && !(isImmediate(t) && isImmediate(parent))) {
    throw new OscEncodeError(
      'timetag-order',
      `nested bundle timetag ${t} is earlier than its parent's ${parent}`,
    );
  }
}
