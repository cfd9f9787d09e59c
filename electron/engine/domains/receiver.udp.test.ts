/**
 * The receiver domain on real sockets: features registered on the engine's router share the one
 * listening socket with ticks, and a switch to a port that cannot be bound keeps the listener
 * that was working.
 */
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandRequest, StreamItem, StreamName } from '../../../shared/ipc';
import { DEFAULT_TICK_PATTERNS } from '../../../shared/model';
import {
  argValue,
  argsFromValues,
  decodePacket,
  encodeBundle,
  encodeMessage,
  type OscMessage,
} from '../../../shared/osc';
import { ntpAddMs, ntpFromUnixMs } from '../../../shared/osc/timetag';
import { createUdpEndpoint } from '../network/udp-endpoint';
import { createOscRouter } from '../receive/router';
import type { TickEvent } from '../receive/tick-route';
import { waitFor } from '../testing/wait-for';
import { createSystemClock } from '../time/clock';
import { createScheduler } from '../time/scheduler';
import { createRealTimers } from '../time/timers';
import type { EngineContext, EngineSink } from './context';
import { createReceiverDomain } from './receiver';

const clock = createSystemClock();
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

type Start = CommandRequest<'receiver:start'>;
const request = (port: number, over: Partial<Start> = {}): Start => ({
  host: '127.0.0.1',
  port,
  latePolicy: 'play',
  patterns: [...DEFAULT_TICK_PATTERNS],
  ...over,
});

/** A real-time engine context, and the receiver domain on it with recorded ticks and streams. */
function setup() {
  const timers = createRealTimers(clock);
  const scheduler = createScheduler({ clock, timers });
  const streams: { [S in StreamName]?: StreamItem<S>[] } = {};
  const sink: EngineSink = {
    state: () => undefined,
    stream: (name, build) => void (streams[name] ??= [] as never[]).push(build() as never),
  };
  const ctx: EngineContext = {
    clock,
    scheduler,
    timers,
    sink,
    router: createOscRouter(),
    makeEndpoint: createUdpEndpoint,
    log: () => undefined,
  };
  const ticks: TickEvent[] = [];
  const ticksDue: TickEvent[] = [];
  const receiver = createReceiverDomain(ctx, {
    ticks: { onTick: (t) => ticks.push(t), onTickDue: (t) => ticksDue.push(t) },
    onChanged: () => undefined,
    snapshot: () => ({
      receiver: receiver.status(),
      counters: receiver.counters(),
      sent: { packets: 0, bytes: 0, errors: 0 },
    }),
  });
  cleanup.push(
    () => receiver.dispose(),
    () => scheduler.dispose(),
  );
  const start = (req: Start) => receiver.handlers['receiver:start'](req);
  const listeningPort = (): number => {
    const s = receiver.status();
    if (s.status !== 'listening') throw new Error(`not listening: ${JSON.stringify(s)}`);
    return s.port;
  };
  const messages = (): string[] => (streams['stream:messages'] ?? []).map((m) => m.address);
  return { ctx, receiver, start, listeningPort, streams, messages, ticks, ticksDue };
}

/** A peer socket on a free port: sends to the receiver, keeps what comes back. */
async function peer(): Promise<{ socket: dgram.Socket; port: number; packets: Buffer[] }> {
  const socket = dgram.createSocket('udp4');
  const packets: Buffer[] = [];
  socket.on('message', (m) => packets.push(m));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  const { port } = socket.address();
  return { socket, port, packets };
}

