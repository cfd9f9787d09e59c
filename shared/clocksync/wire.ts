/**
 * The clock exchange on the wire, on Syncroscope's own addresses: `/syncroscope/clock/ping t1`
 * answered by `/syncroscope/clock/pong t1 t2 t3`. Every timestamp is an OSC `t` atom (NTP 32.32),
 * so nothing is rounded on the way. t1: the pinger's send time; t2: the ping's arrival at the
 * responder; t3: the pong's send time (both in the responder's clock).
 */
import { encodeMessage, type OscMessage } from '../osc';
import type { NtpTime } from '../osc/timetag';

/** Where a pinger sends. */
export const CLOCK_PING_ADDRESS = '/syncroscope/clock/ping';
/** Where the answer goes (back to the pinger's socket). */
export const CLOCK_PONG_ADDRESS = '/syncroscope/clock/pong';
/** Both clock addresses: traffic on them is clock plumbing, not a peer's content. */
export const CLOCK_ADDRESSES: readonly string[] = [CLOCK_PING_ADDRESS, CLOCK_PONG_ADDRESS];

/** A pong's three timestamps. */
export interface ClockPong {
  /** The ping's send time, in the pinger's clock (echoed). */
  t1: NtpTime;
  /** The ping's arrival, in the responder's clock. */
  t2: NtpTime;
  /** The pong's send time, in the responder's clock. */
  t3: NtpTime;
}

/** True for the clock exchange's own addresses. */
export function isClockAddress(address: string): boolean {
  return address === CLOCK_PING_ADDRESS || address === CLOCK_PONG_ADDRESS;
}

/** The ping datagram. */
export function encodeClockPing(t1: NtpTime): Uint8Array {
  return encodeMessage(CLOCK_PING_ADDRESS, [{ type: 't', value: t1 }]);
}

/** The pong datagram. */
export function encodeClockPong(pong: ClockPong): Uint8Array {
  return encodeMessage(CLOCK_PONG_ADDRESS, [
    { type: 't', value: pong.t1 },
    { type: 't', value: pong.t2 },
    { type: 't', value: pong.t3 },
  ]);
}

/** t1 of a ping; null when `message` is not a well-formed ping. */
export function parseClockPing(message: OscMessage): NtpTime | null {
  if (message.address !== CLOCK_PING_ADDRESS || message.args.length !== 1) return null;
  const [a] = message.args;
  return a?.type === 't' ? a.value : null;
}

/** The timestamps of a pong; null when `message` is not a well-formed pong. */
export function parseClockPong(message: OscMessage): ClockPong | null {
  if (message.address !== CLOCK_PONG_ADDRESS || message.args.length !== 3) return null;
  const [a, b, c] = message.args;
  if (a?.type !== 't' || b?.type !== 't' || c?.type !== 't') return null;
  return { t1: a.value, t2: b.value, t3: c.value };
}
