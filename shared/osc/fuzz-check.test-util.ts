/**
 * What a fuzz case must satisfy once decoded: a refusal is an OscDecodeError with a known code
 * and an offset inside the datagram; a packet re-encodes, decodes back to itself, and comes out
 * as the very bytes that went in unless a documented normalisation explains the difference.
 */
import { OSC_DECODE_ERROR_CODES, OscDecodeError, OscEncodeError } from './errors';
import { decodePacket, encodePacket } from './packet';
import { isImmediate } from './timetag';
import type { OscArg, OscPacket } from './types';

/** The outcome of one decode, checked. */
export type DecodeVerdict =
  | { ok: true; packet: OscPacket; ms: number; problem: string | null }
  | { ok: false; error: OscDecodeError; ms: number; problem: string | null }
  | { ok: false; error: unknown; ms: number; problem: string };

const KNOWN_CODES = new Set<string>(OSC_DECODE_ERROR_CODES);

/**
 * Decodes `bytes` and checks the outcome; `problem` is null when all is as it must be. `decode`
 * is the decoder under test (a broken one, to show that these checks catch it).
 */
export function checkDecode(bytes: Uint8Array, decode = decodePacket): DecodeVerdict {
  const t0 = Date.now();
  let packet: OscPacket;
  try {
    packet = decode(bytes);
  } catch (error) {
    const ms = Date.now() - t0;
    if (!(error instanceof OscDecodeError)) {
      return { ok: false, error, ms, problem: `threw ${String(error)}, not an OscDecodeError` };
    }
    return { ok: false, error, ms, problem: refusalProblem(error, bytes.length) };
  }
  const ms = Date.now() - t0;
  return { ok: true, packet, ms, problem: packetProblem(packet, bytes, decode) };
}

function refusalProblem(e: OscDecodeError, length: number): string | null {
  if (!KNOWN_CODES.has(e.code)) return `unknown code ${JSON.stringify(e.code)}`;
  if (!Number.isInteger(e.offset) || e.offset < 0 || e.offset > length) {
    return `offset ${e.offset} is outside the ${length}-byte datagram`;
  }
  if (!e.message.endsWith(`at byte ${e.offset}`) || e.message.length < 20) {
    return `message ${JSON.stringify(e.message)} does not say what and where`;
  }
  return null;
}

interface Traits {
  hasNaN: boolean;
  /** Messages without arguments: each may have come without a type tag string (pre-1.0). */
  argless: number;
  isAliased: boolean;
}

function packetProblem(
  packet: OscPacket,
  input: Uint8Array,
  decode: (bytes: Uint8Array) => OscPacket,
): string | null {
  const first = reencode(packet);
  if (typeof first === 'string') return first;
  const { bytes: encoded, isClamped } = first;
  let again: Uint8Array;
  try {
    again = encodePacket(decode(encoded));
  } catch (error) {
    return `re-encoded packet does not decode: ${String(error)}`;
  }
  if (!sameBytes(encoded, again)) return 'decode(encode(decoded)) is not stable';
  const traits: Traits = { hasNaN: false, argless: 0, isAliased: false };
  inspect(packet, input.buffer, traits);
  if (traits.isAliased) return 'a blob or MIDI argument aliases the input buffer';
  if (isClamped || traits.hasNaN) return null; // bytes may differ; the model is checked above
  const grown = encoded.length - input.length;
  if (grown === 0 && sameBytes(encoded, input)) return null;
  if (grown > 0 && grown % 4 === 0 && grown / 4 <= traits.argless) return null; // ",\0\0\0" added
  return `re-encoded bytes differ from the input (${encoded.length} vs ${input.length} bytes)`;
}

/**
 * The packet's bytes as the encoder writes them; a nested bundle earlier than its parent (which
 * the decoder accepts on purpose, as liblo and Pd do) is clamped first, as `flattenPacket` reads it.
 */
function reencode(packet: OscPacket): { bytes: Uint8Array; isClamped: boolean } | string {
  try {
    return { bytes: encodePacket(packet), isClamped: false };
  } catch (error) {
    if (!(error instanceof OscEncodeError) || error.code !== 'timetag-order') {
      return `decoded packet does not re-encode: ${String(error)}`;
    }
  }
  try {
    return { bytes: encodePacket(clampNested(packet, 0n)), isClamped: true };
  } catch (error) {
    return `decoded packet does not re-encode after clamping: ${String(error)}`;
  }
}

/** True when two verdicts say the same: the same refusal (code and offset) or the same packet. */
export function sameOutcome(a: DecodeVerdict, b: DecodeVerdict): boolean {
  if (a.ok && b.ok) {
    const [x, y] = [reencode(a.packet), reencode(b.packet)];
    return typeof x !== 'string' && typeof y !== 'string' && sameBytes(x.bytes, y.bytes);
  }
  if (a.ok || b.ok) return false;
  const [x, y] = [a.error, b.error];
  return (
    x instanceof OscDecodeError &&
    y instanceof OscDecodeError &&
    x.code === y.code &&
    x.offset === y.offset
  );
}

/**
 * `bytes` copied into a larger buffer at an odd offset, between garbage: how a Node Buffer sliced
 * from the receive pool looks. A decoder that reads outside its view decodes this differently.
 */
export function inForeignBuffer(bytes: Uint8Array): Uint8Array {
  const pool = new Uint8Array(bytes.length + 11).fill(0xa5);
  pool.set(bytes, 3);
  return pool.subarray(3, 3 + bytes.length);
}

/** Raises nested timetags to their parent's, as `flattenPacket` reads them. */
function clampNested(p: OscPacket, parent: bigint): OscPacket {
  if (p.kind === 'message') return p;
  const raised = p.timetag < parent && !(isImmediate(p.timetag) && isImmediate(parent));
  const timetag = raised ? parent : p.timetag;
  return { ...p, timetag, elements: p.elements.map((e) => clampNested(e, timetag)) };
}

function inspect(p: OscPacket, input: ArrayBufferLike, t: Traits): void {
  if (p.kind === 'bundle') {
    for (const e of p.elements) inspect(e, input, t);
    return;
  }
  if (p.args.length === 0) t.argless++;
  inspectArgs(p.args, input, t);
}

function inspectArgs(args: OscArg[], input: ArrayBufferLike, t: Traits): void {
  for (const a of args) {
    if ((a.type === 'f' || a.type === 'd') && Number.isNaN(a.value)) t.hasNaN = true;
    if ((a.type === 'b' || a.type === 'm') && a.value.buffer === input) t.isAliased = true;
    if (a.type === 'array') inspectArgs(a.value, input, t);
  }
}

/** Byte-for-byte equality. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}
