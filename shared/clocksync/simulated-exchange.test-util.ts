/**
 * Synthetic clock exchanges for tests: a peer clock that is `offsetMs` ahead of ours at `epochMs`
 * and gains `driftPpm`, reached over a path whose two legs and processing time the test chooses.
 * The timestamps are what a real pinger and responder would read, as exact NTP values.
 */
import { ntpFromUnixMs } from '../osc/timetag';
import type { ClockExchange } from './sample';

/** A peer clock relative to the local one. */
export interface PeerClockModel {
  offsetMs: number;
  driftPpm: number;
  /** Local Unix ms at which the offset is exactly `offsetMs`. */
  epochMs: number;
}

/** The peer's reading when the local clock reads `localMs`. */
export function peerMs(peer: PeerClockModel, localMs: number): number {
  return localMs + peer.offsetMs + peer.driftPpm * 1e-6 * (localMs - peer.epochMs);
}

/** The true offset (peer minus local) at local time `localMs`. */
export function trueOffsetMs(peer: PeerClockModel, localMs: number): number {
  return peerMs(peer, localMs) - localMs;
}

/** One exchange sent at local `sendMs`, the ping taking `upMs`, the pong `downMs`. */
export function simulateExchange(
  peer: PeerClockModel,
  sendMs: number,
  upMs: number,
  downMs: number,
  processingMs = 0.05,
): ClockExchange {
  const arriveMs = sendMs + upMs;
  const answerMs = arriveMs + processingMs;
  return {
    t1: ntpFromUnixMs(sendMs),
    t2: ntpFromUnixMs(peerMs(peer, arriveMs)),
    t3: ntpFromUnixMs(peerMs(peer, answerMs)),
    t4: ntpFromUnixMs(answerMs + downMs),
  };
}
