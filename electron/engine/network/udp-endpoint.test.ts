import { afterEach, describe, expect, it } from 'vitest';
import { createSystemClock } from '../time/clock';
import { createUdpEndpoint, UdpError, type UdpEndpoint } from './udp-endpoint';

const clock = createSystemClock();
const open: UdpEndpoint[] = [];
const endpoint = (port = 0, host?: string): UdpEndpoint => {
  const e = createUdpEndpoint({ clock, port, ...(host ? { host } : {}) });
  open.push(e);
  return e;
};
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});

describe('UDP endpoint (real sockets)', () => {
  it('delivers a datagram with its source and an arrival time from the engine clock', async () => {
    const rx = endpoint();
    const tx = endpoint();
    const { port } = await rx.bind();
    const txAddr = await tx.bind();
    const got = new Promise<{ bytes: number[]; port: number; arrivalMs: number }>((resolve) =>
      rx.onPacket((bytes, from, arrivalMs) =>
        resolve({ bytes: [...bytes], port: from.port, arrivalMs }),
      ),
    );
    const before = clock.nowMs();
    await tx.send(new Uint8Array([1, 2, 3, 4]), '127.0.0.1', port);
    const packet = await got;
    expect(packet.bytes).toEqual([1, 2, 3, 4]);
    expect(packet.port).toBe(txAddr.port);
    expect(packet.arrivalMs).toBeGreaterThanOrEqual(before);
    expect(packet.arrivalMs).toBeLessThan(clock.nowMs() + 0.001);
  });

  it('asks the OS for a large receive buffer and reports the size it granted once bound', async () => {
    const large = endpoint();
    const small = createUdpEndpoint({ clock, port: 0, receiveBufferBytes: 16 * 1024 });
    open.push(small);
    expect(large.receiveBufferBytes).toBeNull();
    await large.bind();
    await small.bind();
    expect(large.family).toBe('udp4');
    expect(small.receiveBufferBytes).toBeGreaterThan(0);
    // The OS may cap the ask (Linux: net.core.rmem_max), but never below what a small ask gets.
    expect(large.receiveBufferBytes).toBeGreaterThanOrEqual(small.receiveBufferBytes!);
  });

  it('says in plain words when the port is already in use', async () => {
    const first = endpoint();
    const { port } = await first.bind();
    const second = endpoint(port);
    const error = await second.bind().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UdpError);
    expect(error).toMatchObject({
      code: 'EADDRINUSE',
      systemCode: 'EADDRINUSE',
      commandCode: 'port-in-use',
      field: ['port'],
    });
    expect((error as UdpError).message).toContain(`Port ${port} is already in use`);
  });

  it('says the host is unknown instead of crashing when sending to a bad name', async () => {
    const tx = endpoint();
    await tx.bind();
    const error = await tx.send(new Uint8Array(4), 'no-such-host.invalid', 9).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UdpError);
    expect(error).toMatchObject({ commandCode: 'unknown-host', field: ['host'] });
    expect((error as UdpError).message).toMatch(
      /Unknown host "no-such-host.invalid"|Could not look up/,
    );
  });

  it('rejects an out-of-range port with a message naming the valid range', async () => {
    const tx = endpoint();
    await tx.bind();
    const error = await tx.send(new Uint8Array(4), '127.0.0.1', 70000).catch((e: unknown) => e);
    expect((error as UdpError).message).toContain('1 to 65535');
  });

  it('refuses to listen on an address that is not this machine', async () => {
    const e = endpoint(0, '192.0.2.1'); // TEST-NET-1: never assigned to a local interface
    const error = await e.bind().catch((err: unknown) => err);
    expect(error).toMatchObject({ code: 'EADDRNOTAVAIL', commandCode: 'network', field: ['host'] });
    expect((error as UdpError).message).toContain('does not belong to this computer');
  });

  it('sends to the broadcast address only when broadcast is turned on, and says so otherwise', async () => {
    const quiet = createUdpEndpoint({ clock, port: 0, host: '0.0.0.0' });
    const loud = createUdpEndpoint({ clock, port: 0, host: '0.0.0.0', broadcast: true });
    open.push(quiet, loud);
    await quiet.bind();
    await loud.bind();
    const refused = await quiet
      .send(new Uint8Array(4), '255.255.255.255', 9)
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'EACCES', commandCode: 'network', field: ['host'] });
    expect((refused as UdpError).message).toContain('turn on broadcast');
    await expect(loud.send(new Uint8Array(4), '255.255.255.255', 9)).resolves.toBeUndefined();
  });

  it('closes cleanly twice and refuses to send afterwards', async () => {
    const e = endpoint();
    await e.bind();
    await e.close();
    await e.close();
    const error = await e.send(new Uint8Array(4), '127.0.0.1', 9).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(UdpError);
  });
});
