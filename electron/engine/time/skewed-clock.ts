/**
 * A deliberately wrong clock, for teaching: another clock plus a fixed offset and a drift, so one
 * laptop can play two machines whose clocks disagree (e.g. +250 ms, +50 ppm). Everything that
 * reads it (arrival stamps, timetags sent, the scheduler) lives in the skewed time, as it would on
 * a machine whose clock is really off.
 */
import { ntpFromUnixMs } from '../../../shared/osc/timetag';
import type { Clock } from './clock';

/** How far off a skewed clock is: `offsetMs` at its start, gaining `driftPpm` from then on. */
export interface ClockSkew {
  offsetMs: number;
  driftPpm: number;
}

/** No skew. */
export const NO_SKEW: ClockSkew = { offsetMs: 0, driftPpm: 0 };

/** The skews a teaching setting accepts: beyond these a clock is broken, not skewed. */
export const CLOCK_SKEW_LIMITS = {
  offsetMs: { min: -3_600_000, max: 3_600_000 },
  driftPpm: { min: -10_000, max: 10_000 },
} as const;

/** True when `skew` changes nothing. */
export function isNoSkew(skew: ClockSkew): boolean {
  return skew.offsetMs === 0 && skew.driftPpm === 0;
}

/**
 * Wraps `base`: now = base + offsetMs + driftPpm x 1e-6 x (base - base at creation). Returns
 * `base` itself when there is no skew. Thread: any; does not allocate beyond what `base` does.
 */
export function createSkewedClock(base: Clock, skew: ClockSkew): Clock {
  if (isNoSkew(skew)) return base;
  const startMs = base.nowMs();
  const rate = skew.driftPpm * 1e-6;
  const nowMs = (): number => {
    const b = base.nowMs();
    return b + skew.offsetMs + rate * (b - startMs);
  };
  return { nowMs, nowNtp: () => ntpFromUnixMs(nowMs()) };
}
