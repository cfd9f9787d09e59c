/**
 * The receive path's limits in virtual time: what one sender can make the receiver do is bounded
 * (messages per datagram, a budget per sender, a share of the queue, work per round of the loop),
 * and what is refused is counted by reason while other senders go on as if nothing happened.
 */
import { describe, expect, it } from 'vitest';
import {
  argsFromValues,
  argValue,
  encodeBundle,
  encodeMessage,
  type OscPacket,
} from '../../../shared/osc';
import { IMMEDIATELY, ntpAddMs } from '../../../shared/osc/timetag';
import { RECEIVE_LIMITS } from '../../../shared/model/limits';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createScheduler } from '../time/scheduler';
import {
  createReceivePath,
  type DispatchedMessage,
  type ReceivedMessage,
  type ReceivePathOptions,
  type RefusedPacket,
} from './receive-path';

const hostile = { address: '198.51.100.66', port: 40_000 };
const honest = { address: '192.0.2.10', port: 57_120 };
const tiny = (i: number): OscPacket => ({
  kind: 'message',
  address: '/f',
  args: argsFromValues([i]),
});

function setup(over: Partial<ReceivePathOptions> = {}) {
  const clock = new FakeClock();
  const scheduler = createScheduler({ clock, timers: clock });
  const dispatched: DispatchedMessage[] = [];
  const received: ReceivedMessage[] = [];
  const refused: RefusedPacket[] = [];
  const path = createReceivePath({
    clock,
    scheduler,
    onDispatch: (m) => dispatched.push(m),
    onReceive: (m) => received.push(m),
    onRefused: (r) => refused.push(r),
    ...over,
  });
  const deliver = (bytes: Uint8Array, from = honest) =>
    path.handlePacket(bytes, from, clock.nowMs());
  const at = (ms: number) => ntpAddMs(clock.nowNtp(), ms);
  const from = (who: typeof honest) => dispatched.filter((d) => d.from === who);
  return { clock, scheduler, path, dispatched, received, refused, deliver, at, from };
}

