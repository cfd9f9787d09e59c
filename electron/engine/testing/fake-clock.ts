import { ntpFromUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import type { Clock } from '../time/clock';
import type { SchedulerTimers } from '../time/timers';

interface FakeTimer {
  dueMs: number;
  seq: number;
  callback: () => void;
}

/** Options for {@link FakeClock}. */
export interface FakeClockOptions {
  /** Where virtual time starts (Unix ms). */
  startMs?: number;
  /** How wrong the coarse timer is: returns ms added to each requested delay (negative = early). */
  timerErrorMs?: (delayMs: number) => number;
  /** How long `waitUntil` overshoots its target (the precise finish's own error). */
  waitOvershootMs?: number;
}

/**
 * Virtual time for tests: a clock and scheduler timers in one. Nothing moves until `advance`,
 * which fires due timers in time order with the clock set to each one's due time.
 */
export class FakeClock implements Clock, SchedulerTimers {
  private now: number;
  private seq = 0;
  private readonly pending = new Set<FakeTimer>();
  /** Every blocking wait made, as [fromMs, untilMs]: lets tests see how long a thread blocked. */
  readonly waits: Array<[number, number]> = [];

  constructor(private readonly options: FakeClockOptions = {}) {
    this.now = options.startMs ?? Date.UTC(2026, 10, 20, 12, 0, 0);
  }

  nowMs(): number {
    return this.now;
  }

  nowNtp(): NtpTime {
    return ntpFromUnixMs(this.now);
  }

  setTimer(callback: () => void, delayMs: number): unknown {
    const error = this.options.timerErrorMs?.(delayMs) ?? 0;
    const timer = { dueMs: this.now + Math.max(0, delayMs + error), seq: this.seq++, callback };
    this.pending.add(timer);
    return timer;
  }

  clearTimer(handle: unknown): void {
    this.pending.delete(handle as FakeTimer);
  }

  waitUntil(untilMs: number): void {
    const from = this.now;
    if (untilMs > this.now) this.now = untilMs + (this.options.waitOvershootMs ?? 0);
    this.waits.push([from, untilMs]);
  }

  /** Number of timers waiting to fire. */
  get pendingTimers(): number {
    return this.pending.size;
  }

  /** Moves virtual time forward by `ms`, firing every timer due on the way, in order. */
  advance(ms: number): void {
    this.advanceTo(this.now + ms);
  }

  /** Moves virtual time to `targetMs`, firing due timers in order. */
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
      if (next.dueMs > this.now) this.now = next.dueMs;
      next.callback();
    }
    if (targetMs > this.now) this.now = targetMs;
  }
}
