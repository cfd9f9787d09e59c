/**
 * A listening endpoint that gives each sender a socket of its own (Linux): real sockets, real
 * kernel buffers. The point of it is that a sender overflowing its buffer while the engine does
 * not read costs another sender nothing; the port-in-use check must still hold.
 */
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/wait-for';
import { createSystemClock } from '../time/clock';
import { createKernelDropReader, createPortSharersReader } from './kernel-drops';
import { createUdpEndpoint, UdpError, type UdpEndpoint } from './udp-endpoint';

const clock = createSystemClock();
const isLinux = process.platform === 'linux';
const endpoints: UdpEndpoint[] = [];
const sockets: dgram.Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await Promise.all(endpoints.splice(0).map((e) => e.close()));
});

const splitEndpoint = (port = 0, idleMs = 60_000, receiveBufferBytes?: number): UdpEndpoint => {
  const e = createUdpEndpoint({
    clock,
    port,
    splitSenders: { maxSockets: 4, idleMs },
    ...(receiveBufferBytes ? { receiveBufferBytes } : {}),
  });
  endpoints.push(e);
  return e;
};

const sender = async (): Promise<dgram.Socket> => {
  const s = dgram.createSocket('udp4');
  sockets.push(s);
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', resolve));
  return s;
};

/** Blocks this thread (the endpoint's) for `ms`: nothing is read meanwhile. */
const block = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('a socket per sender on the listening port', () => {
  it('still says the port is in use when another program holds it', async () => {
    const holder = dgram.createSocket('udp4');
    sockets.push(holder);
    await new Promise<void>((resolve) => holder.bind(0, '127.0.0.1', resolve));
    const error = await splitEndpoint(holder.address().port)
      .bind()
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(UdpError);
    expect(error).toMatchObject({ code: 'EADDRINUSE' });
  });

  it('lets another program that asks to share the port bind it too, and tells that it did', async () => {
    if (!isLinux) return;
    const rx = splitEndpoint();
    const { port } = await rx.bind();
    const sharers = createPortSharersReader({ family: 'udp4', port });
    expect(await sharers()).toBe(0);
    const other = spawn('python3', [
      '-c',
      `import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", ${port}))
print("bound", flush=True)
sys.stdin.read()`,
    ]);
    try {
      await new Promise<void>((resolve, reject) => {
        other.stdout.once('data', () => resolve());
        other.once('exit', (code) => reject(new Error(`python3 exited (${code})`)));
      });
      expect(await sharers()).toBe(1);
    } finally {
      other.kill();
    }
  });

  it('loses none of a quiet sender’s datagrams while another overflows its own buffer', async () => {
    const rx = splitEndpoint(0, 60_000, 16 * 1024);
    const { port } = await rx.bind();
    const counts = new Map<number, number>();
    rx.onPacket((_bytes, from) => counts.set(from.port, (counts.get(from.port) ?? 0) + 1));
    const flood = await sender();
    const quiet = await sender();
    flood.send(Buffer.from('hello'), port, '127.0.0.1');
    quiet.send(Buffer.from('hello'), port, '127.0.0.1');
    await waitFor(() => counts.size === 2, { what: 'both first datagrams' });
    if (!isLinux) return void expect(rx.senderSockets).toBe(0); // one socket serves all there
    await waitFor(() => rx.senderSockets === 2, { what: 'a socket for each sender' });
    // Let the connects complete (they take a round of the loop after the bind).
    await new Promise((resolve) => setTimeout(resolve, 50));
    counts.clear();
    const big = Buffer.alloc(1000);
    const small = Buffer.alloc(100);
    // Sent while this thread does not read: the flood finds its buffer full, the quiet one not.
    for (let i = 0; i < 2000; i++) {
      flood.send(big, port, '127.0.0.1');
      if (i % 100 === 0) quiet.send(small, port, '127.0.0.1');
    }
    block(200);
    const read = createKernelDropReader({ family: rx.family, port });
    let drops: number | null = null;
    const floodRead = (): number => counts.get(flood.address().port) ?? 0;
    for (const endMs = Date.now() + 5000; Date.now() < endMs;) {
      drops = await read();
      if (drops !== null && drops + floodRead() >= 2000) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(drops).toBeGreaterThan(0);
    expect(drops! + floodRead()).toBe(2000); // loopback loses nothing else
    expect(counts.get(quiet.address().port)).toBe(20);
  });

  it('stops reading a shed sender’s own socket for a while, then reads what waited', async () => {
    const rx = splitEndpoint();
    const { port } = await rx.bind();
    const seen: string[] = [];
    rx.onPacket((bytes) => seen.push(Buffer.from(bytes).toString()));
    const tx = await sender();
    const from = { address: '127.0.0.1', port: tx.address().port };
    tx.send('first', port, '127.0.0.1');
    await waitFor(() => seen.length === 1, { what: 'the first datagram' });
    if (!isLinux) return void expect(rx.shed!(from, 200)).toBe(false);
    await waitFor(() => rx.senderSockets === 1, { what: 'its socket' });
    await new Promise((resolve) => setTimeout(resolve, 50)); // connected
    expect(rx.shed!({ address: '127.0.0.1', port: 9 }, 200)).toBe(false); // no socket of its own
    expect(rx.shed!(from, 300)).toBe(true);
    tx.send('while shed', port, '127.0.0.1');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(seen).toEqual(['first']); // not read while shed
    await waitFor(() => seen.length === 2, { what: 'the datagram that waited, once read again' });
    expect(seen[1]).toBe('while shed');
  });

  it('closes a sender’s socket after it has been quiet, and serves it again when it returns', async () => {
    if (!isLinux) return;
    const rx = splitEndpoint(0, 200);
    const { port } = await rx.bind();
    let received = 0;
    rx.onPacket(() => received++);
    const tx = await sender();
    tx.send(Buffer.from('one'), port, '127.0.0.1');
    await waitFor(() => rx.senderSockets === 1, { what: 'its socket' });
    await waitFor(() => rx.senderSockets === 0, { what: 'its socket closed when idle' });
    tx.send(Buffer.from('two'), port, '127.0.0.1');
    await waitFor(() => received === 2 && rx.senderSockets === 1, { what: 'served again' });
  });
});
