import type { Clock } from '../../../shared/time/clock';
import type { SchedulerTimers } from '../../../shared/time/timers';

/** Defined in shared/ (shared code and the renderer use it too); re-exported for the engine. */
export type { SchedulerTimers };

/**
 * The scheduler's timers on the engine, which can also let the event loop go round once, so
 * sockets are read between the short sleeps before a precise dispatch. Without `yieldToLoop`
 * (the virtual clock) a zero-delay timer stands in for it.
 */
export interface EngineTimers extends SchedulerTimers {
  /** Calls `callback` once, after the event loop has read what I/O is ready (setImmediate). */
  yieldToLoop?(callback: () => void): void;
  /** Sleeps about `ms`, blocking, without spinning (default: `waitUntil(now + ms)`). */
  sleep?(ms: number): void;
  /** How late a {@link sleep} may wake, ms (default 0: exact, as virtual time is). */
  readonly sleepLatencyMs?: number;
}

/** Options for {@link createRealTimers}. */
export interface RealTimersOptions {
  /** The last stretch before a target is spun instead of slept (the OS wakes sleepers late). */
  spinMs?: number;
}

/** Loads of a shared cell between two clock reads in the spin (about 0.5 µs here)... */
const SPIN_PAUSE = 50;
/** ...while more than this remains, ms; the last µs are read back to back. */
const SPIN_PAUSE_ABOVE_MS = 0.005;

/** The longest delay `setTimeout` honours (a signed 32-bit count of ms). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Real timers: `setTimeout` for the coarse wait (keeps the event loop free), `setImmediate` to let
 * the loop go round, then `Atomics.wait`
 * with a fractional-ms timeout (a futex sleep: no CPU) until `spinMs` before the target, then a
 * short spin on the clock. Node allows `Atomics.wait` on any thread, unlike browsers.
 */
export function createRealTimers(clock: Clock, options: RealTimersOptions = {}): EngineTimers {
  const spinMs = options.spinMs ?? 0.25;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  return {
    // Node fires a longer timeout after 1 ms (with a warning): a timetag weeks ahead would wake
    // the scheduler every millisecond. Waking after ~24.8 days and sleeping again is harmless.
    setTimer: (callback, delayMs) => setTimeout(callback, Math.min(delayMs, MAX_TIMEOUT_MS)),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    yieldToLoop: (callback) => void setImmediate(callback),
    sleep: (ms) => void Atomics.wait(cell, 0, 0, ms),
    sleepLatencyMs: spinMs,
    waitUntil(untilMs) {
      for (;;) {
        const remaining = untilMs - clock.nowMs();
        if (remaining <= 0) return;
        // Nobody notifies `cell`: this is a sleep with sub-ms resolution.
        if (remaining > spinMs) Atomics.wait(cell, 0, 0, remaining - spinMs);
        // Each read of the clock (a native call) leaves a number for the collector: while more
        // than a few µs remain, the spin reads it about every half µs rather than back to back.
        else if (remaining > SPIN_PAUSE_ABOVE_MS)
          for (let i = 0; i < SPIN_PAUSE; i++) Atomics.load(cell, 0);
      }
    },
  };
}
