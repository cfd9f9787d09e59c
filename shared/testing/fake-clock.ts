/**
 * Virtual time for tests, the one fake clock of the project: the engine's `Clock`, the
 * scheduler's `SchedulerTimers` and the page's timer shape (`now`/`setTimeout`/`clearTimeout`, as
 * the renderer's throttles take) over one timeline. Nothing moves until `advance`, which fires due
 * timers in time order (ties in the order they were set) with the clock at each one's due time.
 */
import { ntpFromUnixMs, type NtpTime } from '../osc/timetag';
import type { Clock } from '../time/clock';
import type { SchedulerTimers } from '../time/timers';

interface FakeTimer {
  dueMs: number;
  seq: number;
  callback: () => void;
}

/** Options for {@link FakeClock}. */
export interface FakeClockOptions {
  /** Where virtual time starts, ms (default: a fixed Unix time; 0 to stand for a page's clock). */
  startMs?: number;
  /** How wrong the coarse timer is: returns ms added to each requested delay (negative = early). */
  timerErrorMs?: (delayMs: number) => number;
  /** How long `waitUntil` overshoots its target (the precise finish's own error). */
  waitOvershootMs?: number;
}

/** See the file comment. Construct with `new FakeClock(options)`. */
export class FakeClock implements Clock, SchedulerTimers {
  private nowAtMs: number;
  private seq = 0;
  private readonly pending = new Set<FakeTimer>();
  /** Every blocking wait made, as [fromMs, untilMs]: lets tests see how long a thread blocked. */
  readonly waits: Array<[number, number]> = [];

  constructor(private readonly options: FakeClockOptions = {}) {
    this.nowAtMs = options.startMs ?? Date.UTC(2026, 10, 20, 12, 0, 0);
  }

  /** Virtual now, ms. */
  nowMs(): number {
    return this.nowAtMs;
  }

  /** Virtual now as an NTP timetag. */
  nowNtp(): NtpTime {
    return ntpFromUnixMs(this.nowAtMs);
  }

  /** Fires `callback` at now + `delayMs` + `timerErrorMs` of virtual time, never before now. */
  setTimer(callback: () => void, delayMs: number): unknown {
    const error = this.options.timerErrorMs?.(delayMs) ?? 0;
    const timer = { dueMs: this.nowAtMs + Math.max(0, delayMs + error), seq: this.seq++, callback };
    this.pending.add(timer);
    return timer;
  }

  /** Cancels a timer from {@link setTimer} or {@link setTimeout}; unknown handles are ignored. */
  clearTimer(handle: unknown): void {
    this.pending.delete(handle as FakeTimer);
  }

  /** Jumps to `untilMs` (+ `waitOvershootMs`) without firing timers: the thread is blocked. */
  waitUntil(untilMs: number): void {
    const from = this.nowAtMs;
    if (untilMs > this.nowAtMs) this.nowAtMs = untilMs + (this.options.waitOvershootMs ?? 0);
    this.waits.push([from, untilMs]);
  }

  /** The page's name for {@link nowMs}. */
  now(): number {
    return this.nowAtMs;
  }

  /** The page's name for {@link setTimer}. */
  setTimeout(callback: () => void, delayMs: number): unknown {
    return this.setTimer(callback, delayMs);
  }

  /** The page's name for {@link clearTimer}. */
  clearTimeout(handle: unknown): void {
    this.clearTimer(handle);
  }

  /** Number of timers waiting to fire. */
  get pendingTimers(): number {
    return this.pending.size;
  }

  /** Moves virtual time forward by `ms`, firing every timer due on the way, in order. */
  advance(ms: number): void {
    this.advanceTo(this.nowAtMs + ms);
  }

  /** Moves virtual time to `targetMs`, firing due timers in order (including ones they set). */
  advanceTo(targetMs: number): void {
    for (;;) {
      let next: FakeTimer | undefined;
      for (const t of this.pending) {
        if (
          t.dueMs <= targetMs &&
          (!next || t.dueMs < next.dueMs || (t.dueMs === next.dueMs && t.seq < next.seq))
        )
          next = t;
      }
      if (!next) break;
      this.pending.delete(next);
      if (next.dueMs > this.nowAtMs) this.nowAtMs = next.dueMs;
      next.callback();
    }
    if (targetMs > this.nowAtMs) this.nowAtMs = targetMs;
  }
}
