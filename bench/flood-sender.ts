/**
 * One sender of the flood bench, run as its own process (so it never shares the receiver's event
 * loop): `node --import tsx bench/flood-sender.ts '{"role":...,"port":...,"durationMs":...}'`.
 * It binds, prints `{"ready":true,"port":P}`, waits for a line on stdin, sends for `durationMs`
 * and prints `{"done":true,"sent":N,"bytes":B}` (datagrams the OS took). Roles:
 * - ticks: extended ticks (beat numbers), timetagged `leadMs` ahead, every `everyMs`;
 * - mixed: `rate` valid datagrams/s of up to 1,500 bytes, plain messages and bundles (some timed);
 * - flood: as fast as it can, small messages and small bundles for later, alternately;
 * - maximal: `rate` bundles/s of 4,093 messages in 65,504 bytes.
 */
import dgram from 'node:dgram';
import { createInterface } from 'node:readline';
import { encodeTick } from '../shared/model';
import { encodeBundle, encodeMessage, type OscArg, type OscPacket } from '../shared/osc';
import { IMMEDIATELY, ntpAddMs, ntpFromUnixMs } from '../shared/osc/timetag';

/** What one sender does. */
export interface SenderConfig {
  role: 'ticks' | 'mixed' | 'flood' | 'maximal';
  port: number;
  durationMs: number;
  /** Datagrams per second (mixed, maximal). */
  rate?: number;
  /** ticks: time between ticks and how far ahead each is timetagged. */
  everyMs?: number;
  leadMs?: number;
  seed?: number;
}

/** Sends still waiting for the OS at most (beyond, a flood waits: no unbounded queue here). */
const MAX_PENDING = 512;

const nowNtp = () => ntpFromUnixMs(performance.timeOrigin + performance.now());

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const blob = (n: number): OscArg => ({ type: 'b', value: new Uint8Array(n) });

/** The mixed traffic: 70 % plain messages, 30 % bundles of 1-6 (half timed 20-200 ms ahead). */
function mixedDatagram(rnd: () => number, n: number): Uint8Array {
  if (rnd() < 0.7)
    return encodeMessage(`/mix/${n % 16}`, [
      { type: 'i', value: n },
      blob(Math.floor(rnd() * 1400)),
    ]);
  const count = 1 + Math.floor(rnd() * 6);
  const each = Math.floor((rnd() * 1300) / count);
  const elements = Array.from({ length: count }, (_, k): OscPacket => ({
    kind: 'message',
    address: `/mix/b${k}`,
    args: [{ type: 'i', value: n }, blob(each)],
  }));
  const timetag = rnd() < 0.5 ? IMMEDIATELY : ntpAddMs(nowNtp(), 20 + rnd() * 180);
  return encodeBundle(timetag, elements);
}

/** 4,093 messages `/ab ,i n`, 16 bytes each with its size: 65,504 bytes. */
function maximalBundle(): Uint8Array {
  const elements = Array.from({ length: 4093 }, (_, i): OscPacket => ({
    kind: 'message',
    address: '/ab',
    args: [{ type: 'i', value: i }],
  }));
  return encodeBundle(IMMEDIATELY, elements);
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as SenderConfig;
  const socket = dgram.createSocket('udp4');
  socket.on('error', () => undefined); // e.g. the receiver closed first: nothing to do
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => socket.connect(config.port, '127.0.0.1', resolve));
  process.stdout.write(`${JSON.stringify({ ready: true, port: socket.address().port })}\n`);
  await new Promise<void>((resolve) =>
    createInterface({ input: process.stdin }).once('line', () => resolve()),
  );

  let sent = 0;
  let bytes = 0;
  let pending = 0;
  const send = (datagram: Uint8Array): void => {
    pending++;
    socket.send(datagram, (error) => {
      pending--;
      if (error) return;
      sent++;
      bytes += datagram.length;
    });
  };
  const rnd = random(config.seed ?? 1);
  const endMs = performance.now() + config.durationMs;
  const startMs = performance.now();
  const maximal = config.role === 'maximal' ? maximalBundle() : null;
  let n = 0;

  await new Promise<void>((resolve) => {
    /** Sends what is due at `rate` per second, checking every millisecond (little CPU). */
    const paced = (make: () => Uint8Array): void => {
      const due = Math.floor(((performance.now() - startMs) * config.rate!) / 1000);
      for (; n < due && pending < MAX_PENDING; n++) send(make());
      if (performance.now() < endMs) setTimeout(() => paced(make), 1);
      else resolve();
    };
    const flood = (): void => {
      for (let k = 0; k < 64 && pending < MAX_PENDING; k++, n++) {
        send(
          n % 2 === 0
            ? encodeMessage('/flood', [{ type: 'i', value: n }])
            : encodeBundle(ntpAddMs(nowNtp(), 500 + (n % 1000)), [
                { kind: 'message', address: '/flood/later', args: [{ type: 'i', value: n }] },
              ]),
        );
      }
      if (performance.now() < endMs) setImmediate(flood);
      else resolve();
    };
    const ticks = (): void => {
      const sentNtp = nowNtp();
      const info = { beat: n++, accent: false, sentNtp, mode: 'offset' as const };
      send(encodeTick('/tick', 'extended', info, ntpAddMs(sentNtp, config.leadMs ?? 50)));
      if (performance.now() < endMs) setTimeout(ticks, config.everyMs ?? 10);
      else resolve();
    };
    if (config.role === 'ticks') ticks();
    else if (config.role === 'flood') flood();
    else if (config.role === 'maximal') paced(() => maximal!);
    else paced(() => mixedDatagram(rnd, n));
  });
  while (pending > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  process.stdout.write(`${JSON.stringify({ done: true, sent, bytes })}\n`);
  socket.close();
}

void main();
