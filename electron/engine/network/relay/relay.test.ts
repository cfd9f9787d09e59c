import { afterEach, describe, expect, it } from 'vitest';
import { createSystemClock } from '../../time/clock';
import { createScheduler } from '../../time/scheduler';
import { createRealTimers } from '../../time/timers';
import { waitFor } from '../../testing/wait-for';
import { createUdpEndpoint, type UdpEndpoint } from '../udp-endpoint';
import { NO_IMPAIRMENT, type Impairment } from '../../../../shared/model';
import { createRelay, type Relay } from './relay';

const clock = createSystemClock();
const scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
const open: Array<UdpEndpoint | Relay> = [];
afterEach(async () => {
  for (const x of open.splice(0)) await ('close' in x ? x.close() : x.dispose());
});

async function rig(impairment: Partial<Impairment>, isOneWay = false) {
  const target = createUdpEndpoint({ clock, port: 0 });
  const client = createUdpEndpoint({ clock, port: 0 });
  open.push(target, client);
  const to = await target.bind();
  await client.bind();
  const relay = createRelay({
    clock,
    scheduler,
    listenPort: 0,
    to: { host: '127.0.0.1', port: to.port },
    impairment: { ...NO_IMPAIRMENT, ...impairment },
    seed: 1,
    isOneWay,
  });
  open.push(relay);
  const front = await relay.start();
  const arrivals: Array<{ id: number; atMs: number }> = [];
  target.onPacket((bytes, from, atMs) => {
    arrivals.push({ id: new DataView(bytes.buffer, bytes.byteOffset).getUint32(0), atMs });
    void target.send(bytes, from.address, from.port); // echo back through the relay
  });
  const replies: number[] = [];
  client.onPacket((bytes) =>
    replies.push(new DataView(bytes.buffer, bytes.byteOffset).getUint32(0)),
  );
  const sent = new Map<number, number>();
  const send = async (id: number) => {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, id);
    sent.set(id, clock.nowMs());
    await client.send(b, '127.0.0.1', front.port);
  };
  return { relay, send, sent, arrivals, replies };
}

describe('impairment relay over real UDP', () => {
  it('delays every packet by at least the configured delay and relays replies back', async () => {
    const r = await rig({ delayMs: 30 });
    for (let i = 0; i < 20; i++) await r.send(i);
    await waitFor(() => r.replies.length === 20, { what: '20 replies through the relay' });
    expect(r.arrivals).toHaveLength(20);
    for (const a of r.arrivals) expect(a.atMs - r.sent.get(a.id)!).toBeGreaterThanOrEqual(30);
    expect(r.replies.sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
    const c = r.relay.counters();
    expect(c).toMatchObject({ received: 20, replies: 20, lost: 0 });
    expect(c.meanDelayMs).toBeGreaterThanOrEqual(30);
  });

  it('hears that nothing listens at its target, says so once, and clears once something does', async () => {
    const closing = createUdpEndpoint({ clock, port: 0 });
    const closedPort = (await closing.bind()).port;
    await closing.close();
    const problems: Array<string | null> = [];
    const relay = createRelay({
      clock,
      scheduler,
      listenPort: 0,
      to: { host: '127.0.0.1', port: closedPort },
      impairment: NO_IMPAIRMENT,
      onProblem: (p) => problems.push(p),
      clearProblemAfterMs: 200,
    });
    open.push(relay);
    const front = await relay.start();
    const client = createUdpEndpoint({ clock, port: 0 });
    open.push(client);
    await client.bind();
    const send = () => client.send(new Uint8Array(4), '127.0.0.1', front.port);
    await waitFor(
      () => {
        void send();
        return relay.problem !== null;
      },
      { what: 'the refusal', pollMs: 20 },
    );
    expect(relay.problem).toBe(
      `nothing is listening on 127.0.0.1:${closedPort} (port unreachable)`,
    );
    expect(problems).toEqual([relay.problem]);
    const late = createUdpEndpoint({ clock, port: closedPort });
    open.push(late);
    await late.bind();
    let got = 0;
    late.onPacket(() => got++);
    await waitFor(
      () => {
        void send();
        return relay.problem === null;
      },
      { what: 'the problem to clear', pollMs: 50 },
    );
    expect(problems).toEqual([problems[0], null]);
    await waitFor(() => got > 0, { what: 'a forward to the new listener' });
  });

  it('counts losses and delivers only the survivors', async () => {
    const r = await rig({ loss: 0.5 }, true);
    for (let i = 0; i < 100; i++) await r.send(i);
    await waitFor(() => r.arrivals.length === 100 - r.relay.counters().lost, {
      what: 'the survivors',
    });
    const c = r.relay.counters();
    expect(c.lost).toBeGreaterThan(20);
    expect(c.lost).toBeLessThan(80);
    expect(r.arrivals).toHaveLength(100 - c.lost);
  });

  it('applies a live change to the next packets', async () => {
    const r = await rig({ delayMs: 0 }, true);
    await r.send(1);
    await waitFor(() => r.arrivals.length === 1, { what: 'the undelayed packet' });
    r.relay.update({ delayMs: 200 });
    await r.send(2);
    await waitFor(() => r.arrivals.length === 2, { what: 'the delayed packet' });
    const [a1, a2] = [1, 2].map((id) => r.arrivals.find((a) => a.id === id)!);
    // Behaviour, not machine speed: the second packet waited the new delay, the first did not.
    expect(a2!.atMs - r.sent.get(2)!).toBeGreaterThanOrEqual(200);
    expect(a1!.atMs - r.sent.get(1)!).toBeLessThan(200);
  });

  it('refuses an invalid live change and keeps the old settings', () => {
    return rig({ delayMs: 5 }).then((r) => {
      expect(() => r.relay.update({ jitterMs: -1 })).toThrow(
        /the jitter must be between 0 and 5000 ms/,
      );
      expect(r.relay.impairment.jitterMs).toBe(0);
    });
  });
});
