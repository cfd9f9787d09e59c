import dgram from 'node:dgram';
import { isIPv6 } from 'node:net';
import { RECEIVE_LIMITS } from '../../../shared/model/limits';
import type { Clock } from '../time/clock';
import { describeUdpError, UdpError } from './udp-errors';

/** Where a packet came from. */
export interface UdpSource {
  address: string;
  port: number;
}

/** Receives one datagram. `bytes` is a view valid only during the call; copy to keep it. */
export type PacketListener = (bytes: Uint8Array, from: UdpSource, arrivalMs: number) => void;

/** Options for {@link createUdpEndpoint}. */
export interface UdpEndpointOptions {
  clock: Clock;
  /** Local address to bind: 127.0.0.1 (default), 0.0.0.0 for every interface, or an IPv6 address. */
  host?: string;
  /** Local port; 0 picks a free one. */
  port: number;
  /** Allow sending to broadcast addresses. */
  broadcast?: boolean;
  /**
   * Receive buffer to ask of the OS, bytes (default RECEIVE_LIMITS.socketBufferBytes; 0 keeps the
   * OS default): room for bursts while the engine is busy. The OS may grant less.
   */
  receiveBufferBytes?: number;
}

/** A bound UDP socket that sends and receives OSC datagrams and never throws on network trouble. */
export interface UdpEndpoint {
  /** Binds; rejects with a {@link UdpError} (e.g. port in use). Resolves to the bound address. */
  bind(): Promise<UdpSource>;
  /** Sends one datagram; rejects with a {@link UdpError} (unknown host, unreachable, ...). */
  send(bytes: Uint8Array, host: string, port: number): Promise<void>;
  /** Adds a packet listener; returns its remover. */
  onPacket(listener: PacketListener): () => void;
  /** Adds an error listener for errors outside a send/bind call; returns its remover. */
  onError(listener: (error: UdpError) => void): () => void;
  /** The bound address, once bound. */
  readonly address: UdpSource | null;
  /** IPv4 or IPv6 (the OS keeps their sockets in separate tables). */
  readonly family: 'udp4' | 'udp6';
  /**
   * The receive buffer the OS granted, bytes, once bound (Linux reports double what it grants,
   * the bookkeeping included); null when it could not be read.
   */
  readonly receiveBufferBytes: number | null;
  /** Closes the socket; safe to call twice. */
  close(): Promise<void>;
}

/** Creates an unbound endpoint. Thread: the engine's. */
export function createUdpEndpoint(options: UdpEndpointOptions): UdpEndpoint {
  const host = options.host ?? '127.0.0.1';
  const family = isIPv6(host) ? 'udp6' : 'udp4';
  const socket = dgram.createSocket({ type: family });
  const askBufferBytes = options.receiveBufferBytes ?? RECEIVE_LIMITS.socketBufferBytes;
  let grantedBufferBytes: number | null = null;
  const packetListeners = new Set<PacketListener>();
  const errorListeners = new Set<(error: UdpError) => void>();
  let bound: UdpSource | null = null;
  let isClosed = false;
  /** While bind() is pending its error is bind()'s rejection: the caller reports it, once. */
  let isBinding = false;

  socket.on('message', (msg, rinfo) => {
    const arrivalMs = options.clock.nowMs();
    const from = { address: rinfo.address, port: rinfo.port };
    for (const listener of packetListeners) listener(msg, from, arrivalMs);
  });
  socket.on('error', (error) => {
    if (isBinding) return;
    const err = describeUdpError(error, {
      operation: 'receive',
      host,
      port: bound?.port ?? options.port,
    });
    for (const listener of errorListeners) listener(err);
  });

  return {
    bind() {
      return new Promise((resolve, reject) => {
        isBinding = true;
        const onBindError = (error: Error): void => {
          isBinding = false;
          reject(describeUdpError(error, { operation: 'bind', host, port: options.port }));
        };
        socket.once('error', onBindError);
        try {
          socket.bind({ address: host, port: options.port, exclusive: true }, () => {
            isBinding = false;
            socket.off('error', onBindError);
            if (options.broadcast) socket.setBroadcast(true);
            grantedBufferBytes = setReceiveBuffer(socket, askBufferBytes);
            const a = socket.address();
            bound = { address: a.address, port: a.port };
            resolve(bound);
          });
        } catch (error) {
          isBinding = false;
          socket.off('error', onBindError);
          reject(describeUdpError(error, { operation: 'bind', host, port: options.port }));
        }
      });
    },
    send(bytes, toHost, toPort) {
      return new Promise((resolve, reject) => {
        const fail = (error: unknown): void =>
          reject(describeUdpError(error, { operation: 'send', host: toHost, port: toPort }));
        if (isClosed)
          return fail(Object.assign(new Error('closed'), { code: 'ERR_SOCKET_DGRAM_NOT_RUNNING' }));
        try {
          socket.send(bytes, toPort, toHost, (error) => (error ? fail(error) : resolve()));
        } catch (error) {
          fail(error);
        }
      });
    },
    onPacket(listener) {
      packetListeners.add(listener);
      return () => packetListeners.delete(listener);
    },
    onError(listener) {
      errorListeners.add(listener);
      return () => errorListeners.delete(listener);
    },
    get address() {
      return bound;
    },
    family,
    get receiveBufferBytes() {
      return grantedBufferBytes;
    },
    close() {
      if (isClosed) return Promise.resolve();
      isClosed = true;
      packetListeners.clear();
      return new Promise((resolve) => {
        try {
          socket.close(() => resolve());
        } catch {
          resolve(); // never bound: nothing to close
        }
      });
    },
  };
}

/** Asks for `bytes` of receive buffer (the OS caps it, silently); returns what it granted. */
function setReceiveBuffer(socket: dgram.Socket, bytes: number): number | null {
  try {
    if (bytes > 0) socket.setRecvBufferSize(bytes);
  } catch {
    // refused (a sandbox, an odd OS): the default buffer still works, only with less room
  }
  try {
    return socket.getRecvBufferSize();
  } catch {
    return null;
  }
}

export { UdpError };
