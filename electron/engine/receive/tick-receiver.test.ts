import { describe, expect, it } from 'vitest';
import { argsFromValues, encodeBundle, encodeMessage } from '../../../shared/osc';
import { ntpAddMs, ntpFromUnixMs, ntpToUnixMs } from '../../../shared/osc/timetag';
import { encodeTick } from '../../../shared/model';
import type { DispatchedMessage } from './receive-path';
import { createOscRouter } from './router';
import { createScheduler } from '../time/scheduler';
import { FakeClock } from '../../../shared/testing/fake-clock';
import {
  createTickReceiver,
  DEFAULT_TICK_PATTERNS,
  TICK_PORT_PD,
  TICK_PORT_PYTHON,
  type TickDispatch,
  type TickEvent,
  type TickReceiverOptions,
} from './tick-receiver';

const from = { address: '127.0.0.1', port: 50_000 };
const tickMsg = (address = '/tick') => ({
  kind: 'message' as const,
  address,
  args: argsFromValues(['tick']),
});

/** A tick receiver in virtual time, fed datagrams directly. */
function setup(options: Partial<TickReceiverOptions> = {}) {
  const clock = new FakeClock();
  const scheduler = createScheduler({ clock, timers: clock });
  const ticks: TickEvent[] = [];
  const due: Array<[TickEvent, TickDispatch]> = [];
  const others: DispatchedMessage[] = [];
  const rx = createTickReceiver({
    clock,
    scheduler,
    port: 0,
    onTick: (t) => ticks.push(t),
    onTickDue: (t, d) => due.push([t, d]),
    onMessage: (m) => others.push(m),
    ...options,
  });
  const feed = (bytes: Uint8Array) => rx.handlePacket(bytes, from, clock.nowMs());
  return { clock, rx, ticks, due, others, feed };
}