describe('receive path limits (virtual time)', () => {
  it('sheds a sender that keeps sending far over its budget, and never one within it', () => {
    const shed: Array<{ from: typeof honest; ms: number }> = [];
    const { clock, deliver } = setup({
      limits: { senderMessagesPerS: 1000, senderMessageBurst: 100, shedRefusedDatagrams: 200 },
      shed: (from, ms) => (shed.push({ from: from as typeof honest, ms }), true),
    });
    // 1 ms apart: the flood sends 10 a millisecond (10,000/s against 1,000/s); the honest
    // sender one, within its budget.
    for (let t = 0; t < 600; t++) {
      for (let k = 0; k < 10; k++) deliver(encodeMessage('/f', argsFromValues([k])), hostile);
      deliver(encodeMessage('/h', argsFromValues([t])), honest);
      clock.advance(1);
    }
    // Judged as soon as 200 were refused (about 30 ms in), not at the end of the window. (This
    // fake shed reads the sender on, so it is shed again and again: the next test reads it so.)
    expect(shed[0]).toEqual({ from: hostile, ms: RECEIVE_LIMITS.shedForMs });
    expect(shed.every((s) => s.from === hostile)).toBe(true);
  });

  it('sheds a flooder again within milliseconds of being read again, twice as long each time, until it calms down', () => {
    const shed: Array<{ atMs: number; ms: number }> = [];
    let readAgainMs = 0;
    const { clock, deliver } = setup({
      limits: { senderMessagesPerS: 1000, senderMessageBurst: 100, shedRefusedDatagrams: 200 },
      shed: (_from, ms) => {
        shed.push({ atMs: clock.nowMs(), ms });
        readAgainMs = clock.nowMs() + ms;
        return true;
      },
    });
    const startMs = clock.nowMs();
    /** 1 ms steps; what a shed sender sends is not read (the OS drops it) until its shed ends. */
    const run = (ms: number, perMs: number): void => {
      for (const endMs = clock.nowMs() + ms; clock.nowMs() < endMs; clock.advance(1)) {
        if (clock.nowMs() < readAgainMs) continue;
        for (let k = 0; k < perMs; k++) deliver(encodeMessage('/f', argsFromValues([k])), hostile);
      }
    };
    run(40_000, 10); // flooding all along: shed at once, read again after 2, 6, 14 and 30 s
    expect(shed.map((s) => s.ms)).toEqual([2_000, 4_000, 8_000, 16_000, 16_000]);
    // Each shed came within 50 ms of the sender being read (again).
    for (let i = 1; i < shed.length; i++)
      expect(shed[i]!.atMs - (shed[i - 1]!.atMs + shed[i - 1]!.ms)).toBeLessThan(50);
    expect(shed[0]!.atMs - startMs).toBeLessThan(50);
    // A calm spell (within budget, longer than a window), then a flood again: the shortest shed.
    clock.advance(readAgainMs - clock.nowMs());
    for (let t = 0; t < RECEIVE_LIMITS.shedWindowMs * 2; t += 2) {
      deliver(encodeMessage('/f', argsFromValues([t])), hostile);
      clock.advance(2);
    }
    run(100, 10);
    expect(shed.map((s) => s.ms)).toEqual([2_000, 4_000, 8_000, 16_000, 16_000, 2_000]);
  });

  it('does not shed a sender for a few oversized bundles (refused, but no flood)', () => {
    const shed: unknown[] = [];
    const { clock, deliver } = setup({ shed: (from) => (shed.push(from), true) });
    const huge = encodeBundle(
      IMMEDIATELY,
      Array.from({ length: 4093 }, (_, i) => tiny(i)),
    );
    for (let t = 0; t < 600; t++) {
      if (t % 100 === 0) deliver(huge, hostile);
      deliver(encodeMessage('/h', argsFromValues([t])), hostile);
      clock.advance(1);
    }
    expect(shed).toEqual([]);
  });

  it('refuses whole, undecoded, a datagram of more messages than the cap, and takes one at the cap', () => {
    const { path, dispatched, received, refused, deliver } = setup({
      limits: { messagesPerDatagram: 8 },
    });
    deliver(
      encodeBundle(
        IMMEDIATELY,
        Array.from({ length: 9 }, (_, i) => tiny(i)),
      ),
      hostile,
    );
    expect(received).toHaveLength(0);
    expect(refused).toEqual([
      { from: hostile, arrivalMs: expect.any(Number), reason: 'capDropped', messages: 9 },
    ]);
    deliver(
      encodeBundle(
        IMMEDIATELY,
        Array.from({ length: 8 }, (_, i) => tiny(i)),
      ),
    );
    expect(dispatched).toHaveLength(8);
    expect(path.counters()).toMatchObject({ packets: 2, messages: 8, capDropped: 9, malformed: 0 });
  });

  it('refuses a sender over its message budget while another sender at the same instant is served, and serves it again once the budget refills', () => {
    const { clock, path, deliver, from } = setup({
      limits: { senderMessagesPerS: 1000, senderMessageBurst: 10 },
    });
    for (let i = 0; i < 30; i++) deliver(encodeMessage('/f', argsFromValues([i])), hostile);
    deliver(encodeMessage('/tick', argsFromValues(['tick'])), honest);
    expect(from(hostile)).toHaveLength(10);
    expect(from(honest)).toHaveLength(1);
    expect(path.counters().budgetDropped).toBe(20);
    clock.advance(5); // 5 ms at 1000/s: 5 more
    for (let i = 0; i < 10; i++) deliver(encodeMessage('/f', argsFromValues([i])), hostile);
    expect(from(hostile)).toHaveLength(15);
    expect(path.counters().budgetDropped).toBe(25);
  });

  it('charges a bundle its messages and bytes: a sender over its byte budget is refused', () => {
    const { path, deliver, from } = setup({
      limits: { senderByteBurst: 2000, senderBytesPerS: 1 },
    });
    const big = encodeMessage('/blob', [{ type: 'b', value: new Uint8Array(900) }]);
    for (let i = 0; i < 3; i++) deliver(big, hostile);
    expect(from(hostile)).toHaveLength(2);
    expect(path.counters().budgetDropped).toBe(1);
  });

  it('holds a sender to its share of the queue: its next future messages are refused and announced as dropped, and another sender still gets in', () => {
    const { clock, path, received, deliver, at, from } = setup({
      limits: { scheduledPerSender: 5 },
    });
    for (let i = 0; i < 8; i++) deliver(encodeBundle(at(100), [tiny(i)]), hostile);
    deliver(encodeBundle(at(50), [tiny(0)]), honest);
    expect(path.counters()).toMatchObject({ future: 9, senderQueueFull: 3, queueFull: 0 });
    const announced = received.filter((r) => r.from === hostile);
    expect(announced.map((r) => r.isDropped)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
    ]);
    clock.advance(200);
    expect(from(hostile)).toHaveLength(5);
    expect(from(honest)).toHaveLength(1);
    // Once its messages were dispatched, its share is free again.
    deliver(encodeBundle(at(100), [tiny(9)]), hostile);
    expect(path.counters().senderQueueFull).toBe(3);
  });

  it('waits precisely only for a sender’s first messages waiting; the rest are dispatched on time without blocking for them', () => {
    const { clock, deliver, at, from } = setup({ limits: { preciseScheduledPerSender: 2 } });
    for (const ms of [10, 20, 30, 40, 50]) deliver(encodeBundle(at(ms), [tiny(ms)]), hostile);
    deliver(encodeBundle(at(35), [tiny(35)]), honest);
    const startMs = clock.nowMs();
    clock.advance(100);
    expect(from(hostile)).toHaveLength(5);
    for (const d of [...from(hostile), ...from(honest)])
      expect(d.errorMs).toBeGreaterThanOrEqual(0);
    expect(from(honest)[0]!.errorMs).toBe(0);
    // The thread blocked only on the way to the precise ones: 10, 20 (hostile) and 35 (honest).
    const blockedUntil = clock.waits.map(([, until]) => until - startMs);
    expect(blockedUntil.some((ms) => ms > 19 && ms <= 20.01)).toBe(true);
    for (const relaxedMs of [30, 40, 50])
      expect(blockedUntil.filter((ms) => ms > relaxedMs - 3 && ms <= relaxedMs + 0.01)).toEqual([]);
  });

  it('bounds what every sender together may have waiting', () => {
    const { path, deliver, at } = setup({ limits: { scheduledPerSender: 5, scheduledTotal: 7 } });
    for (let p = 0; p < 3; p++)
      for (let i = 0; i < 3; i++)
        deliver(encodeBundle(at(100), [tiny(i)]), { ...hostile, port: p });
    expect(path.counters()).toMatchObject({ future: 9, queueFull: 2, senderQueueFull: 0 });
  });

  it('keeps receive work to a slice per round of the loop: the rest waits, in arrival order, keeping its arrival stamp', () => {
    const clock = new FakeClock();
    const scheduler = createScheduler({ clock, timers: clock });
    const dispatched: DispatchedMessage[] = [];
    let laterRounds = 0;
    const path = createReceivePath({
      clock,
      scheduler,
      timers: clock,
      onDispatch: (m) => {
        dispatched.push(m);
        clock.waitUntil(clock.nowMs() + 0.03); // each message takes 30 µs to handle
      },
      onWorkedLater: () => laterRounds++,
    });
    const arrivalMs = clock.nowMs();
    // A pooled buffer reused for every datagram: what waits must be a copy.
    const pooled = new Uint8Array(64);
    for (let i = 0; i < 10; i++) {
      const bytes = encodeMessage('/f', argsFromValues([i]));
      pooled.set(bytes);
      path.handlePacket(pooled.subarray(0, bytes.length), honest, arrivalMs);
    }
    expect(dispatched).toHaveLength(4); // 0.12 ms of work >= the 0.1 ms slice
    // Another timer due now (the scheduler's, say) runs between two rounds of receive work.
    let handledBeforeOther = -1;
    clock.setTimer(() => (handledBeforeOther = dispatched.length), 0);
    clock.advance(0);
    expect(handledBeforeOther).toBeGreaterThan(4);
    expect(handledBeforeOther).toBeLessThan(10);
    clock.advance(5);
    expect(dispatched.map((d) => argValue(d.message.args[0]!))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect(dispatched.every((d) => d.arrivalMs === arrivalMs)).toBe(true);
    expect(laterRounds).toBe(2); // told each time the counters moved after handlePacket returned
  });

  it('drops, counted, what arrives while the backlog is full', () => {
    const clock = new FakeClock();
    const scheduler = createScheduler({ clock, timers: clock });
    let handled = 0;
    const path = createReceivePath({
      clock,
      scheduler,
      timers: clock,
      limits: { backlogDatagrams: 4 },
      onDispatch: () => {
        handled++;
        clock.waitUntil(clock.nowMs() + 1); // 1 ms per message: one per round
      },
    });
    for (let i = 0; i < 10; i++) path.handlePacket(encodeMessage('/f'), honest, clock.nowMs());
    expect(path.counters()).toMatchObject({ backlogDropped: 5 });
    for (let i = 0; i < 10; i++) clock.advance(0);
    expect(handled).toBe(5);
  });

  it('holds a sender to its share of the backlog, so another sender’s datagrams still get in', () => {
    const clock = new FakeClock();
    const scheduler = createScheduler({ clock, timers: clock });
    const handled: string[] = [];
    const path = createReceivePath({
      clock,
      scheduler,
      timers: clock,
      limits: { backlogDatagrams: 100, backlogPerSender: 4 },
      onDispatch: (d) => {
        handled.push(d.from === honest ? 'honest' : 'hostile');
        clock.waitUntil(clock.nowMs() + 1); // 1 ms per message: one per round
      },
    });
    for (let i = 0; i < 10; i++) path.handlePacket(encodeMessage('/f'), hostile, clock.nowMs());
    for (let i = 0; i < 2; i++) path.handlePacket(encodeMessage('/t'), honest, clock.nowMs());
    for (let i = 0; i < 20; i++) clock.advance(1);
    expect(path.counters().backlogDropped).toBe(5); // the hostile sender's beyond 1 + 4
    expect(handled.filter((h) => h === 'honest')).toHaveLength(2);
    expect(handled.filter((h) => h === 'hostile')).toHaveLength(5);
  });

  it('serves waiting senders in turn: a long queue delays another sender by one datagram, not all of it', () => {
    const clock = new FakeClock();
    const scheduler = createScheduler({ clock, timers: clock });
    const handled: string[] = [];
    const path = createReceivePath({
      clock,
      scheduler,
      timers: clock,
      onDispatch: (d) => {
        handled.push(d.from === honest ? 'honest' : `hostile ${argValue(d.message.args[0]!)}`);
        clock.waitUntil(clock.nowMs() + 1); // 1 ms per message: one per round
      },
    });
    for (let i = 0; i < 10; i++)
      path.handlePacket(encodeMessage('/f', argsFromValues([i])), hostile, clock.nowMs());
    path.handlePacket(encodeMessage('/t'), honest, clock.nowMs());
    for (let i = 0; i < 20; i++) clock.advance(1);
    expect(handled).toHaveLength(11);
    expect(handled.indexOf('honest')).toBeLessThanOrEqual(2);
    const hostileOrder = handled.filter((h) => h !== 'honest');
    expect(hostileOrder).toEqual(Array.from({ length: 10 }, (_, i) => `hostile ${i}`)); // its own order kept
  });

  it('drops what waits in the backlog on dispose', () => {
    const clock = new FakeClock();
    const scheduler = createScheduler({ clock, timers: clock });
    let handled = 0;
    const path = createReceivePath({
      clock,
      scheduler,
      timers: clock,
      onDispatch: () => {
        handled++;
        clock.waitUntil(clock.nowMs() + 1);
      },
    });
    for (let i = 0; i < 5; i++) path.handlePacket(encodeMessage('/f'), honest, clock.nowMs());
    path.dispose();
    clock.advance(10);
    expect(handled).toBe(1);
  });
});
