import { performance } from 'node:perf_hooks';
import { ntpFromUnixMs } from '../../../shared/osc/timetag';
import type { Clock } from '../../../shared/time/clock';

/** Defined in shared/ (shared code and the renderer use it too); re-exported for the engine. */
export type { Clock };

/** Options for {@link createSystemClock}. */
export interface SystemClockOptions {
  /** Re-anchor to the wall clock when it differs from the monotonic estimate by more than this. */
  stepThresholdMs?: number;
  /** Called after a wall-clock step was detected (e.g. an NTP daemon set the time). */
  onStep?: (stepMs: number) => void;
}

/**
 * The system clock: a monotonic high-resolution counter anchored to the wall clock.
 * `performance.now()` never jumps and resolves microseconds; `Date.now()` only resolves whole ms
 * but follows the operating system's time. We read the first and follow the second's steps.
 */
export function createSystemClock(options: SystemClockOptions = {}): Clock {
  const stepThresholdMs = options.stepThresholdMs ?? 20;
  let anchorWallMs = performance.timeOrigin;
  let anchorMonoMs = 0;

  const nowMs = (): number => {
    const mono = performance.now();
    const estimate = anchorWallMs + (mono - anchorMonoMs);
    const wall = Date.now();
    // Date.now() truncates to whole ms, so a healthy estimate sits in [wall, wall + 1).
    const drift = estimate - (wall + 0.5);
    if (drift > stepThresholdMs || drift < -stepThresholdMs) {
      anchorWallMs = wall + 0.5;
      anchorMonoMs = mono;
      options.onStep?.(-drift);
      return anchorWallMs;
    }
    return estimate;
  };
  return { nowMs, nowNtp: () => ntpFromUnixMs(nowMs()) };
}
