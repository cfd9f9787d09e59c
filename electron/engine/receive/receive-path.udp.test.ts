import { afterEach, describe, expect, it } from 'vitest';
import { argsFromValues, encodeBundle, encodeMessage } from '../../../shared/osc';
import { ntpAddMs, ntpFromUnixMs } from '../../../shared/osc/timetag';
import { createSystemClock } from '../time/clock';
import { createReceivePath, type DispatchedMessage, type ReceivePath } from './receive-path';
import { createScheduler } from '../time/scheduler';
import { createRealTimers } from '../time/timers';
import { createUdpEndpoint } from '../network/udp-endpoint';
import { waitFor } from '../testing/wait-for';

const clock = createSystemClock();
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function receiver(latePolicy: 'play' | 'drop' = 'play') {
  const scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
  const dispatched: DispatchedMessage[] = [];
  const malformed: string[] = [];
  const path: ReceivePath = createReceivePath({
    clock,
    scheduler,
    latePolicy,
    onDispatch: (m) => dispatched.push(m),
    onMalformed: (p) => malformed.push(`${p.error.code}: ${p.error.message}`),
  });
  const rx = createUdpEndpoint({ clock, port: 0 });
  const tx = createUdpEndpoint({ clock, port: 0 });
  path.attach(rx);
  const { port } = await rx.bind();
  await tx.bind();
  cleanup.push(
    () => rx.close(),
    () => tx.close(),
    () => path.dispose(),
    () => scheduler.dispose(),
  );
  const send = (bytes: Uint8Array) => tx.send(bytes, '127.0.0.1', port);
  const settle = (isDone: () => boolean) =>
    waitFor(isDone, {
      timeoutMs: 3000,
      what: 'dispatches',
      details: () => JSON.stringify(path.counters()),
    });
  return { path, dispatched, malformed, send, settle };
}

const good = encodeMessage('/tick', argsFromValues(['tick']));
/** Bad packets as a hostile or buggy peer would send them. */
const corpus: Array<[string, Uint8Array]> = [
  ['empty datagram', new Uint8Array(0)],
  ['size not a multiple of 4', good.subarray(0, good.length - 1)],
  ['address without slash', new TextEncoder().encode('tick\0\0\0\0,s\0\0tick\0\0\0\0')],
  ['unterminated address', new TextEncoder().encode('/tic')],
  ['unknown type tag', new TextEncoder().encode('/t\0\0,Q\0\0\0\0\0\0')],
  ['argument past the end', new TextEncoder().encode('/t\0\0,i\0\0')],
  ['bundle shorter than its header', new TextEncoder().encode('#bundle\0\0\0\0\0')],
  [
    'bundle element past the end',
    Uint8Array.from([
      ...new TextEncoder().encode('#bundle\0'),
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      1,
      0,
      0,
      0,
      64,
      ...good,
    ]),
  ],
  ['random bytes', Uint8Array.from({ length: 64 }, (_, i) => (i * 97 + 13) & 0xff)],
];

describe('receive path over real UDP', () => {
  it('rejects and counts every malformed packet, and good packets after them still arrive', async () => {
    const r = await receiver();
    for (const [, bytes] of corpus) await r.send(bytes);
    await r.send(good);
    await r.settle(
      () => r.dispatched.length >= 1 && r.path.counters().packets >= corpus.length + 1,
    );
    expect(r.path.counters().malformed).toBe(corpus.length);
    expect(r.malformed).toHaveLength(corpus.length);
    expect(r.dispatched.map((d) => d.message.address)).toEqual(['/tick']);
  });

  it('dispatches future bundles in timetag order and never before their timetag', async () => {
    const r = await receiver();
    const base = ntpFromUnixMs(clock.nowMs() + 150);
    const offsets = [40, 0, 30, 10, 20]; // sent out of order
    for (const o of offsets)
      await r.send(
        encodeBundle(ntpAddMs(base, o), [{ kind: 'message', address: `/t${o}`, args: [] }]),
      );
    await r.settle(() => r.dispatched.length === offsets.length);
    expect(r.dispatched.map((d) => d.message.address)).toEqual([
      '/t0',
      '/t10',
      '/t20',
      '/t30',
      '/t40',
    ]);
    for (const d of r.dispatched) {
      expect(d.classification).toBe('future');
      expect(d.dispatchedMs).toBeGreaterThanOrEqual(d.targetMs); // never early
      expect(d.errorMs).toBeLessThan(50); // generous: behaviour, not machine speed
    }
  });

  it('counts a bundle that arrives after its timetag as late and drops it under the drop policy', async () => {
    const r = await receiver('drop');
    await r.send(
      encodeBundle(ntpFromUnixMs(clock.nowMs() - 20), [
        { kind: 'message', address: '/late', args: [] },
      ]),
    );
    await r.send(good);
    await r.settle(() => r.dispatched.length === 1);
    expect(r.dispatched.map((d) => d.message.address)).toEqual(['/tick']);
    expect(r.path.counters()).toMatchObject({ late: 1, lateDropped: 1 });
  });
});
