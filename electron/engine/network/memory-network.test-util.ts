/**
 * A loopback network in memory for virtual-time tests: endpoints with the UdpEndpoint shape whose
 * datagrams arrive through the test's timers (a FakeClock), so a chain that owns its sockets (the
 * relay) runs hours of virtual time in seconds. One host: every endpoint is 127.0.0.1, keyed by
 * port. A datagram arrives as a copy, stamped with the clock at delivery, like a real socket's.
 */
import type { Clock } from '../time/clock';
import type { SchedulerTimers } from '../time/timers';
import type { PacketListener, UdpEndpoint, UdpEndpointOptions, UdpSource } from './udp-endpoint';

/** The part of a UdpEndpoint the in-memory one has. */
export type MemoryEndpoint = Pick<
  UdpEndpoint,
  'bind' | 'send' | 'onPacket' | 'onError' | 'close' | 'address'
>;

/** What crossed the network. */
export interface MemoryNetworkCounters {
  sent: number;
  delivered: number;
  /** Sent to a port nobody had bound (a real network drops them too). */
  undeliverable: number;
}

/** Options for {@link createMemoryNetwork}. */
export interface MemoryNetworkOptions {
  clock: Clock;
  timers: Pick<SchedulerTimers, 'setTimer'>;
  /** Time on the wire, ms (default 0: the next timer turn, never inside the sender's call). */
  latencyMs?: number;
}

/** The network: makes endpoints (a relay's `makeEndpoint`) and counts datagrams. */
export interface MemoryNetwork {
  makeEndpoint(options: UdpEndpointOptions): MemoryEndpoint;
  counters(): MemoryNetworkCounters;
  /** Ports bound now (closed endpoints free theirs). */
  readonly boundPorts: number;
}

const HOST = '127.0.0.1';
const FIRST_FREE_PORT = 40_000;

/** Creates an empty network. */
export function createMemoryNetwork(options: MemoryNetworkOptions): MemoryNetwork {
  const { clock, timers } = options;
  const bound = new Map<number, Set<PacketListener>>();
  const counters: MemoryNetworkCounters = { sent: 0, delivered: 0, undeliverable: 0 };
  let nextPort = FIRST_FREE_PORT;

  const deliver = (bytes: Uint8Array, from: UdpSource, port: number): void => {
    const listeners = bound.get(port);
    if (!listeners) {
      counters.undeliverable++;
      return;
    }
    counters.delivered++;
    const arrivalMs = clock.nowMs();
    for (const listener of listeners) listener(bytes, from, arrivalMs);
  };

  const makeEndpoint = (endpointOptions: UdpEndpointOptions): MemoryEndpoint => {
    const listeners = new Set<PacketListener>();
    let address: UdpSource | null = null;
    let isClosed = false;
    return {
      bind() {
        if (isClosed) return Promise.reject(new Error('[memory-net] bind() after close()'));
        let port = endpointOptions.port;
        if (port === 0) while (bound.has((port = nextPort++)));
        if (bound.has(port)) return Promise.reject(new Error(`port ${port} is already in use`));
        bound.set(port, listeners);
        address = { address: HOST, port };
        return Promise.resolve(address);
      },
      send(bytes, _host, port) {
        if (address === null || isClosed)
          return Promise.reject(new Error('[memory-net] send() on an unbound endpoint'));
        counters.sent++;
        const copy = Uint8Array.from(bytes);
        const from = address;
        timers.setTimer(() => deliver(copy, from, port), options.latencyMs ?? 0);
        return Promise.resolve();
      },
      onPacket(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      // Nothing fails asynchronously in memory: no error is ever reported.
      onError: () => () => undefined,
      get address() {
        return address;
      },
      close() {
        isClosed = true;
        if (address !== null && bound.get(address.port) === listeners) bound.delete(address.port);
        listeners.clear();
        return Promise.resolve();
      },
    };
  };

  return {
    makeEndpoint,
    counters: () => ({ ...counters }),
    get boundPorts() {
      return bound.size;
    },
  };
}
