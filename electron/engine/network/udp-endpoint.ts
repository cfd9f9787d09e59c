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
  /**
   * Gives each sender a socket of its own on the bound port, where the OS supports it (Linux):
   * connected to that sender, so the OS puts only its datagrams in that socket's buffer, and a
   * sender that floods can fill only its own. At most `maxSockets` at once (later senders share
   * the bound socket); one is closed after `idleMs` without a datagram. The port is still bound
   * exclusively first, so a port in use fails as it always did.
   */
  splitSenders?: { maxSockets: number; idleMs: number };
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
  /** Senders that have a socket of their own now ({@link UdpEndpointOptions.splitSenders}). */
  readonly senderSockets: number;
  /**
   * Stops reading one sender's own socket for `ms` (what it sends meanwhile waits in that
   * socket's buffer, and beyond it the OS drops it, counted as the OS's drops): a sender that
   * keeps sending far over its budget then costs the engine nothing. False when the sender has
   * no socket of its own, or the socket cannot be paused here.
   */
  shed?(from: UdpSource, ms: number): boolean;
  /** Closes the socket; safe to call twice. */
  close(): Promise<void>;
}

/** Creates an unbound endpoint. Thread: the engine's. */
export function createUdpEndpoint(options: UdpEndpointOptions): UdpEndpoint {
  const host = options.host ?? '127.0.0.1';
  const family = isIPv6(host) ? 'udp6' : 'udp4';
  const split = process.platform === 'linux' ? (options.splitSenders ?? null) : null;
  const isSplit = split !== null;
  // Every socket on a shared port must say so (SO_REUSEADDR); the exclusive check is a probe.
  const socket = dgram.createSocket({ type: family, reuseAddr: isSplit });
  const askBufferBytes = options.receiveBufferBytes ?? RECEIVE_LIMITS.socketBufferBytes;
  let grantedBufferBytes: number | null = null;
  const packetListeners = new Set<PacketListener>();
  const errorListeners = new Set<(error: UdpError) => void>();
  let bound: UdpSource | null = null;
  let isClosed = false;
  /** While bind() is pending its error is bind()'s rejection: the caller reports it, once. */
  let isBinding = false;

  const onMessage = (msg: Buffer, rinfo: dgram.RemoteInfo): void => {
    const arrivalMs = options.clock.nowMs();
    const from = { address: rinfo.address, port: rinfo.port };
    for (const listener of packetListeners) listener(msg, from, arrivalMs);
  };
  const senders = split
    ? createSenderSockets({ ...split, family, bufferBytes: askBufferBytes }, () => bound, onMessage)
    : null;
  socket.on('message', (msg, rinfo) => {
    senders?.seen(rinfo);
    onMessage(msg, rinfo);
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
        const onBindError = (error: unknown): void => {
          isBinding = false;
          socket.off('error', onBindError);
          reject(describeUdpError(error, { operation: 'bind', host, port: options.port }));
        };
        socket.once('error', onBindError);
        const bindAt = (port: number): void => {
          try {
            socket.bind({ address: host, port, exclusive: true }, () => {
              isBinding = false;
              socket.off('error', onBindError);
              if (options.broadcast) socket.setBroadcast(true);
              grantedBufferBytes = setReceiveBuffer(socket, askBufferBytes);
              const a = socket.address();
              bound = { address: a.address, port: a.port };
              resolve(bound);
            });
          } catch (error) {
            onBindError(error);
          }
        };
        // Split: the port is first bound alone, so one held by another program fails as usual.
        if (isSplit) void probeExclusive(family, host, options.port).then(bindAt, onBindError);
        else bindAt(options.port);
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
    get senderSockets() {
      return senders?.size ?? 0;
    },
    shed: (from, ms) => senders?.shed(from, ms) ?? false,
    close() {
      if (isClosed) return Promise.resolve();
      isClosed = true;
      packetListeners.clear();
      senders?.close();
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

/**
 * Binds `host:port` the exclusive way (as one socket alone would) and lets it go at once: a port
 * another program holds fails here, in the usual words; resolves to the port (0 picks one).
 */
function probeExclusive(family: 'udp4' | 'udp6', host: string, port: number): Promise<number> {
  const probe = dgram.createSocket({ type: family });
  return new Promise((resolve, reject) => {
    probe.once('error', (error) => {
      probe.close();
      reject(error);
    });
    probe.bind({ address: host, port, exclusive: true }, () => {
      const bound = probe.address().port;
      probe.close(() => resolve(bound));
    });
  });
}

/** The per-sender sockets of one split endpoint. */
interface SenderSockets {
  /** A datagram from `from` came to the shared socket: give it a socket, if there is room. */
  seen(from: dgram.RemoteInfo): void;
  /** Pauses reading `from`'s own socket for `ms`; false when it cannot. */
  shed(from: UdpSource, ms: number): boolean;
  readonly size: number;
  close(): void;
}

/**
 * Per-sender sockets: bound to the endpoint's address and port (SO_REUSEADDR) and connected to
 * one sender, so the OS delivers that sender's datagrams to it alone (a connected socket is the
 * better match). Datagrams that reached one before its connect are still read and handed on with
 * their true sender. A socket the OS refuses leaves that sender on the shared socket.
 */
function createSenderSockets(
  config: { maxSockets: number; idleMs: number; family: 'udp4' | 'udp6'; bufferBytes: number },
  local: () => UdpSource | null,
  onMessage: (msg: Buffer, rinfo: dgram.RemoteInfo) => void,
): SenderSockets {
  const { family, idleMs, maxSockets: max } = config;
  const open = new Map<
    string,
    { socket: dgram.Socket; lastMs: number; resume: ReturnType<typeof setTimeout> | null }
  >();
  /** Senders whose own socket failed: they stay on the shared one (bounded). */
  const refused = new Set<string>();
  let isClosed = false;
  const drop = (key: string): void => {
    const entry = open.get(key);
    if (!entry) return;
    open.delete(key);
    if (entry.resume !== null) clearTimeout(entry.resume);
    try {
      entry.socket.close();
    } catch {
      // already closed
    }
  };
  const sweep = setInterval(() => {
    const nowMs = performance.now();
    for (const [key, entry] of open) if (nowMs - entry.lastMs > idleMs) drop(key);
  }, idleMs / 4);
  sweep.unref();
  return {
    seen(from) {
      // Every datagram on the shared socket comes here: the cheap refusals first.
      const at = local();
      if (isClosed || at === null || open.size >= max) return;
      const key = keyOf(from);
      if (open.has(key) || refused.has(key)) return;
      const socket = dgram.createSocket({ type: family, reuseAddr: true });
      const entry = {
        socket,
        lastMs: performance.now(),
        resume: null as ReturnType<typeof setTimeout> | null,
      };
      open.set(key, entry);
      let isConnected = false;
      const fail = (): void => {
        drop(key);
        if (refused.size >= 1024) refused.clear();
        refused.add(key);
      };
      // Once connected, an error is the OS reporting on the sender (an ICMP message for what the
      // shared socket sent it): the socket still receives.
      socket.on('error', () => isConnected || fail());
      socket.on('message', (msg, rinfo) => {
        entry.lastMs = performance.now();
        onMessage(msg, rinfo);
      });
      try {
        socket.bind({ address: at.address, port: at.port, exclusive: true }, () => {
          setReceiveBuffer(socket, config.bufferBytes);
          socket.once('connect', () => (isConnected = true));
          socket.connect(from.port, from.address); // a failure comes as 'error'
        });
      } catch {
        fail();
      }
    },
    shed(from, ms) {
      const key = keyOf(from);
      const entry = open.get(key);
      if (!entry) return false;
      if (entry.resume !== null) return true; // already paused
      const handle = readingHandle(entry.socket);
      if (handle === null || handle.recvStop() !== 0) return false;
      entry.resume = setTimeout(() => {
        entry.resume = null;
        entry.lastMs = performance.now(); // paused is not idle
        if (open.get(key) === entry) handle.recvStart();
      }, ms);
      entry.resume.unref();
      return true;
    },
    get size() {
      return open.size;
    },
    close() {
      isClosed = true;
      clearInterval(sweep);
      for (const key of [...open.keys()]) drop(key);
    },
  };
}

const keyOf = (from: UdpSource): string => `${from.address} ${from.port}`;

/** What pauses and resumes a socket's reading: its libuv handle. */
interface ReadingHandle {
  recvStop(): number;
  recvStart(): number;
}

/**
 * The socket's handle, through which its reading can be paused: Node's dgram API has no pause,
 * but every version we ship keeps the handle under the socket's 'state symbol' (as for
 * `socket.ref()`). Null when that is not so: the sender is then read as usual, never unread.
 */
function readingHandle(socket: dgram.Socket): ReadingHandle | null {
  const state = Object.getOwnPropertySymbols(socket).find((s) => s.description === 'state symbol');
  const handle = state
    ? (socket as unknown as Record<symbol, { handle?: unknown }>)[state]?.handle
    : null;
  const h = handle as Partial<ReadingHandle> | null | undefined;
  return h && typeof h.recvStop === 'function' && typeof h.recvStart === 'function'
    ? (h as ReadingHandle)
    : null;
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
