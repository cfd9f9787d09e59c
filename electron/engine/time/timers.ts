import type { Clock } from '../../../shared/time/clock';
import type { SchedulerTimers } from '../../../shared/time/timers';

/** Defined in shared/ (shared code and the renderer use it too); re-exported for the engine. */
export type { SchedulerTimers };

/** Options for {@link createRealTimers}. */
export interface RealTimersOptions {
  /** The last stretch before a target is spun instead of slept (the OS wakes sleepers late). */
  spinMs?: number;
}

/**
 * Real timers: `setTimeout` for the coarse wait (keeps the event loop free), then `Atomics.wait`
 * with a fractional-ms timeout (a futex sleep: no CPU) until `spinMs` before the target, then a
 * short spin on the clock. Node allows `Atomics.wait` on any thread, unlike browsers.
 */
export function createRealTimers(clock: Clock, options: RealTimersOptions = {}): SchedulerTimers {
  const spinMs = options.spinMs ?? 0.25;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return {
    setTimer: (callback, delayMs) => setTimeout(callback, delayMs),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    waitUntil(untilMs) {
      for (;;) {
        const remaining = untilMs - clock.nowMs();
        if (remaining <= 0) return;
        // Nobody notifies `cell`: this is a sleep with sub-ms resolution.
        if (remaining > spinMs) Atomics.wait(cell, 0, 0, remaining - spinMs);
      }
    },
  };
}
