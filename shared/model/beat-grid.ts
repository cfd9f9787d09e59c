/**
 * The beat grid: when beat n happens, exactly, in NTP 32.32 units.
 *
 * Beat n = anchor + round(k * 60 s / bpm) with k = n - anchorBeat, rounded half up to the nearest
 * 2^-32 s and computed in bigint from the anchor every time. There is no rounded interval that
 * accumulates: every beat is within 0.5 unit (0.12 ns) of its ideal time, after a day as after a
 * second. (Rounding the interval once would drift by up to 0.5 unit per beat: up to 50 us a day at 300
 * BPM.) BPM is held in thousandths, so the ratio is exact. A BPM change re-anchors at a beat,
 * which keeps the phase continuous.
 */
import type { NtpTime } from '../osc/timetag';

const TWO32 = 1n << 32n;
/** 60 s in NTP units, times 1000 because BPM is held in thousandths. */
const MINUTE_UNITS_X1000 = 60n * TWO32 * 1000n;

/** A grid: beat `anchorBeat` is at `anchorNtp`, and beats follow every 60/bpm s from there. */
export interface BeatGrid {
  readonly anchorNtp: NtpTime;
  readonly anchorBeat: number;
  /** BPM in thousandths (120 BPM = 120000n). */
  readonly bpmMilli: bigint;
}

/** A grid whose beat `anchorBeat` is at `anchorNtp`. */
export function createBeatGrid(anchorNtp: NtpTime, bpm: number, anchorBeat = 0): BeatGrid {
  const bpmMilli = BigInt(Math.round(bpm * 1000));
  if (bpmMilli <= 0n) throw new RangeError(`BPM must be positive, got ${bpm}`);
  return { anchorNtp, anchorBeat, bpmMilli };
}

/** The duration of `beats` beats in NTP units, rounded half up. */
export function beatsToNtpUnits(beats: bigint, bpmMilli: bigint): bigint {
  return (2n * beats * MINUTE_UNITS_X1000 + bpmMilli) / (2n * bpmMilli);
}

/** The exact time of beat n (n >= anchorBeat). */
export function beatTime(grid: BeatGrid, n: number): NtpTime {
  if (n < grid.anchorBeat)
    throw new RangeError(`beat ${n} is before the anchor ${grid.anchorBeat}`);
  return grid.anchorNtp + beatsToNtpUnits(BigInt(n - grid.anchorBeat), grid.bpmMilli);
}

/** The first beat (>= anchorBeat) whose time is at or after `t`. */
export function firstBeatAtOrAfter(grid: BeatGrid, t: NtpTime): number {
  if (t <= grid.anchorNtp) return grid.anchorBeat;
  // An estimate from the exact ratio, then at most a step either way for the rounding.
  const k = ((t - grid.anchorNtp) * grid.bpmMilli) / MINUTE_UNITS_X1000;
  let n = grid.anchorBeat + Number(k);
  while (n > grid.anchorBeat && beatTime(grid, n - 1) >= t) n--;
  while (beatTime(grid, n) < t) n++;
  return n;
}

/** The same beats up to n, then `bpm` from beat n on: beat n keeps its time (phase continuity). */
export function rebaseGrid(grid: BeatGrid, n: number, bpm: number): BeatGrid {
  return createBeatGrid(beatTime(grid, n), bpm, n);
}

/** Half a beat in NTP units (how late a beat may be sent before it is skipped). */
export function halfBeatNtpUnits(grid: BeatGrid): bigint {
  return beatsToNtpUnits(1n, grid.bpmMilli) / 2n;
}
