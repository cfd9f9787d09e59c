import { describe, expect, it } from 'vitest';
import { ntpToUnixMs } from '../osc/timetag';
import { FakeClock } from './fake-clock';

describe('FakeClock', () => {
  it('stands still until advanced, then fires due timers in time order at their due time', () => {
    const clock = new FakeClock({ startMs: 1000 });
    const fired: Array<[string, number]> = [];
    clock.setTimer(() => fired.push(['b', clock.nowMs()]), 20);
    clock.setTimer(() => fired.push(['a', clock.nowMs()]), 10);
    clock.setTimer(() => fired.push(['late', clock.nowMs()]), 50);
    expect(clock.nowMs()).toBe(1000);
    clock.advance(30);
    expect(fired).toEqual([
      ['a', 1010],
      ['b', 1020],
    ]);
    expect(clock.nowMs()).toBe(1030);
    expect(clock.pendingTimers).toBe(1);
  });

  it('fires timers due together in the order they were set, then ones they set', () => {
    const clock = new FakeClock({ startMs: 0 });
    const fired: string[] = [];
    clock.setTimer(() => fired.push('first'), 5);
    clock.setTimer(() => {
      fired.push('second');
      clock.setTimer(() => fired.push('chained'), 0);
    }, 5);
    clock.setTimer(() => fired.push('third'), 5);
    clock.advanceTo(5);
    expect(fired).toEqual(['first', 'second', 'third', 'chained']);
  });

  it('cancels a timer, and serves the page timer shape on the same timeline', () => {
    const clock = new FakeClock({ startMs: 0 });
    const fired: number[] = [];
    const kept = clock.setTimeout(() => fired.push(clock.now()), 10);
    const dropped = clock.setTimeout(() => fired.push(-1), 5);
    clock.clearTimeout(dropped);
    clock.clearTimer({}); // not one of its timers: ignored
    clock.advance(100);
    expect(fired).toEqual([10]);
    expect(kept).not.toBe(dropped);
  });

  it('models an imprecise coarse timer and a precise wait that overshoots', () => {
    const clock = new FakeClock({ startMs: 0, timerErrorMs: () => -3, waitOvershootMs: 0.02 });
    let firedAtMs = NaN;
    clock.setTimer(() => (firedAtMs = clock.nowMs()), 10);
    clock.setTimer(() => undefined, 1); // never due before now, however early the timer runs
    clock.advance(20);
    expect(firedAtMs).toBe(7);
    clock.waitUntil(25);
    clock.waitUntil(10); // already past: returns at once
    expect(clock.nowMs()).toBeCloseTo(25.02, 9);
    expect(clock.waits).toEqual([
      [20, 25],
      [clock.nowMs(), 10],
    ]);
  });

  it('reads the same instant as an NTP timetag, starting at a fixed Unix time by default', () => {
    const clock = new FakeClock();
    expect(clock.nowMs()).toBe(Date.UTC(2026, 10, 20, 12, 0, 0));
    clock.advance(1.5);
    expect(ntpToUnixMs(clock.nowNtp())).toBeCloseTo(clock.nowMs(), 6);
  });
});
