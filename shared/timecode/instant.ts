/**
 * When frames happen, exactly, in NTP 32.32 units. Frame k of a run that started at `startNtp`
 * begins k x den/num seconds later; that instant is rarely a whole 2^-32 s tick, so a frame
 * starts on the first tick at or after it (never early, at most 0.23 ns late). Each instant is
 * computed from the start in bigint, never by adding up frame durations: k x 1001/30000 s
 * summed in floats is 14 ticks off after 4004 s and 5.6 us off after a day.
 */
import type { NtpTime } from '../osc/timetag';
import { ceilDiv, floorDiv } from './divide';
import { TimecodeError } from './errors';
import type { FrameRate } from './rate';

const TWO32 = 1n << 32n;

/** The first NTP tick of frame `frame` (any whole count, negative before the start). */
export function frameInstant(startNtp: NtpTime, frame: number | bigint, rate: FrameRate): NtpTime {
  return startNtp + ceilDiv(wholeFrame(frame) * BigInt(rate.den) * TWO32, BigInt(rate.num));
}

/**
 * The frame in progress at `nowNtp`: the last frame whose first tick is at or before it
 * (negative before the start). Exact at boundaries: `frameAt(s, frameInstant(s, k, r), r) === k`.
 */
export function frameAt(startNtp: NtpTime, nowNtp: NtpTime, rate: FrameRate): number {
  // frameInstant(k) <= t  <=>  k x den x 2^32 / num <= t - start, since t is a whole tick.
  return Number(floorDiv((nowNtp - startNtp) * BigInt(rate.num), BigInt(rate.den) * TWO32));
}

/** The first frame whose first tick is at or after `nowNtp` (the next one a sender owes). */
export function firstFrameAtOrAfter(startNtp: NtpTime, nowNtp: NtpTime, rate: FrameRate): number {
  return frameAt(startNtp, nowNtp - 1n, rate) + 1;
}

function wholeFrame(frame: number | bigint): bigint {
  if (typeof frame === 'bigint') return frame;
  if (!Number.isSafeInteger(frame)) {
    throw new TimecodeError('frame', `a frame count must be a whole number, got ${frame}`);
  }
  return BigInt(frame);
}
