/**
 * The receiver under a hostile sender, on real sockets: a worker thread floods the listening port
 * with maximal bundles (4,093 messages in 65,504 bytes) and small bundles for far in the future,
 * as fast as the receiver reads them (it keeps no more in flight than a quarter of the socket's
 * buffer, weighed as the OS weighs a datagram, about twice its size and 2 KB more: so the OS
 * never drops, and this tests what the engine does with what it reads). Meanwhile a
 * second sender's sequenced, timetagged ticks must all arrive and none be dispatched early, every
 * refusal must be counted by its reason, and what waits must stay bounded. Behaviour, not speed.
 */
import { Worker } from 'node:worker_threads';
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TICK_PATTERNS, encodeTick, RECEIVE_LIMITS } from '../../../shared/model';
import { encodeBundle, type OscPacket } from '../../../shared/osc';
import { IMMEDIATELY, ntpAddMs } from '../../../shared/osc/timetag';
import { createUdpEndpoint, type UdpEndpointOptions } from '../network/udp-endpoint';
import { createOscRouter } from '../receive/router';
import { waitFor } from '../testing/wait-for';
import { createSystemClock } from '../time/clock';
import { createScheduler } from '../time/scheduler';
import { createRealTimers } from '../time/timers';
import type { EngineContext } from './context';
import { createReceiverDomain } from './receiver';

const clock = createSystemClock();
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const FLOOD_MS = 1500;
const TICK_EVERY_MS = 10;
const TICK_LEAD_MS = 30;

/** 4,093 messages `/ab ,i n` (16 bytes each with its size) in one 65,504-byte bundle. */
const maximal = encodeBundle(
  IMMEDIATELY,
  Array.from({ length: 4093 }, (_, i): OscPacket => ({
    kind: 'message',
    address: '/ab',
    args: [{ type: 'i', value: i }],
  })),
);

/** The hostile sender: one maximal bundle, then 20 small ones for 5 s ahead, again and again. */
const HOSTILE = `
const { workerData, parentPort } = require('node:worker_threads');
const dgram = require('node:dgram');
const { port, maximal, small, inFlightKib, durationMs, readKib } = workerData;
const weight = (n) => Math.ceil((2 * n + 2048) / 1024);
const read = new Int32Array(readKib);
const socket = dgram.createSocket('udp4');
socket.on('error', () => {});
socket.bind(0, '127.0.0.1', () => {
  parentPort.postMessage({ port: socket.address().port });
  let sent = 0, sentKib = 0, pending = 0, isOver = false;
  const result = { sent: 0, maximal: 0, sentBytes: 0 };
  const endMs = Date.now() + durationMs;
  const finish = () => socket.close(() => parentPort.postMessage(result));
  const loop = () => {
    for (let n = 0; n < 64 && sentKib - Atomics.load(read, 0) < inFlightKib; n++) {
      const isMaximal = sent % 21 === 0;
      const bytes = isMaximal ? maximal : small;
      pending++;
      // Counted once the OS took it: a send still queued when the socket closes never leaves.
      socket.send(bytes, port, '127.0.0.1', (error) => {
        pending--;
        if (!error) (result.sent++, (result.sentBytes += bytes.length), isMaximal && result.maximal++);
        if (isOver && pending === 0) finish();
      });
      sent++;
      sentKib += weight(bytes.length);
    }
    if (Date.now() < endMs) return void setImmediate(loop);
    isOver = true;
    if (pending === 0) finish();
  };
  loop();
});
`;

interface HostileResult {
  /** Datagrams the OS took, and how many of them were maximal bundles. */
  sent: number;
  maximal: number;
  sentBytes: number;
}