const send = (socket: dgram.Socket, bytes: Uint8Array, port: number) =>
  new Promise<void>((resolve, reject) =>
    socket.send(bytes, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
  );

const tick = (address = '/tick'): OscMessage => ({
  kind: 'message',
  address,
  args: argsFromValues(['tick']),
});

describe('receiver domain over real UDP', () => {
  it('shares its one socket: ticks, /sync/timecode and a ping/pong responder on ctx.router, across a restart', async () => {
    const { ctx, start, listeningPort, messages, ticks, ticksDue } = setup();
    const frames: Array<{ tc: string; classification: string; errorMs: number }> = [];
    ctx.router.add('/sync/timecode', {
      onDue: (m) =>
        frames.push({
          tc: String(argValue(m.message.args[0]!)),
          classification: m.classification,
          errorMs: m.errorMs,
        }),
    });
    ctx.router.add('/syncroscope/clock/ping', {
      onArrival: (m, reply) =>
        reply(
          encodeMessage('/syncroscope/clock/pong', [
            m.message.args[0]!,
            { type: 't', value: ntpFromUnixMs(m.arrivalMs) },
            { type: 't', value: clock.nowNtp() },
          ]),
          m.from,
        ),
    });
    await start(request(0));
    const tx = await peer();
    const tag = ntpAddMs(clock.nowNtp(), 80);
    await send(
      tx.socket,
      encodeBundle(tag, [
        tick(),
        { ...tick('/sync/timecode'), args: argsFromValues(['10:00:00:00']) },
      ]),
      listeningPort(),
    );
    await send(
      tx.socket,
      encodeMessage('/sync/timecode', argsFromValues(['10:00:00:01'])),
      listeningPort(),
    );
    const t1 = clock.nowNtp();
    await send(
      tx.socket,
      encodeMessage('/syncroscope/clock/ping', [{ type: 't', value: t1 }]),
      listeningPort(),
    );
    await waitFor(() => tx.packets.length >= 1 && frames.length >= 2 && ticksDue.length >= 1, {
      what: 'the pong, both timecode frames and the tick',
    });

    const pong = decodePacket(tx.packets[0]!) as OscMessage;
    expect(pong.address).toBe('/syncroscope/clock/pong');
    const [a1, a2, a3] = pong.args.map((a) => (a as { value: bigint }).value);
    expect(a1).toBe(t1);
    expect(a2! >= t1).toBe(true); // stamped on arrival, after the peer sent it
    expect(a3! >= a2!).toBe(true);
    expect(frames.map((f) => [f.tc, f.classification])).toEqual([
      ['10:00:00:01', 'immediate'], // plain: on arrival
      ['10:00:00:00', 'future'], // bundled: at its timetag
    ]);
    expect(frames[1]!.errorMs).toBeGreaterThanOrEqual(0); // never early
    expect(ticks.map((t) => t.timetag)).toEqual([tag]);
    expect(messages()).toEqual([
      '/tick',
      '/sync/timecode',
      '/sync/timecode',
      '/syncroscope/clock/ping',
    ]);
    expect(ctx.router.counters()).toMatchObject({ routed: 4, unrouted: 0, replies: 1 });

    // A restart on another port: the routes belong to the engine and answer there too.
    const first = listeningPort();
    await start(request(0));
    expect(listeningPort()).not.toBe(first);
    await send(
      tx.socket,
      encodeMessage('/syncroscope/clock/ping', [{ type: 't', value: t1 }]),
      listeningPort(),
    );
    await send(tx.socket, encodeMessage('/tick', argsFromValues(['tick'])), listeningPort());
    await waitFor(() => tx.packets.length >= 2 && ticks.length >= 2, {
      what: 'pong and tick after restart',
    });
    expect((decodePacket(tx.packets[1]!) as OscMessage).address).toBe('/syncroscope/clock/pong');
  });

  it('keeps the working listener when the new port is in use, and rejects with the bind error', async () => {
    const { receiver, start, listeningPort, messages, ticks } = setup();
    await start(request(0));
    const working = listeningPort();
    const busy = await peer(); // another program holds this port
    const error = await start(request(busy.port, { patterns: ['/beat/*'] })).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(`Port ${busy.port} is already in use`);
    expect(receiver.status()).toMatchObject({ status: 'listening', port: working });
    const tx = await peer();
    await send(tx.socket, encodeMessage('/tick', argsFromValues(['tick'])), working);
    await waitFor(() => messages().length >= 1, { what: 'a message on the kept listener' });
    expect(ticks.map((t) => t.address)).toEqual(['/tick']); // the old tick patterns still apply
  });

  it('restarts in place on the same port: new tick patterns and late policy apply, no error', async () => {
    const { receiver, start, listeningPort, ticks, messages } = setup();
    await start(request(0, { patterns: ['/tick'] }));
    const port = listeningPort();
    await start(request(port, { patterns: ['/beat/*'], latePolicy: 'drop' }));
    expect(receiver.status()).toEqual({
      status: 'listening',
      host: '127.0.0.1',
      port,
      latePolicy: 'drop',
      receiveBufferBytes: expect.any(Number),
    });
    const tx = await peer();
    await send(tx.socket, encodeMessage('/tick', argsFromValues(['tick'])), port);
    await send(tx.socket, encodeMessage('/beat/1', argsFromValues(['tick'])), port);
    await waitFor(() => messages().length >= 2, { what: 'both messages' });
    expect(ticks.map((t) => t.address)).toEqual(['/beat/1']);
  });

  it('frees the old port once it listens on the new one', async () => {
    const { start, listeningPort } = setup();
    await start(request(0));
    const old = listeningPort();
    await start(request(0));
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.bind(old, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    expect(listeningPort()).not.toBe(old);
  });

  it('listens on the old address again when the same port on another address cannot be bound', async () => {
    const { receiver, start, listeningPort, messages } = setup();
    await start(request(0));
    const port = listeningPort();
    // 192.0.2.1 (TEST-NET-1) belongs to no machine, so binding it fails.
    await expect(start(request(port, { host: '192.0.2.1' }))).rejects.toThrow(/192\.0\.2\.1/);
    expect(receiver.status()).toMatchObject({ status: 'listening', host: '127.0.0.1', port });
    const tx = await peer();
    await send(tx.socket, encodeMessage('/x'), port);
    await waitFor(() => messages().length >= 1, { what: 'a message on the restored listener' });
  });
});
