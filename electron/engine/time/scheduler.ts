import { ntpToUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import type { Clock } from './clock';
import { Timeline } from './timeline';
import type { EngineTimers } from './timers';
import { createLoopRounds } from './loop-rounds';
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
  timers: EngineTimers;
  /** Most events queued at once; `schedule` returns null beyond it (bounded memory). */
  capacity?: number;
  /**
   * Wake at least this long before a target and finish precisely: covers setTimeout firing early
   * or late. The margin grows to the timer's worst recent lateness, up to `maxCoarseMarginMs`.
   */
  coarseMarginMs?: number;
  maxCoarseMarginMs?: number;
  /** Within the coarse margin, while the loop is idle, the thread sleeps at most this long. */
  sliceMs?: number;
  /**
   * Dispatching events back to back (a crowd due together) lets the loop go round after this
   * long, so a flood of due events cannot keep the sockets unread.
   */
  maxRunMs?: number;
  /** Observes every dispatch (statistics); called before the event's own callback. */
  onDispatch?: (info: DispatchInfo) => void;
  /** A callback threw: reported here, the scheduler goes on. */
  onError?: (error: unknown, info: DispatchInfo) => void;
}

/** How an event is waited for. */
export interface ScheduleOptions {
  /**
   * true (default): dispatched within tens of µs of its target, the thread spinning through the
   * last stretch before it. false: at its target or up to about a millisecond after, without the
   * thread ever blocking for it (for a crowd of events whose precision would cost every other
   * sender theirs: the receive path's for a sender with many waiting). Never early either way.
   */
  isPrecise?: boolean;
}

/** Dispatches callbacks at their NTP target times, never early. */
export interface Scheduler {
  /** Queues `callback` at `target`; returns an id, or null when the queue is full. */
  schedule(target: NtpTime, callback: DispatchCallback, options?: ScheduleOptions): number | null;
  /** Removes a queued event; false when it already ran or never existed. */
  cancel(id: number): boolean;
  /** Moves a queued event to a new target. */
  reschedule(id: number, target: NtpTime): boolean;
  /** Events waiting. */
  readonly size: number;
  /** Drops every event and stops the timer. */
  dispose(): void;
}

/** Relaxed events are not dispatched this close to a precise one (each takes some µs). */
const RELAXED_GUARD_MS = 0.5;

interface Pending {
  targetNtp: NtpTime;
  callback: DispatchCallback;
}

