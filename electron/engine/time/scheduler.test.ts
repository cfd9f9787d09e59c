import { describe, expect, it } from 'vitest';
import { ntpAddMs, ntpFromUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import { createScheduler, type DispatchInfo } from './scheduler';
import { FakeClock } from '../../../shared/testing/fake-clock';

const setup = (clockOptions = {}) => {
  const clock = new FakeClock(clockOptions);
  const fired: DispatchInfo[] = [];
  const scheduler = createScheduler({ clock, timers: clock, onDispatch: (i) => fired.push(i) });
  const at = (ms: number): NtpTime => ntpAddMs(clock.nowNtp(), ms);
  return { clock, fired, scheduler, at };
};

describe('scheduler (virtual time)', () => {
  it('dispatches each event exactly at its target, in time order', () => {
    const { clock, fired, scheduler, at } = setup();
    const order: string[] = [];
    scheduler.schedule(at(300), () => order.push('c'));
    scheduler.schedule(at(100), () => order.push('a'));
    scheduler.schedule(at(200), () => order.push('b'));
    clock.advance(1000);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(fired.map((f) => f.errorMs)).toEqual([0, 0, 0]);
    expect(fired.map((f) => f.dispatchedMs - fired[0]!.dispatchedMs)).toEqual([0, 100, 200]);
  });

  it('passes the exact NTP target through to the callback', () => {
    const { clock, scheduler } = setup();
    const target = ntpFromUnixMs(clock.nowMs() + 123.456789) + 7n; // not on a ms boundary
    let seen: NtpTime | null = null;
    scheduler.schedule(target, (i) => (seen = i.targetNtp));
    clock.advance(200);
    expect(seen).toBe(target);
  });

  it('is never early even when the coarse timer fires up to 1.8 ms early', () => {
    const { clock, fired, scheduler, at } = setup({ timerErrorMs: () => -1.8 });
    for (let i = 1; i <= 50; i++) scheduler.schedule(at(i * 10 + 0.37), () => {});
    clock.advance(1000);
    expect(fired).toHaveLength(50);
    for (const f of fired) expect(f.errorMs).toBeGreaterThanOrEqual(0);
  });

  it('sleeps on the coarse timer and blocks only for the last couple of milliseconds', () => {
    const { clock, scheduler, at } = setup();
    scheduler.schedule(at(500), () => {});
    clock.advance(1000);
    expect(clock.waits).toHaveLength(1);
    const [from, until] = clock.waits[0]!;
    expect(until - from).toBeCloseTo(2, 6);
  });

  it('learns a coarse timer that fires late under load and wakes early enough from then on', () => {
    const { clock, fired, scheduler, at } = setup({ timerErrorMs: () => 2.4 });
    for (let i = 1; i <= 10; i++) scheduler.schedule(at(i * 50), () => {});
    clock.advance(1000);
    expect(fired).toHaveLength(10);
    expect(fired[0]!.errorMs).toBeCloseTo(0.4, 3); // woke 2.4 ms late against a 2 ms margin
    for (const f of fired.slice(1)) expect(f.errorMs).toBe(0);
  });

  it('re-arms instead of blocking when the coarse timer fires far too early', () => {
    let calls = 0;
    const { clock, fired, scheduler, at } = setup({
      timerErrorMs: () => (calls++ === 0 ? -400 : 0),
    });
    scheduler.schedule(at(500), () => {});
    clock.advance(1000);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.errorMs).toBe(0);
    for (const [from, until] of clock.waits) expect(until - from).toBeLessThanOrEqual(4);
  });

  it('dispatches an already-past target at once with its lateness as error', () => {
    const { clock, fired, scheduler, at } = setup();
    scheduler.schedule(at(-5), () => {});
    clock.advance(0);
    expect(fired).toHaveLength(1);
    expect(fired[0]!.errorMs).toBe(5);
  });

  it('cancels and reschedules queued events', () => {
    const { clock, scheduler, at } = setup();
    const order: string[] = [];
    const a = scheduler.schedule(at(100), () => order.push('a'))!;
    const b = scheduler.schedule(at(200), () => order.push('b'))!;
    scheduler.schedule(at(300), () => order.push('c'));
    expect(scheduler.cancel(a)).toBe(true);
    expect(scheduler.reschedule(b, at(400))).toBe(true);
    clock.advance(1000);
    expect(order).toEqual(['c', 'b']);
    expect(scheduler.cancel(a)).toBe(false);
  });

  it('a rescheduled event reports its new target', () => {
    const { clock, fired, scheduler, at } = setup();
    const id = scheduler.schedule(at(100), () => {})!;
    const moved = at(250);
    scheduler.reschedule(id, moved);
    clock.advance(1000);
    expect(fired[0]!.targetNtp).toBe(moved);
    expect(fired[0]!.dispatchedMs - (clock.nowMs() - 1000)).toBeCloseTo(250, 6);
  });

  it('an event scheduled from inside a callback runs at its own time', () => {
    const { clock, fired, scheduler, at } = setup();
    scheduler.schedule(at(10), () => {
      scheduler.schedule(at(5), () => {}); // 5 ms after the first callback's time
    });
    clock.advance(100);
    expect(fired).toHaveLength(2);
    expect(fired[1]!.targetMs - fired[0]!.targetMs).toBeCloseTo(5, 6);
    expect(fired[1]!.errorMs).toBe(0);
  });

  it('refuses events beyond its capacity (bounded memory)', () => {
    const clock = new FakeClock();
    const scheduler = createScheduler({ clock, timers: clock, capacity: 2 });
    const t = ntpAddMs(clock.nowNtp(), 10);
    expect(scheduler.schedule(t, () => {})).not.toBeNull();
    expect(scheduler.schedule(t, () => {})).not.toBeNull();
    expect(scheduler.schedule(t, () => {})).toBeNull();
  });

  it('keeps going when a callback throws, and reports the error', () => {
    const clock = new FakeClock();
    const errors: unknown[] = [];
    const scheduler = createScheduler({ clock, timers: clock, onError: (e) => errors.push(e) });
    const ran: number[] = [];
    scheduler.schedule(ntpAddMs(clock.nowNtp(), 1), () => {
      throw new Error('boom');
    });
    scheduler.schedule(ntpAddMs(clock.nowNtp(), 2), () => ran.push(2));
    clock.advance(10);
    expect(errors).toHaveLength(1);
    expect(ran).toEqual([2]);
  });

  it('after dispose nothing fires and no timer is left', () => {
    const { clock, fired, scheduler, at } = setup();
    scheduler.schedule(at(100), () => {});
    scheduler.dispose();
    clock.advance(1000);
    expect(fired).toHaveLength(0);
    expect(clock.pendingTimers).toBe(0);
  });
});
