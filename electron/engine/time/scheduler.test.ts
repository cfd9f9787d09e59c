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

  it('sleeps on the coarse timer, then while the loop is idle in slices of at most 0.5 ms with a round of it between, the last one the precise wait', () => {
    const { clock, fired, scheduler, at } = setup();
    const ranAtMs: number[] = [];
    scheduler.schedule(at(500), () => {});
    // Stand-ins for socket reads, due inside the scheduler's coarse margin.
    for (const beforeMs of [1.8, 1.2])
      clock.setTimer(() => ranAtMs.push(clock.nowMs()), 500 - beforeMs);
    clock.advance(1000);
    const targetMs = fired[0]!.targetMs;
    expect(clock.waits.length).toBeGreaterThan(2);
    expect(clock.waits[0]![0]).toBeCloseTo(targetMs - 2, 6); // the coarse timer woke 2 ms early
    for (const [from, until] of clock.waits) expect(until - from).toBeLessThanOrEqual(0.6 + 1e-9);
    expect(clock.waits.at(-1)![1]).toBeCloseTo(targetMs, 6); // the last block ends at the target
    expect(ranAtMs).toHaveLength(2);
    for (const t of ranAtMs) expect(t).toBeLessThan(targetMs - 0.5);
    expect(fired[0]!.errorMs).toBe(0);
  });

  it('while the loop is busy, gives it every round until a tenth of a ms before the target', () => {
    // Every round of the loop takes 30 µs: it is reading.
    const { clock, fired, scheduler, at } = setup({
      timerErrorMs: (d: number) => (d === 0 ? 0.03 : 0),
    });
    const ranAtMs: number[] = [];
    scheduler.schedule(at(100), () => {});
    for (const beforeMs of [1.8, 1.2, 0.7, 0.2])
      clock.setTimer(() => ranAtMs.push(clock.nowMs()), 100 - beforeMs);
    clock.advance(200);
    expect(ranAtMs).toHaveLength(4);
    const targetMs = fired[0]!.targetMs;
    for (const t of ranAtMs) expect(t).toBeLessThan(targetMs); // all before the dispatch
    const [from, until] = clock.waits.at(-1)!;
    expect(until).toBeCloseTo(targetMs, 6);
    expect(until - from).toBeLessThanOrEqual(0.1 + 1e-3); // only the final stretch was blocked
    expect(fired[0]!.errorMs).toBe(0);
  });

  it('never sleeps between rounds while the loop is busy (each round reads datagrams)', () => {
    // Every round of the loop takes 30 µs: it is reading; sleeping would leave datagrams unread.
    const { clock, fired, scheduler, at } = setup({
      timerErrorMs: (d: number) => (d === 0 ? 0.03 : 0),
    });
    scheduler.schedule(at(100), () => {});
    scheduler.schedule(at(200), () => {});
    clock.advance(1000);
    expect(fired.map((f) => f.errorMs)).toEqual([0, 0]);
    // The first sleep came before any round was seen; after that only the final stretch blocked.
    const blocks = clock.waits.filter(([from, until]) => until - from > 0.001);
    expect(blocks.length).toBeLessThanOrEqual(4);
  });

  it('blocks through a longer final stretch once a round of the loop has taken long', () => {
    // Zero-delay timers (a round of the event loop) take 1.8 ms: a busy loop.
    const { clock, fired, scheduler, at } = setup({
      timerErrorMs: (d: number) => (d === 0 ? 1.8 : 0),
    });
    for (let i = 1; i <= 5; i++) scheduler.schedule(at(i * 50), () => {});
    clock.advance(1000);
    expect(fired).toHaveLength(5);
    expect(fired[0]!.errorMs).toBeCloseTo(0.3, 3); // the first slow round made it late
    for (const f of fired.slice(1)) expect(f.errorMs).toBe(0); // then it waited through
  });

  it('lets the loop go round during a long run of events due together, and dispatches them all in order', () => {
    const { clock, fired, scheduler, at } = setup();
    const order: number[] = [];
    for (let i = 0; i < 100; i++)
      scheduler.schedule(at(10), () => {
        order.push(i);
        clock.waitUntil(clock.nowMs() + 0.05); // each callback takes 50 µs
      });
    let dispatchedBeforeOther = -1;
    clock.setTimer(() => (dispatchedBeforeOther = fired.length), 10);
    clock.advance(100);
    expect(order).toEqual(Array.from({ length: 100 }, (_, i) => i));
    // The other timer, due with the crowd, ran within about 1 ms of dispatching (20 callbacks).
    expect(dispatchedBeforeOther).toBeGreaterThan(0);
    expect(dispatchedBeforeOther).toBeLessThanOrEqual(25);
  });

  it('learns a coarse timer that fires late under load and wakes early enough from then on', () => {
    // The coarse timer is late; a round of the loop (a zero-delay timer) is not.
    const { clock, fired, scheduler, at } = setup({
      timerErrorMs: (d: number) => (d > 0 ? 2.4 : 0),
    });
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

  it('dispatches relaxed events never early and never blocks the thread for them', () => {
    const { clock, fired, scheduler, at } = setup();
    for (let i = 1; i <= 20; i++)
      scheduler.schedule(at(i * 3 + 0.37), () => {}, { isPrecise: false });
    clock.advance(100);
    expect(fired).toHaveLength(20);
    for (const f of fired) expect(f.errorMs).toBeGreaterThanOrEqual(0);
    expect(clock.waits).toEqual([]);
  });

  it('keeps a precise event exact among a crowd of relaxed ones, blocking only for it', () => {
    const { clock, fired, scheduler, at } = setup();
    // Each relaxed callback takes 50 µs: dispatched near the precise one, they would make it late.
    const work = () => clock.waitUntil(clock.nowMs() + 0.05);
    for (let i = 0; i < 200; i++) scheduler.schedule(at(40 + i * 0.1), work, { isPrecise: false });
    const preciseId = scheduler.schedule(at(50.05), () => {})!;
    clock.advance(100);
    expect(fired).toHaveLength(201);
    const p = fired.find((f) => f.id === preciseId)!;
    expect(p.errorMs).toBe(0);
    for (const f of fired) expect(f.errorMs).toBeGreaterThanOrEqual(0);
    const waitedMs = clock.waits.reduce((sum, [from, until]) => sum + until - from, 0);
    const workMs = 200 * 0.05;
    expect(waitedMs - workMs).toBeLessThanOrEqual(2 + 0.05); // the coarse margin before the precise one
  });

  it('cancels and reschedules relaxed events by their id, and counts both kinds against its capacity', () => {
    const clock = new FakeClock();
    const fired: number[] = [];
    const scheduler = createScheduler({ clock, timers: clock, capacity: 3 });
    const t = (ms: number) => ntpAddMs(clock.nowNtp(), ms);
    const a = scheduler.schedule(t(10), (i) => fired.push(i.id), { isPrecise: false })!;
    const b = scheduler.schedule(t(20), (i) => fired.push(i.id), { isPrecise: false })!;
    const c = scheduler.schedule(t(15), (i) => fired.push(i.id))!;
    expect(scheduler.schedule(t(30), () => {})).toBeNull();
    expect(scheduler.size).toBe(3);
    expect(scheduler.cancel(a)).toBe(true);
    expect(scheduler.reschedule(b, t(5))).toBe(true);
    clock.advance(50);
    expect(fired).toEqual([b, c]);
    expect(scheduler.cancel(a)).toBe(false);
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

  it('after dispose, a round of the loop it was waiting for does nothing', () => {
    const { clock, fired, scheduler, at } = setup();
    scheduler.schedule(at(100), () => {});
    clock.advance(98.2); // inside the coarse margin: it sleeps in slices and yields
    scheduler.dispose();
    clock.advance(10);
    expect(fired).toHaveLength(0);
    expect(clock.pendingTimers).toBe(0);
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
