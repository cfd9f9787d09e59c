/**
 * Real UDP for the e2e scenarios: a sink that records what went on the wire, a peer that sends
 * OSC made by our codec, free ports, and liblo's `oscsend` as an independent sender.
 */
import { spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { createServer } from 'node:net';

/** A bound UDP socket that keeps every datagram it receives. */
export interface UdpSink {
  port: number;
  packets: Buffer[];
  /** Resolves with the next datagram (or one already received and not yet taken). */
  next(timeoutMs?: number): Promise<Buffer>;
  send(bytes: Uint8Array, port: number): Promise<void>;
  close(): Promise<void>;
}

/** Binds a sink (and peer) on 127.0.0.1 and a free port. */
export async function createUdpSink(): Promise<UdpSink> {
  const socket = dgram.createSocket('udp4');
  const packets: Buffer[] = [];
  let taken = 0;
  socket.on('message', (m) => packets.push(m));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    packets,
    async next(timeoutMs = 5000) {
      for (const end = Date.now() + timeoutMs; packets.length <= taken;) {
        if (Date.now() > end) throw new Error('[e2e] no UDP packet arrived at the sink');
        await new Promise((r) => setTimeout(r, 10));
      }
      return packets[taken++]!;
    },
    send: (bytes, port) =>
      new Promise((resolve, reject) =>
        socket.send(bytes, port, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
      ),
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** A UDP port on 127.0.0.1 that was free a moment ago. */
export async function freeUdpPort(): Promise<number> {
  const sink = await createUdpSink();
  await sink.close();
  return sink.port;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** True when liblo's oscsend is installed (apt package liblo-tools). */
export function hasOscsend(): boolean {
  return spawnSync('oscsend', ['--help'], { stdio: 'ignore' }).error === undefined;
}

/** `oscsend 127.0.0.1 PORT ADDRESS TYPES ARGS...` */
export function oscsend(port: number, address: string, types: string, ...args: string[]): void {
  const run = spawnSync('oscsend', ['127.0.0.1', String(port), address, types, ...args], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  if (run.status !== 0) throw new Error(`[e2e] oscsend failed: ${run.stderr || run.error}`);
}
