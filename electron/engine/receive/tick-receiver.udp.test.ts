import { afterEach, describe, expect, it } from 'vitest';
import { ntpAddMs } from '../../../shared/osc/timetag';
import { createSystemClock } from '../time/clock';
import { createMetronome, type BeatEvent, type Metronome } from '../metronome';
import { createScheduler } from '../time/scheduler';
import {
  createTickReceiver,
  type TickDispatch,
  type TickEvent,
  type TickReceiver,
} from './tick-receiver';
import { createRealTimers } from '../time/timers';
import { createUdpEndpoint } from '../network/udp-endpoint';
import { UdpError } from '../network/udp-errors';

const clock = createSystemClock();
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const waitFor = async (pred: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!pred() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
};

async function receiver(): Promise<{
  rx: TickReceiver;
  port: number;
  ticks: TickEvent[];
  due: Array<[TickEvent, TickDispatch]>;
}> {
  const scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
  const ticks: TickEvent[] = [];
  const due: Array<[TickEvent, TickDispatch]> = [];
  const rx = createTickReceiver({
    clock,
    scheduler,
    port: 0,
    onTick: (t) => ticks.push(t),
    onTickDue: (t, d) => due.push([t, d]),
  });
  const { port } = await rx.start();
  cleanup.push(
    () => rx.dispose(),
    () => scheduler.dispose(),
  );
  return { rx, port, ticks, due };
}

async function metronome(
  port: number,
  mode: 'immediate' | 'forward',
  beats: BeatEvent[],
): Promise<Metronome> {
  const scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
  const tx = createUdpEndpoint({ clock, port: 0 });
  await tx.bind();
  const m = createMetronome(
    { clock, scheduler, send: (b, h, p) => tx.send(b, h, p), onBeat: (b) => beats.push(b) },
    {
      mode,
      bpm: 300,
      accentEvery: 4,
      offsetMs: 60,
      targets: [{ host: '127.0.0.1', port, address: '/tick', format: 'extended' }],
    },
  );
  cleanup.push(
    () => tx.close(),
    () => scheduler.dispose(),
    () => m.dispose(),
  );
  return m;
}

describe('metronome -> tick receiver over real UDP (loopback)', () => {
  it('dispatches forward-mode ticks never before their timetag, in beat order, with beat and accent intact', async () => {
    const { port, ticks, due } = await receiver();
    const beats: BeatEvent[] = [];
    const m = await metronome(port, 'forward', beats);
    m.start(ntpAddMs(clock.nowNtp(), 20));
    await waitFor(() => beats.length >= 6);
    m.stop();
    await waitFor(() => due.length >= 6);
    expect(due).toHaveLength(6);
    expect(due.map(([t]) => t.beat)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(due.map(([t]) => t.accent)).toEqual([true, false, false, false, true, false]);
    for (const [[t, d], b] of due.map((x, i) => [x, beats[i]!] as const)) {
      expect(t.timetag).toBe(b.timetag); // the exact timetag survived the trip
      expect(t.mode).toBe('forward');
      expect(t.isLate).toBe(false);
      expect(d.dispatchedMs).toBeGreaterThanOrEqual(d.targetMs); // never early
      expect(d.errorMs).toBeLessThan(50); // generous: behaviour, not machine speed
    }
    expect(ticks.every((t) => t.leadMs! > 0)).toBe(true);
  });

  it('plays immediate-mode ticks on arrival', async () => {
    const { port, due } = await receiver();
    const beats: BeatEvent[] = [];
    const m = await metronome(port, 'immediate', beats);
    m.start();
    await waitFor(() => due.length >= 3);
    m.stop();
    expect(due.slice(0, 3).map(([t]) => [t.beat, t.timetag, t.classification])).toEqual([
      [0, null, 'immediate'],
      [1, null, 'immediate'],
      [2, null, 'immediate'],
    ]);
  });

  it('reports a port already in use as the UdpError with a plain message', async () => {
    const { port } = await receiver();
    const scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
    cleanup.push(() => scheduler.dispose());
    const second = createTickReceiver({ clock, scheduler, port });
    const error = await second.start().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UdpError);
    expect((error as UdpError).code).toBe('EADDRINUSE');
    expect((error as UdpError).message).toMatch(`Port ${port} is already in use`);
    await second.dispose();
  });

  it('stops listening on stop and can start again', async () => {
    const { rx } = await receiver();
    await rx.stop();
    expect(rx.address).toBeNull();
    const again = await rx.start();
    expect(again.port).toBeGreaterThan(0);
  });
});