describe('receiver domain under a flood (real UDP)', () => {
  it('delivers every one of a second sender’s timed ticks, never early, counts each refusal by reason, and keeps what waits bounded', async () => {
    const timers = createRealTimers(clock);
    const scheduler = createScheduler({ clock, timers });
    const readKib = new SharedArrayBuffer(4);
    const hostileRead = new Int32Array(readKib);
    let hostilePort = -1;
    let hostileDatagrams = 0;
    const makeEndpoint = (options: UdpEndpointOptions) => {
      const endpoint = createUdpEndpoint(options);
      endpoint.onPacket((bytes, from) => {
        if (from.port !== hostilePort) return;
        hostileDatagrams++;
        Atomics.add(hostileRead, 0, Math.ceil((2 * bytes.byteLength + 2048) / 1024));
      });
      return endpoint;
    };
    const ctx: EngineContext = {
      clock,
      scheduler,
      timers,
      sink: { state: () => undefined, stream: () => undefined },
      router: createOscRouter(),
      makeEndpoint,
      log: () => undefined,
    };
    const beatsDue: number[] = [];
    const earlyMs: number[] = [];
    let maxWaiting = 0;
    const receiver = createReceiverDomain(ctx, {
      ticks: {
        onTick: () => undefined,
        onTickDue: (t, d) => {
          if (t.beat !== undefined) beatsDue.push(t.beat);
          if (d.errorMs < 0) earlyMs.push(d.errorMs);
        },
      },
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
    await receiver.handlers['receiver:start']({
      host: '127.0.0.1',
      port: 0,
      latePolicy: 'play',
      patterns: [...DEFAULT_TICK_PATTERNS],
    });
    const status = receiver.status();
    if (status.status !== 'listening') throw new Error(`not listening: ${JSON.stringify(status)}`);
    const grantedBytes = status.receiveBufferBytes ?? 200_000;

    const small = encodeBundle(ntpAddMs(clock.nowNtp(), 5000), [
      { kind: 'message', address: '/later', args: [{ type: 'i', value: 1 }] },
    ]);
    const worker = new Worker(HOSTILE, {
      eval: true,
      workerData: {
        port: status.port,
        maximal,
        small,
        inFlightKib: Math.max(grantedBytes / 4 / 1024, 2 * 130),
        durationMs: FLOOD_MS,
        readKib,
      },
    });
    cleanup.push(() => worker.terminate());
    const done = new Promise<HostileResult>((resolve, reject) => {
      worker.on('message', (m: { port?: number } & Partial<HostileResult>) => {
        if (m.port !== undefined) hostilePort = m.port;
        else resolve(m as HostileResult);
      });
      worker.on('error', reject);
    });
    await waitFor(() => hostilePort > 0, { what: 'the hostile sender', timeoutMs: 10_000 });

    // The second sender: extended ticks (beat numbers), each timetagged TICK_LEAD_MS ahead.
    const tx = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => tx.bind(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => tx.close(() => resolve())));
    let beat = 0;
    const sendTick = (): void => {
      const sent = clock.nowNtp();
      const timetag = ntpAddMs(sent, TICK_LEAD_MS);
      const info = { beat: beat++, accent: false, sentNtp: sent, mode: 'offset' as const };
      tx.send(encodeTick('/tick', 'extended', info, timetag), status.port, '127.0.0.1');
      maxWaiting = Math.max(maxWaiting, scheduler.size);
    };
    const ticker = setInterval(sendTick, TICK_EVERY_MS);
    cleanup.push(() => clearInterval(ticker));
    const hostile = await done;
    clearInterval(ticker);
    const ticksSent = beat;
    await waitFor(() => beatsDue.length >= ticksSent && hostileDatagrams >= hostile.sent, {
      what: 'every tick and every hostile datagram',
      timeoutMs: 10_000,
      details: () => {
        const missing = Array.from({ length: ticksSent }, (_, i) => i).filter(
          (b) => !beatsDue.includes(b),
        );
        const c = receiver.counters();
        return `${beatsDue.length}/${ticksSent} ticks (missing ${missing.slice(0, 5).join(' ')}), ${hostileDatagrams}/${hostile.sent} hostile; counters ${JSON.stringify(c)}`;
      },
    });

    const c0 = receiver.counters();
    console.log(
      `[flood] ${hostile.sent} hostile datagrams (${(hostile.sentBytes / 1e6).toFixed(1)} MB) in ${FLOOD_MS} ms, ` +
        `${ticksSent} ticks; refused: cap ${c0.capDropped}, budget ${c0.budgetDropped}, ` +
        `sender queue ${c0.senderQueueFull}; kernel ${c0.kernelDropped}; most waiting ${maxWaiting}`,
    );
    expect(ticksSent).toBeGreaterThan(20);
    expect([...beatsDue].sort((a, b) => a - b)).toEqual(
      Array.from({ length: ticksSent }, (_, i) => i),
    );
    expect(earlyMs).toEqual([]);
    const c = receiver.counters();
    expect(c.capDropped).toBe(hostile.maximal * 4093); // each refused whole, by the cap
    expect(c.senderQueueFull + c.budgetDropped).toBeGreaterThan(0); // the far-future flood held
    expect(c.malformed).toBe(0);
    // Every message sent is counted once: decoded, or refused by one reason before decoding.
    const sentMessages = hostile.maximal * 4093 + (hostile.sent - hostile.maximal) + ticksSent;
    expect(c.messages + c.capDropped + c.budgetDropped + c.backlogDropped).toBe(sentMessages);
    if (process.platform === 'linux') expect(c.kernelDropped).not.toBeNull();
    // What waits: the hostile sender's share of the queue, and a few ticks.
    expect(maxWaiting).toBeLessThanOrEqual(RECEIVE_LIMITS.scheduledPerSender + 50);
  });
});
