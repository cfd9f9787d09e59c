/**
 * Free UDP ports for peers, so tests never collide with each other or with the seeds' fixed
 * 8000/8001. The port is free when we return it; a peer binds it moments later.
 */
import dgram from 'node:dgram';

/** Returns `count` distinct UDP ports on 127.0.0.1 that were free a moment ago. */
export async function freeUdpPorts(count: number): Promise<number[]> {
  // Hold every socket until all are bound, so the kernel cannot hand out one port twice.
  const sockets = await Promise.all(Array.from({ length: count }, () => bindEphemeral()));
  const ports = sockets.map((s) => s.address().port);
  await Promise.all(sockets.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  return ports;
}

/** Returns one UDP port on 127.0.0.1 that was free a moment ago. */
export async function freeUdpPort(): Promise<number> {
  const [port] = await freeUdpPorts(1);
  if (port === undefined) throw new Error('[harness] no free UDP port');
  return port;
}

function bindEphemeral(): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}