describe('tick receiver (virtual time)', () => {
  it('uses the seed ports and addresses by default', () => {
    expect([TICK_PORT_PYTHON, TICK_PORT_PD]).toEqual([8000, 8001]);
    expect(DEFAULT_TICK_PATTERNS).toEqual(['/tick', '/pd', '/py*']);
  });

  it('announces every message on arrival through onReceive, ticks and others alike, before either is due', () => {
    const arrived: string[] = [];
    const { clock, ticks, others, feed } = setup({
      onReceive: (m) => arrived.push(m.message.address),
    });
    const later = ntpAddMs(clock.nowNtp(), 50);
    feed(
      encodeBundle(later, [tickMsg('/py'), { kind: 'message', address: '/cue/video', args: [] }]),
    );
    expect(arrived).toEqual(['/py', '/cue/video']);
    expect(ticks).toHaveLength(1);
    expect(others).toHaveLength(0);
    clock.advance(60);
    expect(others.map((m) => m.message.address)).toEqual(['/cue/video']);
  });

  it('announces a future tick on arrival with its exact timetag and dispatches it at that time', () => {
    const { clock, ticks, due, feed } = setup();
    const tag = ntpAddMs(clock.nowNtp(), 100) + 7n;
    feed(encodeBundle(tag, [tickMsg()]));
    expect(ticks).toHaveLength(1);
    expect(ticks[0]).toMatchObject({
      playAtNtp: tag,
      timetag: tag,
      classification: 'future',
      isLate: false,
      isDropped: false,
      mode: 'timetagged',
      format: 'seed',
      address: '/tick',
      source: from,
    });
    expect(ticks[0]!.leadMs).toBeCloseTo(100, 6);
    expect(due).toHaveLength(0);
    clock.advance(97); // the scheduler wakes 2 ms early and then waits precisely
    expect(due).toHaveLength(0);
    clock.advance(10);
    expect(due).toHaveLength(1);
    expect(due[0]![0]).toBe(ticks[0]);
    expect(due[0]![1].errorMs).toBe(0);
    expect(due[0]![1].dispatchedMs).toBe(ntpToUnixMs(tag));
  });

  it('plays a plain tick on arrival: play time = arrival, no lead', () => {
    const { clock, ticks, due, feed } = setup();
    feed(encodeMessage('/pd', argsFromValues(['tick'])));
    expect(ticks[0]).toMatchObject({
      playAtMs: clock.nowMs(),
      playAtNtp: ntpFromUnixMs(clock.nowMs()),
      timetag: null,
      leadMs: null,
      classification: 'immediate',
      mode: 'immediate',
    });
    expect(due).toHaveLength(1);
  });

  it('accepts Pd numbers as i or f and a bang, and routes /py* like python-osc', () => {
    const { ticks, feed } = setup();
    feed(encodeMessage('/tick', [{ type: 'i', value: 1 }]));
    feed(encodeMessage('/pd', [{ type: 'f', value: 1 }]));
    feed(encodeMessage('/pd', []));
    feed(encodeMessage('/pyfoo', argsFromValues(['tick'])));
    expect(ticks.map((t) => [t.address, t.format])).toEqual([
      ['/tick', 'number'],
      ['/pd', 'number'],
      ['/pd', 'bang'],
      ['/pyfoo', 'seed'],
    ]);
  });

  it('passes other addresses, and tick addresses with non-tick arguments, to onMessage at their time', () => {
    const { clock, ticks, others, feed } = setup();
    feed(encodeMessage('/other', argsFromValues(['tick'])));
    feed(
      encodeBundle(ntpAddMs(clock.nowNtp(), 50), [
        { kind: 'message', address: '/py', args: argsFromValues(['hello']) },
      ]),
    );
    expect(others.map((m) => m.message.address)).toEqual(['/other']);
    clock.advance(60);
    expect(others.map((m) => m.message.address)).toEqual(['/other', '/py']);
    expect(ticks).toHaveLength(0);
  });

  it('routes only the configured patterns', () => {
    const { ticks, others, feed } = setup({ patterns: ['/beat/*'] });
    feed(encodeMessage('/tick', argsFromValues(['tick'])));
    feed(encodeMessage('/beat/a', argsFromValues(['tick'])));
    expect(ticks.map((t) => t.address)).toEqual(['/beat/a']);
    expect(others).toHaveLength(1);
  });

  it('reads beat, accent, send time and mode from the extended format', () => {
    const { clock, ticks, feed } = setup();
    const sentNtp = ntpAddMs(clock.nowNtp(), -3);
    const info = { beat: 12, accent: true, sentNtp, mode: 'forward' as const };
    feed(encodeTick('/tick', 'extended', info, ntpAddMs(clock.nowNtp(), 40)));
    expect(ticks[0]).toMatchObject({ beat: 12, accent: true, mode: 'forward', format: 'extended' });
    expect(ticks[0]!.sentMs).toBe(ntpToUnixMs(sentNtp));
  });

  it('plays a late tick at once, flagged, under the play policy', () => {
    const { clock, ticks, due, feed, rx } = setup({ latePolicy: 'play' });
    feed(encodeBundle(ntpAddMs(clock.nowNtp(), -5), [tickMsg()]));
    expect(ticks[0]).toMatchObject({ classification: 'late', isLate: true, isDropped: false });
    expect(ticks[0]!.leadMs).toBeCloseTo(-5, 6);
    expect(due).toHaveLength(1);
    expect(due[0]![1].isLate).toBe(true);
    expect(due[0]![1].errorMs).toBeCloseTo(5, 6);
    expect(rx.counters()).toMatchObject({ ticks: 1, ticksDue: 1, late: 1, latePlayed: 1 });
  });

  it('announces a late tick as dropped and never dispatches it under the drop policy', () => {
    const { clock, ticks, due, feed, rx } = setup({ latePolicy: 'drop' });
    feed(encodeBundle(ntpAddMs(clock.nowNtp(), -5), [tickMsg()]));
    clock.advance(100);
    expect(ticks[0]).toMatchObject({ isLate: true, isDropped: true });
    expect(due).toHaveLength(0);
    expect(rx.counters()).toMatchObject({ ticks: 1, ticksDue: 0, lateDropped: 1 });
  });

  it('switches late policy while running', () => {
    const { clock, due, feed, rx } = setup({ latePolicy: 'play' });
    rx.setLatePolicy('drop');
    feed(encodeBundle(ntpAddMs(clock.nowNtp(), -5), [tickMsg()]));
    expect(due).toHaveLength(0);
  });

  it('keeps going when a listener throws', () => {
    const { clock, due, feed, rx } = setup({
      onTick: () => {
        throw new Error('listener bug');
      },
    });
    feed(encodeBundle(ntpAddMs(clock.nowNtp(), 10), [tickMsg()]));
    clock.advance(20);
    expect(due).toHaveLength(1);
    expect(rx.counters().handlerErrors).toBe(1);
  });

  it('registers its ticks on a given router beside other routes, and takes them off on dispose', async () => {
    const router = createOscRouter();
    const cues: string[] = [];
    router.add('/cue/*', { onDue: (m) => cues.push(m.message.address) });
    const { clock, ticks, others, feed, rx } = setup({ router });
    feed(encodeMessage('/tick', argsFromValues(['tick'])));
    feed(encodeMessage('/cue/go'));
    expect(ticks).toHaveLength(1);
    expect(cues).toEqual(['/cue/go']);
    expect(others.map((m) => m.message.address)).toEqual(['/cue/go']); // not a tick
    await rx.dispose();
    router.connect({ send: null }).onReceive({
      message: tickMsg(),
      timetag: null,
      from,
      arrivalMs: clock.nowMs(),
      leadMs: null,
      classification: 'immediate',
      isDropped: false,
    });
    expect(router.counters()).toMatchObject({ routed: 2, unrouted: 1 });
  });
});
