/**
 * One OSC message on the wire: address string, ',' type tag string, argument data.
 */
import { argsDataSize, putArgsData, putTypeTags, typeTagCount } from './args-encode';
import { readArgs } from './args-decode';
import { Reader, paddedStringSize, putString, readString, skipString } from './atoms';
import { OscDecodeError, OscEncodeError } from './errors';
import type { OscArg, OscMessage } from './types';
import { UTF8_HAS_NUL, utf8Length } from './utf8';

/** Encodes one message; throws `OscEncodeError` before writing anything if it is invalid. */
export function encodeMessage(address: string, args: readonly OscArg[] = []): Uint8Array {
  const out = new Uint8Array(messageSize(address, args));
  putMessage(out, 0, address, args);
  return out;
}

/** Validates a message and returns its encoded size. */
export function messageSize(address: string, args: readonly OscArg[]): number {
  const addressSize = paddedStringSize(addressLength(address));
  const dataSize = argsDataSize(args, address);
  return addressSize + paddedStringSize(1 + typeTagCount(args)) + dataSize;
}

/** Writes a message validated by `messageSize` at `p`; returns the next position. */
export function putMessage(
  out: Uint8Array,
  p: number,
  address: string,
  args: readonly OscArg[],
): number {
  const tagStart = putString(out, p, address);
  out[tagStart] = 0x2c; // ','
  const tagEnd = putTypeTags(out, tagStart + 1, args);
  return putArgsData(out, tagStart + paddedStringSize(tagEnd - tagStart), args);
}

/**
 * Decodes the message in bytes `[start, end)`. A message that ends right after its address is
 * read as having no arguments: OSC 1.0 asks receivers to tolerate such pre-type-tag senders.
 */
export function decodeMessage(bytes: Uint8Array, start: number, end: number): OscMessage {
  if (bytes[start] !== 0x2f) {
    throw new OscDecodeError('address', start, "address does not start with '/'");
  }
  const r = new Reader(bytes, start);
  const address = readString(r, end);
  if (r.pos === end) return { kind: 'message', address, args: [] };
  const tagStart = r.pos;
  if (bytes[tagStart] !== 0x2c) {
    throw new OscDecodeError('type-tag', tagStart, "type tag string does not start with ','");
  }
  const tagEnd = skipString(r, end, 'type tag string');
  const args = readArgs(r, tagStart + 1, tagEnd, end);
  if (r.pos !== end) {
    throw new OscDecodeError(
      'trailing-bytes',
      r.pos,
      `${end - r.pos} bytes after the last argument`,
    );
  }
  return { kind: 'message', address, args };
}

function addressLength(address: string): number {
  if (typeof address !== 'string' || address.charCodeAt(0) !== 0x2f) {
    throw new OscEncodeError(
      'address',
      `address must start with '/', got ${JSON.stringify(address)}`,
    );
  }
  const len = utf8Length(address);
  if (len < 0) {
    const what = len === UTF8_HAS_NUL ? 'NUL' : 'a lone UTF-16 surrogate';
    throw new OscEncodeError('address', `address ${JSON.stringify(address)} contains ${what}`);
  }
  return len;
}
