/**
 * How many messages a datagram carries, read from its bundle framing alone (the size prefix of
 * each element), without decoding one message: what the receiver weighs a datagram by before it
 * decides to spend the decoding on it. A 64 KB bundle of 4,000 tiny messages costs a few µs here
 * and milliseconds to decode. Thread: any; allocates nothing.
 */
import { MAX_BUNDLE_DEPTH } from '../../../shared/osc';

const HASH = 0x23; // '#', the first byte of "#bundle"
const BUNDLE_HEADER_BYTES = 16; // "#bundle\0" and the timetag

/**
 * The number of messages in `bytes`: 1 for a message, the sum over its elements for a bundle.
 * Framing the decoder would refuse (an element size past the end, nesting too deep) ends the
 * count where it is, at least 1: the decoder then reports what is wrong, as for any datagram.
 */
export function countMessages(bytes: Uint8Array): number {
  return Math.max(1, countIn(bytes, 0, bytes.byteLength, 0));
}

function countIn(bytes: Uint8Array, start: number, end: number, depth: number): number {
  if (bytes[start] !== HASH) return 1;
  if (end - start < BUNDLE_HEADER_BYTES || depth >= MAX_BUNDLE_DEPTH) return 0;
  let count = 0;
  let p = start + BUNDLE_HEADER_BYTES;
  while (p + 4 <= end) {
    // Big-endian int32; `>>> 0` keeps a huge value from turning negative and passing the check.
    const size =
      ((bytes[p]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!) >>> 0;
    if (size === 0 || size > end - p - 4) return count;
    count += countIn(bytes, p + 4, p + 4 + size, depth + 1);
    p += 4 + size;
  }
  return count;
}
