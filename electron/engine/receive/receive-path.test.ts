import { describe, expect, it } from 'vitest';
import { argsFromValues, encodeBundle, encodeMessage } from '../../../shared/osc';
import { ntpAddMs, IMMEDIATELY } from '../../../shared/osc/timetag';
import {
  createReceivePath,
  type DispatchedMessage,
  type LatePolicy,
  type ReceivedMessage,
} from './receive-path';
import { createScheduler } from '../time/scheduler';
import { FakeClock } from '../../../shared/testing/fake-clock';

const from = { address: '127.0.0.1', port: 57120 };
const tick = (address = '/tick') => ({
  kind: 'message' as const,
  address,
  args: argsFromValues(['tick']),
});

function setup(latePolicy: LatePolicy = 'play') {
  const clock = new FakeClock();
  const scheduler = createScheduler({ clock, timers: clock, capacity: 4 });
  const dispatched: DispatchedMessage[] = [];
  const received: ReceivedMessage[] = [];
  const malformed: string[] = [];
  const path = createReceivePath({
    clock,
    scheduler,
    latePolicy,
    onDispatch: (m) => dispatched.push(m),
    onReceive: (m) => received.push(m),
    onMalformed: (p) => malformed.push(p.error.message),
  });
  const deliver = (bytes: Uint8Array) => path.handlePacket(bytes, from, clock.nowMs());
  return { clock, path, dispatched, received, malformed, deliver };
}

describe('receive path (virtual time)', () => {
  it('acts on a plain message at once, as immediate, with no lead', () => {
    const { dispatched, deliver } = setup();
    deliver(encodeMessage('/tick', argsFromValues(['tick'])));
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0]).toMatchObject({
      classification: 'immediate',
      timetag: null,
      leadMs: null,
      isLate: false,
    });
    expect(dispatched[0]!.message.address).toBe('/tick');
  });

  it('treats timetag 1 (OSC immediately) and 0 (liblo) as immediate', () => {
    const { dispatched, deliver } = setup();
    deliver(encodeBundle(IMMEDIATELY, [tick()]));
    deliver(encodeBundle(0n, [tick()]));
    expect(dispatched.map((d) => d.classification)).toEqual(['immediate', 'immediate']);
  });

  it('holds a future bundle until its exact timetag and reports the lead on arrival', () => {
    const { clock, dispatched, received, deliver } = setup();
    const timetag = ntpAddMs(clock.nowNtp(), 250.5);
    deliver(encodeBundle(timetag, [tick()]));
    expect(received[0]).toMatchObject({ classification: 'future', timetag });
    expect(received[0]!.leadMs).toBeCloseTo(250.5, 6);
    clock.advance(248); // the scheduler wakes 2 ms early and then blocks precisely
    expect(dispatched).toHaveLength(0);
    clock.advance(3);
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0]!.dispatchedMs).toBeCloseTo(received[0]!.arrivalMs + 250.5, 6);
    expect(dispatched[0]!.errorMs).toBeGreaterThanOrEqual(0);
  });

  it('gives every message of a nested bundle its innermost timetag', () => {
    const { clock, dispatched, deliver } = setup();
    const outer = ntpAddMs(clock.nowNtp(), 100);
    const inner = ntpAddMs(clock.nowNtp(), 200);
    deliver(
      encodeBundle(outer, [tick('/a'), { kind: 'bundle', timetag: inner, elements: [tick('/b')] }]),
    );
    clock.advance(150);
    expect(dispatched.map((d) => d.message.address)).toEqual(['/a']);
    clock.advance(100);
    expect(dispatched.map((d) => d.message.address)).toEqual(['/a', '/b']);
    expect(dispatched[1]!.timetag).toBe(inner);
  });

  it('plays a late bundle now, flagged and counted, under the play policy', () => {
    const { clock, path, dispatched, deliver } = setup('play');
    deliver(encodeBundle(ntpAddMs(clock.nowNtp(), -12), [tick()]));
    expect(dispatched).toHaveLength(1);
    expect(dispatched[0]).toMatchObject({ classification: 'late', isLate: true });
    expect(dispatched[0]!.leadMs).toBeCloseTo(-12, 6);
    expect(path.counters()).toMatchObject({ late: 1, latePlayed: 1, lateDropped: 0 });
  });

  it('drops a late bundle, counted, under the drop policy, and the policy can change live', () => {
    const { clock, path, dispatched, deliver } = setup('drop');
    deliver(encodeBundle(ntpAddMs(clock.nowNtp(), -1), [tick()]));
    expect(dispatched).toHaveLength(0);
    path.setLatePolicy('play');
    deliver(encodeBundle(ntpAddMs(clock.nowNtp(), -1), [tick()]));
    expect(dispatched).toHaveLength(1);
    expect(path.counters()).toMatchObject({ late: 2, lateDropped: 1, latePlayed: 1 });
  });

  it('counts future messages refused by a full scheduler queue instead of growing', () => {
    const { clock, path, deliver } = setup();
    for (let i = 0; i < 6; i++) deliver(encodeBundle(ntpAddMs(clock.nowNtp(), 100 + i), [tick()]));
    expect(path.counters()).toMatchObject({ future: 6, queueFull: 2 });
  });

  it('rejects malformed packets with a reason, counts them, and keeps receiving', () => {
    const { path, dispatched, malformed, deliver } = setup();
    deliver(new Uint8Array([0x2f, 0x61])); // "/a" without terminator or padding
    deliver(new Uint8Array(0));
    deliver(encodeMessage('/after', argsFromValues([1])));
    expect(malformed).toHaveLength(2);
    for (const reason of malformed) expect(reason.length).toBeGreaterThan(5);
    expect(dispatched.map((d) => d.message.address)).toEqual(['/after']);
    expect(path.counters()).toMatchObject({ packets: 3, malformed: 2, messages: 1 });
  });

  it('survives a listener that throws, and counts it', () => {
    const clock = new FakeClock();
    const scheduler = createScheduler({ clock, timers: clock });
    const path = createReceivePath({
      clock,
      scheduler,
      onDispatch: () => {
        throw new Error('listener bug');
      },
    });
    expect(() => path.handlePacket(encodeMessage('/x'), from, clock.nowMs())).not.toThrow();
    expect(path.counters().handlerErrors).toBe(1);
  });

  it('dispose cancels what is still waiting for its timetag', () => {
    const { clock, path, dispatched, deliver } = setup();
    deliver(encodeBundle(ntpAddMs(clock.nowNtp(), 50), [tick()]));
    path.dispose();
    clock.advance(100);
    expect(dispatched).toHaveLength(0);
  });
});
