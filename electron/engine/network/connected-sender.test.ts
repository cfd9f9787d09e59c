import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { waitFor } from '../testing/wait-for';
import { createConnectedSender, isConnectable, type ConnectedSender } from './connected-sender';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function listener(port = 0) {
  const s = dgram.createSocket('udp4');
  const got: Array<{ text: string; port: number }> = [];
  s.on('message', (m, r) => got.push({ text: String(m), port: r.port }));
  await new Promise<void>((r) => s.bind(port, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => s.close(() => r())));
  return { socket: s, got, port: s.address().port };
}

function sender(port: number, host = '127.0.0.1', extra: { clock?: FakeClock } = {}) {
  const clock = extra.clock ?? new FakeClock();
  const problems: Array<string | null> = [];
  const s: ConnectedSender = createConnectedSender({
    clock,
    host,
    port,
    onProblem: (p) => problems.push(p),
    answer: (bytes) => (String(bytes) === 'ping' ? new TextEncoder().encode('pong') : null),
  });
  cleanup.push(() => s.dispose());
  return { s, clock, problems };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('connected sender (real sockets on loopback)', () => {
  it('says nothing is listening when a closed port answers "port unreachable", and keeps sending', async () => {
    const port = await closedPort();
    const { s, problems } = sender(port);
    await s.send(bytes('tick'));
    await waitFor(() => s.problem !== null, { what: 'the refusal' });
    expect(s.problem).toBe(`nothing is listening on 127.0.0.1:${port} (port unreachable)`);
    for (let i = 0; i < 5; i++) await s.send(bytes('tick')); // never throws: the port may open
    expect(problems).toEqual([s.problem]); // said once, not on every beat
  });

  it('clears the words once the port has stopped refusing for a while, and delivers meanwhile', async () => {
    const port = await closedPort();
    const clock = new FakeClock();
    const { s, problems } = sender(port, '127.0.0.1', { clock });
    await s.send(bytes('tick'));
    await waitFor(() => s.problem !== null, { what: 'the refusal' });
    const rx = await listener(port);
    await s.send(bytes('one'));
    await waitFor(() => rx.got.length === 1, { what: 'the first datagram' });
    clock.advance(1000);
    await s.send(bytes('two'));
    expect(s.problem).not.toBeNull(); // too soon to tell: a closed port may be rate limited
    clock.advance(2500);
    await s.send(bytes('three'));
    expect(s.problem).toBeNull();
    expect(problems).toEqual([
      `nothing is listening on 127.0.0.1:${port} (port unreachable)`,
      null,
    ]);
    await waitFor(() => rx.got.length === 3, { what: 'every datagram' });
    expect(rx.got.map((g) => g.text)).toEqual(['one', 'two', 'three']);
  });

  it('answers a datagram from its destination on the same socket (clock pings)', async () => {
    const rx = await listener();
    const { s } = sender(rx.port);
    await s.send(bytes('tick'));
    await waitFor(() => rx.got.length === 1, { what: 'the tick' });
    expect(rx.got[0]!.port).toBe(s.localAddress!.port);
    rx.socket.send('ping', s.localAddress!.port, '127.0.0.1');
    await waitFor(() => rx.got.length === 2, { what: 'the answer' });
    expect(rx.got[1]).toEqual({ text: 'pong', port: s.localAddress!.port });
    expect(s.problem).toBeNull();
  });

  it('rejects with words for an unknown host, and tries again on the next send', async () => {
    const { s } = sender(9000, 'no-such-host.invalid');
    for (let i = 0; i < 2; i++) {
      const error = await s.send(bytes('tick')).catch((e: unknown) => e);
      expect(error).toMatchObject({ commandCode: 'unknown-host', field: ['host'] });
      expect((error as Error).message).toMatch(
        /Unknown host "no-such-host.invalid"|Could not look up/,
      );
    }
  });

  it('follows a host name to its new address, looked up again every so often', async () => {
    const a = await listener();
    // The same port on another loopback address: where the name points later.
    const b = dgram.createSocket('udp4');
    const atB: Array<{ text: string; port: number }> = [];
    b.on('message', (m, r) => atB.push({ text: String(m), port: r.port }));
    await new Promise<void>((r) => b.bind(a.port, '127.0.0.2', r));
    cleanup.push(() => new Promise<void>((r) => b.close(() => r())));
    const clock = new FakeClock();
    let points: string | Error = '127.0.0.1';
    const lookups: string[] = [];
    const s = createConnectedSender({
      clock,
      host: 'studio.test',
      port: a.port,
      lookupEveryMs: 1000,
      lookup: async (host) => {
        lookups.push(host);
        if (points instanceof Error) throw points;
        return points;
      },
    });
    cleanup.push(() => s.dispose());
    await s.send(bytes('one'));
    points = '127.0.0.2'; // the studio's laptop joined the Wi-Fi again
    clock.advance(999);
    await s.send(bytes('two')); // not looked up again yet
    expect(lookups).toHaveLength(1);
    clock.advance(1);
    await s.send(bytes('three')); // looks up in the background; this one still goes to a
    await waitFor(() => a.got.length === 3, { what: 'three datagrams at the old address' });
    await s.send(bytes('four'));
    await waitFor(() => atB.length === 1, { what: 'a datagram at the new address' });
    expect(a.got.map((g) => g.text)).toEqual(['one', 'two', 'three']);
    expect(atB.map((g) => g.text)).toEqual(['four']);
    expect(lookups).toEqual(['studio.test', 'studio.test']);
    // A lookup that fails later keeps the address it had.
    points = Object.assign(new Error('getaddrinfo ENOTFOUND studio.test'), { code: 'ENOTFOUND' });
    clock.advance(1000);
    await s.send(bytes('five'));
    await s.send(bytes('six'));
    await waitFor(() => atB.length === 3, { what: 'the next datagrams at the new address' });
    expect(s.problem).toBeNull();
  });

  it('says an unknown name in words when its first lookup fails', async () => {
    const s = createConnectedSender({
      clock: new FakeClock(),
      host: 'studio.test',
      port: 9000,
      lookup: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND studio.test'), { code: 'ENOTFOUND' });
      },
    });
    cleanup.push(() => s.dispose());
    await expect(s.send(bytes('tick'))).rejects.toThrow(
      'Unknown host "studio.test": check the spelling, or use an IP address such as 127.0.0.1.',
    );
  });

  it('refuses to send after dispose, in words', async () => {
    const rx = await listener();
    const { s } = sender(rx.port);
    await s.dispose();
    await expect(s.send(bytes('tick'))).rejects.toMatchObject({ commandCode: 'unavailable' });
  });

  it.each([
    ['127.0.0.1', true],
    ['192.168.1.20', true],
    ['::1', true],
    ['pd-laptop.local', true],
    ['255.255.255.255', false],
    ['224.0.0.251', false],
    ['239.1.2.3', false],
    ['ff02::1', false],
  ])('%s is connectable: %s', (host, expected) => {
    expect(isConnectable(host)).toBe(expected);
  });
});
