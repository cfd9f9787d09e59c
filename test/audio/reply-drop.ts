/**
 * A one-directional UDP forwarder: everything sent to its port goes on to 127.0.0.1:toPort from
 * one socket, and whatever comes back to that socket is dropped. In front of a receiver it makes
 * a Syncroscope sender look like a seed sender that never answers: the receiver's clock pings go
 * unanswered, so it reads the timetags in its own clock (clock sync off, by the network).
 */
import { createSocket } from 'node:dgram';

/** A running forwarder. */
export interface ReplyDrop {
  listenPort: number;
  close(): Promise<void>;
}

/** Starts a forwarder on a free port. */
export async function startReplyDrop(toPort: number): Promise<ReplyDrop> {
  const inbound = createSocket('udp4');
  const outbound = createSocket('udp4');
  inbound.on('message', (bytes) => outbound.send(bytes, toPort, '127.0.0.1'));
  outbound.on('message', () => undefined); // the receiver's pings: dropped
  await new Promise<void>((resolve) => inbound.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => outbound.bind(0, '127.0.0.1', resolve));
  return {
    listenPort: inbound.address().port,
    close: async () => {
      await new Promise<void>((r) => inbound.close(() => r()));
      await new Promise<void>((r) => outbound.close(() => r()));
    },
  };
}
