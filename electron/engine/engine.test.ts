import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { StateName, StreamItem, StreamName } from '../../shared/ipc';
import {
  argsFromValues,
  decodePacket,
  encodeBundle,
  encodeMessage,
  type OscBundle,
  type OscMessage,
} from '../../shared/osc';
import { ntpAddMs, ntpToHex, ntpToUnixMs } from '../../shared/osc/timetag';
import { createSystemClock } from './time/clock';
import { createEngine, type Engine, type EngineSink } from './engine';
import { createRealTimers } from './time/timers';

const clock = createSystemClock();
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A sink that keeps everything (the thread's coalescer is tested on its own). */
function recordingSink() {
  const states = new Map<StateName, () => unknown>();
  const items: { [S in StreamName]?: StreamItem<S>[] } = {};
  const sink: EngineSink = {
    state: (name, read) => void states.set(name, read),
    stream: (name, build) => void (items[name] ??= [] as never[]).push(build() as never),
  };
  return { sink, states, items };
}

function engine() {
  const rec = recordingSink();
  const e: Engine = createEngine({ clock, timers: createRealTimers(clock), sink: rec.sink });
  cleanup.push(() => e.dispose());
  return { engine: e, ...rec };
}

async function udpSocket(): Promise<{ socket: dgram.Socket; port: number; packets: Buffer[] }> {
  const socket = dgram.createSocket('udp4');
  const packets: Buffer[] = [];
  socket.on('message', (m) => packets.push(m));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return { socket, port: socket.address().port, packets };
}

async function until(pred: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('engine', () => {
  it('starts a receiver on a free port and reports it listening, with counters', async () => {
    const { engine: e, states } = engine();
    const r = await e.invoke('receiver:start', { port: 0 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.receiver).toMatchObject({ status: 'listening', host: '127.0.0.1' });
    expect(r.value.receiver.status === 'listening' && r.value.receiver.port).toBeGreaterThan(0);
    expect(r.value.counters.packets).toBe(0);
    expect(states.get('engine:changed')?.()).toEqual(r.value);
  });

  it('streams a received future bundle on arrival with its exact timetag, lead and source', async () => {
    const { engine: e, items } = engine();
    const r = await e.invoke('receiver:start', { port: 0 });
    if (!r.ok || r.value.receiver.status !== 'listening') throw new Error('not listening');
    const tx = await udpSocket();
    const tag = ntpAddMs(clock.nowNtp(), 200);
    const bundle = encodeBundle(tag, [
      { kind: 'message', address: '/tick', args: argsFromValues(['tick', 3]) },
    ]);
    tx.socket.send(bundle, r.value.receiver.port, '127.0.0.1');
    await until(() => (items['stream:messages']?.length ?? 0) > 0);
    const item = items['stream:messages']![0]!;
    expect(item).toMatchObject({
      address: '/tick',
      args: ['s:"tick"', 'i:3'],
      classification: 'future',
      isLate: false,
      isDropped: false,
      source: `127.0.0.1:${tx.port}`,
    });
    expect(item.timetag?.unixMs).toBe(ntpToUnixMs(tag));
    expect(item.playMs).toBe(ntpToUnixMs(tag));
    expect(item.timetag?.ntpHex).toMatch(/^[0-9a-f]{8}\.[0-9a-f]{8}$/);
    expect(item.timetag?.iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(item.leadMs).toBeGreaterThan(100);
    expect(item.leadMs).toBeLessThanOrEqual(200);
  });

  it('streams a tick both as a tick (with its exact play time) and as a message; others only as messages', async () => {
    const { engine: e, items } = engine();
    const r = await e.invoke('receiver:start', { port: 0 });
    if (!r.ok || r.value.receiver.status !== 'listening') throw new Error('not listening');
    const tx = await udpSocket();
    const tag = ntpAddMs(clock.nowNtp(), 300) + 5n;
    const tick = { kind: 'message' as const, address: '/py', args: argsFromValues(['tick']) };
    const other = { kind: 'message' as const, address: '/other', args: argsFromValues(['tick']) };
    tx.socket.send(encodeBundle(tag, [tick, other]), r.value.receiver.port, '127.0.0.1');
    await until(() => (items['stream:messages']?.length ?? 0) === 2);
    expect(items['stream:messages']!.map((m) => m.address)).toEqual(['/py', '/other']);
    expect(items['stream:ticks']).toEqual([
      expect.objectContaining({ address: '/py', playNtp: ntpToHex(tag), mode: 'timetagged' }),
    ]);
  });

  it('treats only the given patterns as ticks', async () => {
    const { engine: e, items } = engine();
    const r = await e.invoke('receiver:start', { port: 0, patterns: ['/beat/*'] });
    if (!r.ok || r.value.receiver.status !== 'listening') throw new Error('not listening');
    const tx = await udpSocket();
    for (const address of ['/tick', '/beat/1'])
      tx.socket.send(
        encodeMessage(address, argsFromValues(['tick'])),
        r.value.receiver.port,
        '127.0.0.1',
      );
    await until(() => (items['stream:messages']?.length ?? 0) === 2);
    expect(items['stream:ticks']?.map((t) => t.address)).toEqual(['/beat/1']);
  });

  it('flags a late message as dropped under the drop policy, and streams malformed packets', async () => {
    const { engine: e, items, states } = engine();
    const r = await e.invoke('receiver:start', { port: 0, latePolicy: 'drop' });
    if (!r.ok || r.value.receiver.status !== 'listening') throw new Error('not listening');
    const tx = await udpSocket();
    const late = encodeBundle(ntpAddMs(clock.nowNtp(), -50), [
      { kind: 'message', address: '/late', args: [] },
    ]);
    tx.socket.send(late, r.value.receiver.port, '127.0.0.1');
    tx.socket.send(Buffer.from('nope'), r.value.receiver.port, '127.0.0.1');
    await until(() => (items['stream:malformed']?.length ?? 0) > 0);
    await until(() => (items['stream:messages']?.length ?? 0) > 0);
    expect(items['stream:messages']![0]).toMatchObject({ isLate: true, isDropped: true });
    expect(items['stream:malformed']![0]).toMatchObject({ code: 'address', byteLength: 4 });
    const snap = states.get('engine:changed')?.() as { counters: Record<string, number> };
    expect(snap.counters).toMatchObject({ packets: 2, malformed: 1, late: 1, lateDropped: 1 });
  });

  it('says in plain words that a port is in use, and shows it in the state', async () => {
    const { engine: e, states } = engine();
    const busy = await udpSocket();
    const r = await e.invoke('receiver:start', { port: busy.port });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'port-in-use', field: ['port'], systemCode: 'EADDRINUSE' },
    });
    if (r.ok) return;
    expect(r.error.message).toMatch(`Port ${busy.port} is already in use`);
    expect(states.get('engine:changed')?.()).toMatchObject({
      receiver: { status: 'error', port: busy.port, error: r.error.message },
    });
  });

  it('sends a message now, and a bundle timetagged atMs ahead, as real UDP packets', async () => {
    const { engine: e } = engine();
    const sink = await udpSocket();
    const now = await e.invoke('osc:send', {
      host: '127.0.0.1',
      port: sink.port,
      address: '/py',
      args: [{ type: 's', value: 'tick' }],
    });
    const before = clock.nowMs();
    const later = await e.invoke('osc:send', {
      host: '127.0.0.1',
      port: sink.port,
      address: '/pd',
      args: [{ type: 'h', value: '9007199254740993' }],
      atMs: 500,
    });
    await until(() => sink.packets.length === 2);
    expect(now).toEqual({ ok: true, value: { bytes: 16, timetag: null } });
    expect(decodePacket(sink.packets[0]!)).toEqual({
      kind: 'message',
      address: '/py',
      args: [{ type: 's', value: 'tick' }],
    } satisfies OscMessage);
    const bundle = decodePacket(sink.packets[1]!) as OscBundle;
    expect(bundle.kind).toBe('bundle');
    expect(bundle.elements[0]).toEqual({
      kind: 'message',
      address: '/pd',
      args: [{ type: 'h', value: 9007199254740993n }],
    });
    const atMs = ntpToUnixMs(bundle.timetag);
    expect(atMs - before).toBeGreaterThan(499);
    expect(atMs - before).toBeLessThan(550);
    expect(later.ok && later.value.timetag?.unixMs).toBe(atMs);
  });

  it('says a host name does not resolve, naming the host field', async () => {
    const { engine: e } = engine();
    const r = await e.invoke('osc:send', { host: 'no-such-host.invalid', port: 9, address: '/x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'unknown-host', field: ['host'] } });
    if (!r.ok) expect(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']).toContain(r.error.systemCode);
  });

  it('answers an argument that cannot be encoded as invalid, naming that argument', async () => {
    const { engine: e } = engine();
    const r = await e.invoke('osc:send', {
      host: '127.0.0.1',
      port: 9,
      address: '/x',
      args: [
        { type: 's', value: 'ok' },
        { type: 's', value: 'nul\u0000inside' },
      ],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid', field: ['args', 1] } });
  });

  it('answers a metronome setting out of range with its field path', async () => {
    const { engine: e } = engine();
    const r = await e.invoke('metronome:update', { bpm: 500, offsetMs: -1 });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'invalid',
        field: ['bpm'],
        issues: [
          { field: ['bpm'], message: 'BPM must be between 20 and 300' },
          { field: ['offsetMs'], message: 'the forward offset must be between 0 and 2000 ms' },
        ],
      },
    });
  });

  it('rejects an invalid payload without touching the network', async () => {
    const { engine: e } = engine();
    const r = await e.invoke('osc:send', { host: '127.0.0.1', port: 0, address: '/x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid', field: ['port'] } });
    expect((await e.invoke('engine:get', {})).ok && true).toBe(true);
  });

  it('stops the receiver and frees its port; dispose closes everything', async () => {
    const { engine: e } = engine();
    const r = await e.invoke('receiver:start', { port: 0 });
    if (!r.ok || r.value.receiver.status !== 'listening') throw new Error('not listening');
    const port = r.value.receiver.port;
    expect(await e.invoke('receiver:stop', {})).toMatchObject({
      ok: true,
      value: { receiver: { status: 'stopped' } },
    });
    const again = await e.invoke('receiver:start', { port });
    expect(again.ok).toBe(true);
    await e.dispose();
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.bind(port, '127.0.0.1', resolve);
    });
    probe.close();
    expect(await e.invoke('engine:get', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });
});
