/** How the scheduler waits: a coarse callback timer plus a precise blocking finish. */
export interface SchedulerTimers {
  /** Calls `callback` after about `delayMs` (may be early or late by a millisecond or more). */
  setTimer(callback: () => void, delayMs: number): unknown;
  /** Cancels a timer from {@link setTimer}. */
  clearTimer(handle: unknown): void;
  /** Returns once the clock's `nowMs() >= untilMs`, never before. Blocks the calling thread. */
  waitUntil(untilMs: number): void;
}
