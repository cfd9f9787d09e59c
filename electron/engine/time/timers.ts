import type { Clock } from './clock';

/** How the scheduler waits: a coarse callback timer plus a precise blocking finish. */
export interface SchedulerTimers {
  /** Calls `callback` after about `delayMs` (may be early or late by a millisecond or more). */
  setTimer(callback: () => void, delayMs: number): unknown;
  /** Cancels a timer from {@link setTimer}. */
  clearTimer(handle: unknown): void;
  /** Returns once `clock.nowMs() >= untilMs`, never before. Blocks the calling thread. */
  waitUntil(untilMs: number): void;
}

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
