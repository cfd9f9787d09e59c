/**
 * The engine's outgoing sockets, shared by osc:send and the metronome: one per address family,
 * bound to every interface so one socket reaches loopback and the LAN alike, opened on first use.
 */
import { isIPv6 } from 'node:net';
import type { UdpEndpoint, UdpSource } from '../network/udp-endpoint';
import type { EngineContext } from './context';

/** Sends datagrams from the shared sockets. */
export interface Senders {
  /** Sends one datagram; rejects with a UdpError in plain words (unknown host, ...). */
  send(bytes: Uint8Array, host: string, port: number): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * What to answer to a datagram arriving on a sender socket (a receiver pinging the socket its
 * ticks came from: clock sync); null answers nothing.
 */
export type SenderAnswer = (
  bytes: Uint8Array,
  from: UdpSource,
  arrivalMs: number,
) => Uint8Array | null;

/** Creates the senders; nothing is bound until the first send. */
export function createSenders(
  ctx: Pick<EngineContext, 'clock' | 'makeEndpoint'>,
  options: { answer?: SenderAnswer } = {},
): Senders {
  const endpoints = new Map<'udp4' | 'udp6', Promise<UdpEndpoint>>();

  const endpointFor = (host: string): Promise<UdpEndpoint> => {
    const family = isIPv6(host) ? 'udp6' : 'udp4';
    let endpoint = endpoints.get(family);
    if (!endpoint) {
      const e = ctx.makeEndpoint({
        clock: ctx.clock,
        host: family === 'udp6' ? '::' : '0.0.0.0',
        port: 0,
      });
      const { answer } = options;
      if (answer) {
        e.onPacket((bytes, from, arrivalMs) => {
          const reply = answer(bytes, from, arrivalMs);
          if (reply !== null) e.send(reply, from.address, from.port).catch(() => {});
        });
      }
      endpoint = e.bind().then(() => e);
      endpoints.set(family, endpoint);
      endpoint.catch(() => endpoints.delete(family)); // the next send tries again
    }
    return endpoint;
  };

  return {
    async send(bytes, host, port) {
      await (await endpointFor(host)).send(bytes, host, port);
    },
    async dispose() {
      const settled = await Promise.allSettled(endpoints.values());
      endpoints.clear();
      await Promise.all(settled.map((r) => (r.status === 'fulfilled' ? r.value.close() : null)));
    },
  };
}
