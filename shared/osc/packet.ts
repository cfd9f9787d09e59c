/**
 * Top-level encode and decode of whole datagrams.
 */
import { decodeElement, packetSize, putPacket } from './bundle';
import { OscDecodeError } from './errors';
import type { NtpTime } from './timetag';
import type { OscPacket } from './types';

/** Encodes a message or bundle into one exactly sized buffer; throws `OscEncodeError` if invalid. */
export function encodePacket(p: OscPacket): Uint8Array {
  const out = new Uint8Array(packetSize(p));
  putPacket(out, 0, p);
  return out;
}

/** Encodes a bundle; the timetag is written exactly as given (1n and 0n both mean "now"). */
export function encodeBundle(timetag: NtpTime, elements: OscPacket[]): Uint8Array {
  return encodePacket({ kind: 'bundle', timetag, elements });
}

/**
 * Decodes one datagram, strictly: anything malformed throws `OscDecodeError` (and nothing
 * else is thrown). Works on any view, e.g. a Node Buffer sliced from a shared pool; the
 * result never aliases `bytes`.
 */
export function decodePacket(bytes: Uint8Array): OscPacket {
  const n = bytes.length;
  if (n === 0) throw new OscDecodeError('size', 0, 'empty packet');
  if (n % 4 !== 0) throw new OscDecodeError('size', n, `packet size ${n} is not a multiple of 4`);
  return decodeElement(bytes, 0, n, 0);
}
