/**
 * Clock sync between two engines on real sockets: one runs on a clock 250 ms ahead (the teaching
 * skew) and sends forward-synchronized ticks; the other pings the socket they come from, converges,
 * and reads their timetags in the sender's clock. A plain sender that never answers (a seed peer)
 * is given up, its timetags read in the local clock as before.
 */
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClockSnapshot, StreamItem, StreamName, TickItem } from '../../../shared/ipc';
import { argsFromValues, encodeBundle } from '../../../shared/osc';
import { ntpAddMs, ntpFromHex, ntpToUnixMs } from '../../../shared/osc/timetag';
import { createEngine, type Engine, type EngineSink } from '../engine';
import { waitFor } from '../testing/wait-for';
import { createSystemClock } from '../time/clock';
import { createSkewedClock, type ClockSkew } from '../time/skewed-clock';
import { createRealTimers } from '../time/timers';

const system = createSystemClock();
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function engine(skew?: ClockSkew) {
  const clock = skew ? createSkewedClock(system, skew) : system;
  const items: { [S in StreamName]?: StreamItem<S>[] } = {};
  const sink: EngineSink = {
    state: () => undefined,
    stream: (name, build) => void (items[name] ??= [] as never[]).push(build() as never),
  };
  const e: Engine = createEngine({ clock, timers: createRealTimers(clock), sink, clockSkew: skew });
  cleanup.push(() => e.dispose());
  return { engine: e, items, clock };
}

async function value<T>(r: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>) {
  const result = await r;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

async function listen(e: Engine): Promise<number> {
  const snap = await value(e.invoke('receiver:start', { port: 0 }));
  if (snap.receiver.status !== 'listening') throw new Error('not listening');
  return snap.receiver.port;
}

const clockOf = (e: Engine): Promise<ClockSnapshot> => value(e.invoke('clock:get', {}));

describe('clock sync between engines (real UDP)', () => {
  it("reads a skewed Syncroscope sender's ticks in its clock once converged", async () => {
    const receiver = engine();
    const sender = engine({ offsetMs: 250, driftPpm: 0 });
    const port = await listen(receiver.engine);
    const target = {
      id: 'b',
      host: '127.0.0.1',
      port,
      address: '/tick',
      format: 'extended' as const,
      impairment: { delayMs: 0, jitterMs: 0, loss: 0 },
    };
    await value(
      sender.engine.invoke('metronome:update', {
        mode: 'forward',
        bpm: 240,
        offsetMs: 100,
        targets: [target],
      }),
    );
    await value(sender.engine.invoke('metronome:start', {}));
    expect((await clockOf(sender.engine)).skew).toEqual({ offsetMs: 250, driftPpm: 0 });

    let snap: ClockSnapshot | null = null;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      snap = await clockOf(receiver.engine);
      if (snap.peers.some((p) => p.state === 'converged')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const peer = snap!.peers.find((p) => p.state === 'converged');
    expect(peer, JSON.stringify(snap)).toBeDefined();
    expect(Math.abs(peer!.offsetMs! - 250)).toBeLessThanOrEqual(peer!.errorBoundMs! + 2);

    const ticks = () => (receiver.items['stream:ticks'] ?? []) as TickItem[];
    const from = ticks().length;
    await waitFor(
      () =>
        ticks()
          .slice(from)
          .filter((t) => t.clock === 'peer').length >= 3,
      {
        timeoutMs: 5000,
        what: 'ticks read in the peer clock',
      },
    );
    for (const t of ticks()
      .slice(from)
      .filter((x) => x.clock === 'peer')) {
      expect(Math.abs(t.clockOffsetMs! - 250)).toBeLessThanOrEqual(peer!.errorBoundMs! + 2);
      // Read in our clock it is due about F = 100 ms (plus the lookahead) after it arrives, not
      // 250 ms more as it would be if its timetag were taken in our clock.
      expect(t.leadMs!).toBeGreaterThan(0);
      expect(t.leadMs!).toBeLessThan(250);
      expect(ntpToUnixMs(ntpFromHex(t.playNtp))).toBeCloseTo(t.playMs, 3);
    }
    const messages = receiver.items['stream:messages'] ?? [];
    const tickMessage = messages.find((m) => m.clock === 'peer' && m.address === '/tick')!;
    expect(tickMessage.timetag!.unixMs - tickMessage.playMs).toBeCloseTo(
      tickMessage.clockOffsetMs!,
      3,
    );
  }, 20_000);

  it('gives up on a sender that does not answer, and reads its timetags in the local clock', async () => {
    const receiver = engine();
    const port = await listen(receiver.engine);
    const seed = dgram.createSocket('udp4');
    const pings: Buffer[] = [];
    seed.on('message', (m) => pings.push(m));
    await new Promise<void>((r) => seed.bind(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => seed.close(() => r())));
    const sendTick = () => {
      const at = ntpAddMs(system.nowNtp(), 50);
      seed.send(
        encodeBundle(at, [{ kind: 'message', address: '/py', args: argsFromValues(['tick']) }]),
        port,
        '127.0.0.1',
      );
    };
    const deadline = Date.now() + 5000;
    let state: string | undefined;
    while (Date.now() < deadline && state !== 'no-answer') {
      sendTick();
      await new Promise((r) => setTimeout(r, 100));
      state = (await clockOf(receiver.engine)).peers[0]?.state;
    }
    expect(state).toBe('no-answer');
    expect(pings).toHaveLength(5);
    const ticks = (receiver.items['stream:ticks'] ?? []) as TickItem[];
    expect(ticks.length).toBeGreaterThan(5);
    expect(ticks.every((t) => t.clock === 'local' && t.clockOffsetMs === null)).toBe(true);
  }, 10_000);
});
