/**
 * The metronome domain with real connected sockets on loopback (beats in virtual time): a target
 * whose port is closed is said by its id, the ticks keep going, and the words clear once a
 * receiver listens there; the same through a target's relay.
 */
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { MetronomeTargetView } from '../../../shared/ipc';
import { createConnectedSender } from '../network/connected-sender';
import { waitFor } from '../testing/wait-for';
import { createMetronomeDomain } from './metronome';
import { virtualContext } from './virtual-context.test-util';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const target = (id: string, port: number): MetronomeTargetView => ({
  id,
  host: '127.0.0.1',
  port,
  address: '/tick',
  format: 'seed',
  impairment: { delayMs: 0, jitterMs: 0, loss: 0 },
});

async function udpSocket(port = 0) {
  const s = dgram.createSocket('udp4');
  const got: Buffer[] = [];
  s.on('message', (m) => got.push(m));
  await new Promise<void>((r) => s.bind(port, '127.0.0.1', r));
  const close = () => new Promise<void>((r) => s.close(() => r()));
  return { got, port: s.address().port, close };
}

function setup(options: { realShared?: boolean } = {}) {
  const v = virtualContext();
  const shared: number[] = [];
  // The shared socket: a real one where relays must receive what it sends.
  const socket = options.realShared ? dgram.createSocket('udp4') : null;
  if (socket) cleanup.push(() => new Promise<void>((r) => socket.close(() => r())));
  const domain = createMetronomeDomain(v.ctx, {
    send: async (bytes, host, port) => {
      shared.push(port);
      await new Promise<void>((r) => (socket ? socket.send(bytes, port, host, () => r()) : r()));
    },
    connect: (host, port, onProblem) =>
      createConnectedSender({ clock: v.clock, host, port, onProblem }),
  });
  cleanup.push(() => domain.dispose());
  const settle = () => new Promise((r) => setTimeout(r, 5)); // real sockets answer in real time
  return { ...v, h: domain.handlers, shared, settle };
}

describe('metronome domain: targets whose port is closed (real UDP)', () => {
  it('says which target nothing listens on, keeps ticking, and clears once it listens', async () => {
    const { clock, h, last, logs, shared, settle } = setup();
    const open = await udpSocket();
    cleanup.push(open.close);
    const closing = await udpSocket();
    const closedPort = closing.port;
    await closing.close();
    await h['metronome:update']({
      bpm: 120,
      targets: [target('t1', closedPort), target('t2', open.port)],
    });
    await h['metronome:start']({});
    clock.advance(0);
    await waitFor(() => last('metronome:changed')?.unreachableTargets.t1 !== undefined, {
      what: 'the refusal',
    });
    const snap = last('metronome:changed')!;
    expect(snap.unreachableTargets).toEqual({
      t1: `Nothing is listening on 127.0.0.1:${closedPort} (port unreachable). The ticks keep going: this clears once a receiver listens there.`,
    });
    expect(snap.targetErrors).toEqual({}); // not an error of the settings: nothing to fix there
    expect(logs).toContain(
      `warn: metronome: nothing is listening on 127.0.0.1:${closedPort} (port unreachable); still sending`,
    );
    for (let i = 0; i < 3; i++) {
      clock.advance(500);
      await settle();
    }
    expect(last('metronome:changed')!.counters).toMatchObject({ beats: 4, sendErrors: 0 });
    expect(last('metronome:changed')!.unreachableTargets).toHaveProperty('t1');

    const late = await udpSocket(closedPort); // the receiver starts after all
    cleanup.push(late.close);
    for (let i = 0; i < 8; i++) {
      clock.advance(500);
      await settle();
    }
    expect(last('metronome:changed')!.unreachableTargets).toEqual({});
    expect(logs).toContain(`info: metronome: 127.0.0.1:${closedPort} no longer refuses the ticks`);
    await waitFor(() => late.got.length >= 8 && open.got.length >= 12, { what: 'the ticks' });
    expect(shared).toEqual([]); // direct targets never used the shared socket
  });

  it('says it for a target behind its relay too (the relay hears the refusal), and clears it', async () => {
    const { clock, h, last, logs, settle } = setup({ realShared: true });
    const closing = await udpSocket();
    const closedPort = closing.port;
    await closing.close();
    const relayed = {
      ...target('t1', closedPort),
      impairment: { delayMs: 20, jitterMs: 0, loss: 0 },
    };
    await h['metronome:update']({ bpm: 120, targets: [relayed] });
    await h['metronome:start']({});
    // Real sockets carry each tick to the relay; virtual time releases its forwards.
    clock.advance(0);
    for (let i = 0; i < 40 && last('metronome:changed')?.unreachableTargets.t1 === undefined; i++) {
      await settle();
      clock.advance(50);
    }
    expect(last('metronome:changed')!.unreachableTargets).toEqual({
      t1: `Nothing is listening on 127.0.0.1:${closedPort} (port unreachable). The ticks keep going: this clears once a receiver listens there.`,
    });
    expect(logs).toContain(
      `warn: metronome target t1: nothing is listening on 127.0.0.1:${closedPort} (port unreachable) (through its relay); still sending`,
    );
    const late = await udpSocket(closedPort);
    cleanup.push(late.close);
    for (let i = 0; i < 10; i++) {
      clock.advance(500);
      await settle();
    }
    expect(last('metronome:changed')!.unreachableTargets).toEqual({});
    expect(logs).toContain('info: metronome target t1: no longer refuses the ticks');
    expect(late.got.length).toBeGreaterThan(0); // the relay delivers once it listens
  });

  it('forgets a removed target and closes its socket', async () => {
    const { clock, h, last } = setup();
    const closing = await udpSocket();
    await closing.close();
    await h['metronome:update']({ targets: [target('t1', closing.port)] });
    await h['metronome:start']({});
    clock.advance(0);
    await waitFor(() => last('metronome:changed')?.unreachableTargets.t1 !== undefined, {
      what: 'the refusal',
    });
    expect((await h['metronome:update']({ targets: [] })).unreachableTargets).toEqual({});
  });
});