/**
 * The precise scheduler. Sleeps on a coarse timer until `coarseMarginMs` before the earliest
 * precise target, then shares the thread with the event loop (loop-rounds.ts: sleeps and rounds,
 * so sockets are read while it waits) and blocks only through the final stretch before
 * dispatching with the measured error. Relaxed events are dispatched when due, never blocked
 * for. Timed events close together therefore never keep the sockets unread. Thread: whichever
 * thread owns it (the engine's); callbacks run on that thread.
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const { clock, timers } = options;
  const coarse = createWakeMargin({
    minMs: options.coarseMarginMs ?? 2,
    maxMs: options.maxCoarseMarginMs ?? 8,
    guardMs: 0.25,
  });
  const rounds = createLoopRounds({ clock, timers, sliceMs: options.sliceMs });
  const maxRunMs = options.maxRunMs ?? 1;
  const capacity = options.capacity ?? 100_000;
  const precise = new Timeline<Pending>(capacity);
  // Its ids are given out negated, so one id says which queue an event is in.
  const relaxed = new Timeline<Pending>(capacity);
  const queueOf = (id: number): Timeline<Pending> => (id < 0 ? relaxed : precise);
  let timer: unknown = null;
  /** When the armed coarse timer was asked to fire (Unix ms), to learn its lateness. */
  let wakeAtMs = 0;
  /** When the loop was given a round (Unix ms); null while no round is pending. */
  let yieldedAtMs: number | null = null;
  /** The coarse timer was armed for the precise head (not for a relaxed event). */
  let isArmedForPrecise = false;
  /** The precise event whose approach has started (sleeps, rounds, the final spin). */
  let approachingId: number | null = null;
  let isRunning = false;
  let isDisposed = false;

  /** The coarse timer: a margin before the earliest precise event, or at the earliest relaxed one. */
  const arm = (): void => {
    if (yieldedAtMs !== null) return; // the pending round looks at the queues again
    if (timer !== null) timers.clearTimer(timer);
    timer = null;
    const p = precise.peek();
    const r = relaxed.peek();
    if ((!p && !r) || isDisposed) return;
    const preciseWakeMs = p ? p.timeMs - coarse.currentMs : Infinity;
    const wakeMs = Math.min(preciseWakeMs, r?.timeMs ?? Infinity);
    isArmedForPrecise = wakeMs === preciseWakeMs;
    const nowMs = clock.nowMs();
    const delayMs = Math.max(0, wakeMs - nowMs);
    wakeAtMs = nowMs + delayMs;
    timer = timers.setTimer(onCoarseWake, delayMs);
  };

  /** Lets the event loop go round once, then carries on. */
  const yieldToLoop = (): void => {
    yieldedAtMs = clock.nowMs();
    if (timers.yieldToLoop) timers.yieldToLoop(onLoopRound);
    else timer = timers.setTimer(onLoopRound, 0);
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

  function onCoarseWake(): void {
    timer = null;
    coarse.record(clock.nowMs() - wakeAtMs);
    run(isArmedForPrecise);
  }

  function onLoopRound(): void {
    if (yieldedAtMs === null) return; // disposed meanwhile
    timer = null;
    rounds.record(clock.nowMs() - yieldedAtMs);
    yieldedAtMs = null;
    run(false);
  }

  /**
   * Dispatches what is due; returns true when it gave the loop a round (and will be back).
   * `isCoarseWake`: the coarse timer armed for the precise head woke us, maybe early.
   */
  function dispatchDue(isCoarseWake: boolean): boolean {
    let runStartMs: number | null = null;
    while (!isDisposed) {
      const p = precise.peek();
      const r = relaxed.peek();
      if (!p && !r) return false;
      const nowMs = clock.nowMs();
      const isRunLong = runStartMs !== null && nowMs - runStartMs > maxRunMs;
      // A relaxed event that is due goes now, unless a precise one is due within the guard:
      // relaxed ones wait behind it rather than make it late.
      if (r && r.timeMs <= nowMs && !(p && p.timeMs - nowMs <= RELAXED_GUARD_MS)) {
        if (isRunLong) return giveRound();
        relaxed.shift();
        runStartMs ??= nowMs;
        dispatch(-r.id, r.value, r.timeMs);
        continue;
      }
      const remainingMs = p ? p.timeMs - nowMs : Infinity;
      // The approach to a precise event starts a coarse margin before it (the coarse timer may
      // fire up to 2 ms early: then it starts at once rather than sleep again for that little,
      // and goes on so through the rounds it gives).
      const startsMs = coarse.currentMs + (isCoarseWake || p?.id === approachingId ? 2 : 0);
      if (p && remainingMs <= startsMs) {
        approachingId = p.id;
        if (rounds.shouldGive(remainingMs, isRunLong)) return giveRound();
        if (remainingMs > 0) timers.waitUntil(p.timeMs);
        precise.shift();
        approachingId = null;
        runStartMs ??= clock.nowMs();
        dispatch(p.id, p.value, p.timeMs);
        continue;
      }
      // Nothing precise soon (or the coarse timer fired very early: sleep again rather than block
      // the thread long). A relaxed event soon is met by rounds while the loop is busy, else by
      // the coarse timer: it is never blocked for.
      const relaxedInMs = r ? r.timeMs - nowMs : Infinity;
      return relaxedInMs < coarse.currentMs + 2 && rounds.isBusy ? giveRound() : false;
    }
    return false;
  }

  const giveRound = (): true => {
    yieldToLoop();
    return true;
  };

  function run(isCoarseWake: boolean): void {
    if (isDisposed) return;
    isRunning = true;
    let isBack: boolean;
    try {
      isBack = dispatchDue(isCoarseWake);
    } finally {
      isRunning = false;
    }
    if (!isBack) arm();
  }

  /** Re-arms when an event became or stopped being the head of its queue. */
  const rearm = (queue: Timeline<Pending>, wasHead: boolean, entry: unknown): void => {
    if (!isRunning && (timer === null || wasHead || queue.peek() === entry)) arm();
  };

  return {
    schedule(target, callback, scheduleOptions) {
      if (isDisposed || precise.size + relaxed.size >= capacity) return null;
      const isPrecise = scheduleOptions?.isPrecise ?? true;
      const queue = isPrecise ? precise : relaxed;
      const entry = queue.add(ntpToUnixMs(target), { targetNtp: target, callback });
      if (!entry) return null;
      rearm(queue, false, entry);
      return isPrecise ? entry.id : -entry.id;
    },
    cancel(id) {
      const queue = queueOf(id);
      const entry = queue.get(Math.abs(id));
      if (!entry) return false;
      const wasHead = queue.peek() === entry;
      queue.cancel(entry.id);
      if (wasHead && !isRunning) arm();
      return true;
    },
    reschedule(id, target) {
      const queue = queueOf(id);
      const entry = queue.get(Math.abs(id));
      if (!entry) return false;
      const wasHead = queue.peek() === entry;
      entry.value.targetNtp = target;
      queue.reschedule(entry.id, ntpToUnixMs(target));
      rearm(queue, wasHead, entry);
      return true;
    },
    get size() {
      return precise.size + relaxed.size;
    },
    dispose() {
      isDisposed = true;
      precise.clear();
      relaxed.clear();
      if (timer !== null) timers.clearTimer(timer);
      timer = null;
      yieldedAtMs = null;
    },
  };
}
