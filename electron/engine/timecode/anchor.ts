/**
 * A frame anchor: "frame `frame` starts at `atNtp`, and frames follow at `rate`". The master runs
 * on one, the client's estimate is one, and every frame's instant is computed from it exactly
 * (shared/timecode frameInstant), never by adding up frame durations. Frames here are continuous
 * counts (they do not wrap at midnight); labels wrap when they are written.
 */
import type { NtpTime } from '../../../shared/osc/timetag';
import {
  firstFrameAtOrAfter,
  frameAt,
  frameInstant,
  type FrameRate,
} from '../../../shared/timecode';

/** Frame `frame` starts at `atNtp`; the next ones follow at `rate`. */
export interface FrameAnchor {
  readonly atNtp: NtpTime;
  readonly frame: number;
  readonly rate: FrameRate;
}

const TWO32 = 1n << 32n;

/** The first NTP tick of `frame` on this anchor. */
export function anchorInstant(a: FrameAnchor, frame: number): NtpTime {
  return frameInstant(a.atNtp, frame - a.frame, a.rate);
}

/** The frame in progress at `ntp` (the last one started at or before it). */
export function anchorFrameAt(a: FrameAnchor, ntp: NtpTime): number {
  return a.frame + frameAt(a.atNtp, ntp, a.rate);
}

/** The first frame starting at or after `ntp`. */
export function anchorNextFrame(a: FrameAnchor, ntp: NtpTime): number {
  return a.frame + firstFrameAtOrAfter(a.atNtp, ntp, a.rate);
}

/** One frame's duration in NTP units, rounded down (for tolerances, never for instants). */
export function frameUnits(rate: FrameRate): bigint {
  return (BigInt(rate.den) * TWO32) / BigInt(rate.num);
}

/** One frame's duration in ms (a float, for reports). */
export function frameMs(rate: FrameRate): number {
  return (rate.den * 1000) / rate.num;
}
