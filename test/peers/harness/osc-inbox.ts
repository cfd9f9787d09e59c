/**
 * The test's own OSC endpoint: the engine's UDP socket on a free port, with every datagram decoded
 * by our codec and stamped with the engine clock at arrival, plus waits that explain failures.
 */
import { createSystemClock, type Clock } from '../../../electron/engine/time/clock';
import { createUdpEndpoint, type UdpEndpoint } from '../../../electron/engine/network/udp-endpoint';
import {
  decodePacket,
  flattenPacket,
  type OscPacket,
  type TimedMessage,
} from '../../../shared/osc/index';

/** One decoded message with the time its datagram arrived. */
export interface ReceivedMessage extends TimedMessage {
  /** Engine clock (Unix-epoch ms) when the datagram reached our socket. */
  arrivalMs: number;
}

/** A bound endpoint that records what it receives. */
export interface OscInbox {
  readonly port: number;
  readonly clock: Clock;
  /** Every message received so far, flattened out of bundles, in arrival order. */
  readonly received: readonly ReceivedMessage[];
  /** Datagrams our codec refused, with the reason. */
  readonly undecodable: readonly string[];
  /** Resolves with the first received message (seen or future) matching `predicate`. */
  waitFor(
    predicate: (m: ReceivedMessage) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<ReceivedMessage>;
  /** Sends encoded bytes to 127.0.0.1:`port` from this socket. */
  send(bytes: Uint8Array, port: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens an inbox on 127.0.0.1 with a free port chosen by the kernel. */
export async function openOscInbox(): Promise<OscInbox> {
  const clock = createSystemClock();
  const endpoint: UdpEndpoint = createUdpEndpoint({ host: '127.0.0.1', port: 0, clock });
  const { port } = await endpoint.bind();
  const received: ReceivedMessage[] = [];
  const undecodable: string[] = [];
  const waiters = new Set<() => void>();
  endpoint.onPacket((bytes, _from, arrivalMs) => {
    let packet: OscPacket;
    try {
      packet = decodePacket(bytes.slice());
    } catch (error) {
      undecodable.push(`${String(error)} (${Buffer.from(bytes).toString('hex')})`);
      return;
    }
    for (const timed of flattenPacket(packet)) received.push({ ...timed, arrivalMs });
    for (const waiter of [...waiters]) waiter();
  });
  return {
    port,
    clock,
    received,
    undecodable,
    waitFor: (predicate, timeoutMs, what) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = received.find(predicate);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = received.map((m) => m.message.address).join(' ') || 'nothing';
          const refused = undecodable.length ? `; undecodable: ${undecodable.join('; ')}` : '';
          reject(
            new Error(`[inbox] no ${what} within ${timeoutMs} ms (received: ${seen}${refused})`),
          );
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    send: (bytes, toPort) => endpoint.send(bytes, '127.0.0.1', toPort),
    close: () => endpoint.close(),
  };
}
