import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { MetronomeTargetView } from '../../../shared/ipc';
import { createSystemClock } from '../time/clock';
import { createRelay, type Relay, type RelayOptions } from '../network/relay/relay';
import { createScheduler } from '../time/scheduler';
import { waitFor } from '../testing/wait-for';
import { createRealTimers } from '../time/timers';
import type { UdpError } from '../network/udp-errors';
import {
  createTargetRelays,
  seedOf,
  type TargetRelaysDeps,
  type TargetRoute,
} from './target-relays';

const clock = createSystemClock();
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function relays(over: Partial<TargetRelaysDeps> = {}) {
  const scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
  const errors: Array<[string, UdpError]> = [];
  const r = createTargetRelays({
    clock,
    scheduler,
    onError: (id, e) => errors.push([id, e]),
    ...over,
  });
  cleanup.push(
    () => scheduler.dispose(),
    () => r.dispose(),
  );
  return { relays: r, errors };
}

async function receiver() {
  const socket = dgram.createSocket('udp4');
  const packets: Array<{ text: string; from: number }> = [];
  socket.on('message', (m, rinfo) => packets.push({ text: String(m), from: rinfo.port }));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return { port: socket.address().port, packets };
}

async function sendTo(route: TargetRoute | undefined, text: string) {
  if (!route || 'error' in route) throw new Error(`no route: ${JSON.stringify(route)}`);
  const s = dgram.createSocket('udp4');
  await new Promise<void>((resolve, reject) =>
    s.send(text, route.port, route.host, (e) => (e ? reject(e) : resolve())),
  );
  s.close();
}

async function isFree(port: number): Promise<boolean> {
  const probe = dgram.createSocket('udp4');
  return new Promise((resolve) => {
    probe.once('error', () => resolve(false));
    probe.bind(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

const target = (
  port: number,
  impairment = { delayMs: 5, jitterMs: 0, loss: 0 },
  over: Partial<MetronomeTargetView> = {},
): MetronomeTargetView => ({
  id: 't1',
  host: '127.0.0.1',
  port,
  address: '/tick',
  format: 'seed',
  impairment,
  ...over,
});

describe('per-target relays (real sockets)', () => {
  it('give an impaired target its own relay, which forwards to it', async () => {
    const { relays: r } = relays();
    const rx = await receiver();
    const { routes } = await r.sync([target(rx.port)]);
    const route = routes.get('t1')!;
    expect(route).toMatchObject({ host: '127.0.0.1' });
    expect('port' in route && route.port).not.toBe(rx.port);
    await sendTo(route, 'through the relay');
    await waitFor(() => rx.packets.length === 1, { what: 'the forwarded packet' });
    expect(rx.packets[0]!.text).toBe('through the relay');
  });

  it('route a target directly once its impairment is zero, and close its relay after the switch', async () => {
    const { relays: r } = relays();
    const rx = await receiver();
    const first = await r.sync([target(rx.port)]);
    const relayPort = (first.routes.get('t1') as { port: number }).port;
    const second = await r.sync([target(rx.port, { delayMs: 0, jitterMs: 0, loss: 0 })]);
    expect(second.routes.get('t1')).toEqual({ host: '127.0.0.1', port: rx.port });
    expect(await isFree(relayPort)).toBe(false); // still open until the metronome has switched
    await second.retire();
    expect(await isFree(relayPort)).toBe(true);
  });

  it('update a relay live when only the impairment changes, and replace it when the target moves', async () => {
    const made: RelayOptions[] = [];
    const live: Relay[] = [];
    const { relays: r } = relays({
      createRelay: (o) => (made.push(o), live[live.push(createRelay(o)) - 1]!),
    });
    const a = await receiver();
    const b = await receiver();
    const port = (s: Awaited<ReturnType<typeof r.sync>>) =>
      (s.routes.get('t1') as { port: number }).port;
    const first = await r.sync([target(a.port)]);
    const louder = await r.sync([target(a.port, { delayMs: 50, jitterMs: 10, loss: 0.5 })]);
    expect(port(louder)).toBe(port(first));
    expect(made).toHaveLength(1);
    expect(live[0]!.impairment).toMatchObject({ delayMs: 50, jitterMs: 10, loss: 0.5 });
    const moved = await r.sync([target(b.port, { delayMs: 50, jitterMs: 10, loss: 0 })]);
    await moved.retire();
    expect(made).toHaveLength(2);
    expect(made[1]).toMatchObject({
      to: { host: '127.0.0.1', port: b.port },
      impairment: { delayMs: 50, jitterMs: 10, loss: 0, jitterDistribution: 'normal' },
      seed: seedOf('t1'), // the same target id jitters the same way on every run
    });
    expect(await isFree(port(first))).toBe(true);
    const gone = await r.sync([]);
    expect(gone.routes.size).toBe(0);
    await gone.retire();
    expect(await isFree(port(moved))).toBe(true);
  });

  it('say in words when a relay cannot bind, as that target route', async () => {
    const { relays: r } = relays({
      // A documentation address (RFC 5737) is on no interface here: binding it fails for real.
      createRelay: (o) => createRelay({ ...o, listenHost: '192.0.2.1' }),
    });
    const { routes } = await r.sync([target(9)]);
    expect(routes.get('t1')).toEqual({
      error: expect.stringMatching(
        /^The impairment relay could not start: The address 192\.0\.2\.1 does not belong to this computer/,
      ),
    });
  });

  it("report a relay's trouble reaching its target under that target's id", async () => {
    const { relays: r, errors } = relays();
    const { routes } = await r.sync([
      target(9, { delayMs: 1, jitterMs: 0, loss: 0 }, { id: 'far', host: 'no-such-host.invalid' }),
    ]);
    await sendTo(routes.get('far'), 'tick');
    await waitFor(() => errors.length > 0, { what: "the relay's error" });
    expect(errors[0]![0]).toBe('far');
    expect(errors[0]![1].message).toMatch(/^Unknown host "no-such-host.invalid"/);
  });

  it('seed each relay from its target id', () => {
    expect(seedOf('t1')).toBe(seedOf('t1'));
    expect(seedOf('t1')).not.toBe(seedOf('t2'));
    expect(Number.isInteger(seedOf('t1')) && seedOf('t1') >= 0).toBe(true);
  });
});
