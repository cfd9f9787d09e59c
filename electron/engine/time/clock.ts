import { performance } from 'node:perf_hooks';
import { ntpFromUnixMs, type NtpTime } from '../../../shared/osc/timetag';

/** The engine's notion of now: Unix-epoch milliseconds with sub-ms resolution, and the same as NTP. */
export interface Clock {
  /** Unix-epoch ms (float, ~1 us resolution). Monotonic except when the wall clock steps. */
  nowMs(): number;
  /** The same instant as an NTP 32.32 timetag. */
  nowNtp(): NtpTime;
}

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
