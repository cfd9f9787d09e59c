import { ntpToUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import type { Clock } from './clock';
import { Timeline } from './timeline';
import type { SchedulerTimers } from './timers';
import { createWakeMargin } from './wake-margin';

/** What a dispatched callback is told: the exact target and how close we came. */
export interface DispatchInfo {
  readonly id: number;
  /** The exact target as given (NTP 32.32). */
  readonly targetNtp: NtpTime;
  /** The target as Unix ms (float). */
  readonly targetMs: number;
  /** When the callback actually started, Unix ms. */
  readonly dispatchedMs: number;
  /** dispatchedMs - targetMs: >= 0 unless the target was already past when scheduled. */
  readonly errorMs: number;
}

/** A scheduled callback. */
export type DispatchCallback = (info: DispatchInfo) => void;

/** Options for {@link createScheduler}. */
export interface SchedulerOptions {
  clock: Clock;
  timers: SchedulerTimers;
  /** Most events queued at once; `schedule` returns null beyond it (bounded memory). */
  capacity?: number;
  /**
   * Wake at least this long before a target and finish precisely: covers setTimeout firing early
   * or late. The margin grows to the timer's worst recent lateness, up to `maxCoarseMarginMs`.
   */
  coarseMarginMs?: number;
  maxCoarseMarginMs?: number;
  /** Observes every dispatch (statistics); called before the event's own callback. */
  onDispatch?: (info: DispatchInfo) => void;
  /** A callback threw: reported here, the scheduler goes on. */
  onError?: (error: unknown, info: DispatchInfo) => void;
}

/** Dispatches callbacks at their NTP target times, never early. */
export interface Scheduler {
  /** Queues `callback` at `target`; returns an id, or null when the queue is full. */
  schedule(target: NtpTime, callback: DispatchCallback): number | null;
  /** Removes a queued event; false when it already ran or never existed. */
  cancel(id: number): boolean;
  /** Moves a queued event to a new target. */
  reschedule(id: number, target: NtpTime): boolean;
  /** Events waiting. */
  readonly size: number;
  /** Drops every event and stops the timer. */
  dispose(): void;
}

interface Pending {
  targetNtp: NtpTime;
  callback: DispatchCallback;
}

/**
 * The precise scheduler. Sleeps on a coarse timer until `coarseMarginMs` before the earliest
 * target, then blocks precisely (timers.waitUntil) and dispatches with the measured error.
 * Thread: whichever thread owns it (the engine's); callbacks run on that thread.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { clock, timers } = options;
  const coarse = createWakeMargin({
    minMs: options.coarseMarginMs ?? 2,
    maxMs: options.maxCoarseMarginMs ?? 8,
    guardMs: 0.25,
  });
  const timeline = new Timeline<Pending>(options.capacity ?? 100_000);
  let timer: unknown = null;
  /** When the armed coarse timer was asked to fire (Unix ms), to learn its lateness. */
  let wakeAtMs = 0;
  let isRunning = false;
  let isDisposed = false;

  const arm = (): void => {
    if (timer !== null) timers.clearTimer(timer);
    timer = null;
    const head = timeline.peek();
    if (!head || isDisposed) return;
    const nowMs = clock.nowMs();
    const delayMs = Math.max(0, head.timeMs - nowMs - coarse.currentMs);
    wakeAtMs = nowMs + delayMs;
    timer = timers.setTimer(run, delayMs);
  };

  const dispatch = (id: number, pending: Pending, targetMs: number): void => {
    const dispatchedMs = clock.nowMs();
    const info: DispatchInfo = {
      id,
      targetNtp: pending.targetNtp,
      targetMs,
      dispatchedMs,
      errorMs: dispatchedMs - targetMs,
    };
    try {
      options.onDispatch?.(info);
      pending.callback(info);
    } catch (error) {
      options.onError?.(error, info);
    }
  };

  function run(): void {
    timer = null;
    isRunning = true;
    coarse.record(clock.nowMs() - wakeAtMs);
    try {
      for (let head = timeline.peek(); head && !isDisposed; head = timeline.peek()) {
        const remainingMs = head.timeMs - clock.nowMs();
        // The coarse timer fired very early: sleep again rather than block the thread long.
        if (remainingMs > coarse.currentMs + 2) break;
        if (remainingMs > 0) timers.waitUntil(head.timeMs);
        timeline.shift();
        dispatch(head.id, head.value, head.timeMs);
      }
    } finally {
      isRunning = false;
    }
    arm();
  }

  const rearmIfHead = (id: number): void => {
    if (!isRunning && (timer === null || timeline.peek()?.id === id)) arm();
  };

  return {
    schedule(target, callback) {
      if (isDisposed) return null;
      const entry = timeline.add(ntpToUnixMs(target), { targetNtp: target, callback });
      if (!entry) return null;
      rearmIfHead(entry.id);
      return entry.id;
    },
    cancel(id) {
      const wasHead = timeline.peek()?.id === id;
      const ok = timeline.cancel(id);
      if (ok && wasHead && !isRunning) arm();
      return ok;
    },
    reschedule(id, target) {
      const entry = timeline.get(id);
      if (!entry) return false;
      const wasHead = timeline.peek() === entry;
      entry.value.targetNtp = target;
      timeline.reschedule(id, ntpToUnixMs(target));
      if (!isRunning && (wasHead || timeline.peek() === entry)) arm();
      return true;
    },
    get size() {
      return timeline.size;
    },
    dispose() {
      isDisposed = true;
      timeline.clear();
      if (timer !== null) timers.clearTimer(timer);
      timer = null;
    },
  };
}
