/**
 * A UDP socket connected to one destination, so the system tells us when nothing listens there.
 * An unconnected socket never hears of the ICMP "port unreachable" that a closed port sends back;
 * a connected one gets it as ECONNREFUSED (on its next receive or send). The sender keeps
 * sending (the receiver may start later) and says in words what is wrong until it is fine again.
 *
 * Source port: each destination gets its own socket (bound to every interface, a free port), so
 * a receiver sees the ticks for it come from that socket. Syncroscope receivers ping the socket
 * they hear from (clock sync); `answer` replies on it. A connected socket accepts datagrams only
 * from its destination, which is where such a receiver pings from. Seed programs (python-osc, Pd)
 * never reply.
 *
 * A destination given by name is looked up when the socket connects and again every 30 s while
 * it sends; the socket follows a changed address.
 */
import dgram from 'node:dgram';
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, isIPv4, isIPv6 } from 'node:net';
import type { Clock } from '../time/clock';
import type { UdpSource } from './udp-endpoint';
import { describeUdpError } from './udp-errors';

/** Options for {@link createConnectedSender}. */
export interface ConnectedSenderOptions {
  clock: Clock;
  host: string;
  port: number;
  /** What to answer to a datagram from the destination (a clock ping); null answers nothing. */
  answer?: (bytes: Uint8Array, from: UdpSource, arrivalMs: number) => Uint8Array | null;
  /** Hears every datagram from the destination, before `answer` (a relay's replies). */
  onPacket?: (bytes: Uint8Array, from: UdpSource, arrivalMs: number) => void;
  /** The destination started refusing (the words) or is fine again (null). */
  onProblem?: (problem: string | null) => void;
  /**
   * No refusal for this long (and two sends since) means something listens again, ms. Linux
   * answers a closed port at least once a second (its ICMP rate limit), so 3 s is safe.
   */
  clearAfterMs?: number;
  /**
   * A host given by name is looked up again this long after the last lookup, ms (default 30 s),
   * and the socket follows it when its address changed (a laptop that joined the Wi-Fi again).
   */
  lookupEveryMs?: number;
  /** Resolves a name to one address of the socket's family (dns.lookup by default; tests fake it). */
  lookup?: (host: string, family: 4 | 6) => Promise<string>;
}

const systemLookup = async (host: string, family: 4 | 6): Promise<string> =>
  (await dnsLookup(host, { family })).address;

/** One destination's socket. Thread: the engine's. */
export interface ConnectedSender {
  /** Sends one datagram; rejects with a UdpError in words (unknown host, no route, ...). */
  send(bytes: Uint8Array): Promise<void>;
  /** Why the destination does not seem to receive, in words; null when nothing says so. */
  readonly problem: string | null;
  /** The local address, once connected. */
  readonly localAddress: UdpSource | null;
  dispose(): Promise<void>;
}

/** Errors the system reports later, from an ICMP answer to an earlier datagram. */
const ASYNC_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']);

/**
 * False for destinations a connected socket cannot serve as well as a shared one: broadcast and
 * multicast (answers come from other addresses, and no ICMP comes back from a group anyway).
 */
export function isConnectable(host: string): boolean {
  if (isIPv4(host)) {
    const first = Number(host.split('.')[0]);
    return host !== '255.255.255.255' && !(first >= 224 && first <= 239);
  }
  if (isIPv6(host)) return !host.toLowerCase().startsWith('ff');
  return true; // a name: resolved by connect
}

/** Creates the sender; the socket is bound and connected on the first send. */
export function createConnectedSender(options: ConnectedSenderOptions): ConnectedSender {
  const { clock, host, port } = options;
  const clearAfterMs = options.clearAfterMs ?? 3000;
  const where = `${isIPv6(host) ? `[${host}]` : host}:${port}`;
  const family = isIPv6(host) ? 6 : 4;
  const socket = dgram.createSocket(family === 6 ? 'udp6' : 'udp4');
  const isName = isIP(host) === 0;
  const lookup = options.lookup ?? systemLookup;
  const lookupEveryMs = options.lookupEveryMs ?? 30_000;
  /** The address connected to, and when the name was last looked up (names only). */
  let connectedTo: string | null = null;
  let lookedUpMs = -Infinity;
  let isLookingUp = false;
  let connecting: Promise<void> | null = null;
  let localAddress: UdpSource | null = null;
  let problem: string | null = null;
  let lastRefusalMs = -Infinity;
  let sendsSinceRefusal = 0;
  let isClosed = false;

  const setProblem = (next: string | null): void => {
    if (next === problem) return;
    problem = next;
    options.onProblem?.(next);
  };
  const refused = (code: string): void => {
    lastRefusalMs = clock.nowMs();
    sendsSinceRefusal = 0;
    setProblem(
      code === 'ECONNREFUSED'
        ? `nothing is listening on ${where} (port unreachable)`
        : `${where} cannot be reached (${code === 'ENETUNREACH' ? 'network' : 'host'} unreachable)`,
    );
  };

  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (ASYNC_CODES.has(error.code ?? '')) refused(error.code!);
  });
  socket.on('message', (bytes, rinfo) => {
    const arrivalMs = clock.nowMs();
    const from = { address: rinfo.address, port: rinfo.port };
    options.onPacket?.(bytes, from, arrivalMs);
    const reply = options.answer?.(bytes, from, arrivalMs);
    if (reply) socket.send(reply, () => {}); // an unanswered ping is the pinger's to count
  });

  const connectTo = (address: string): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      try {
        socket.connect(port, address, (error?: Error) => {
          if (error) return reject(error);
          const a = socket.address();
          localAddress = { address: a.address, port: a.port };
          connectedTo = address;
          resolve();
        });
      } catch (error) {
        reject(error); // closed meanwhile, or a port out of range
      }
    });

  /**
   * Connects to the address `resolve` gives; sends wait for it. A failure is said in words and
   * leaves the next send to connect afresh (the name may resolve by then).
   */
  const connectAt = (resolve: () => Promise<string>): Promise<void> => {
    let attempt: Promise<void> | null = null;
    attempt = (async () => {
      try {
        await connectTo(await resolve());
      } catch (error) {
        if (connecting === attempt) connecting = null;
        throw describeUdpError(error, { operation: 'send', host, port });
      }
    })();
    connecting = attempt;
    return attempt;
  };

  const connect = (): Promise<void> =>
    connecting ??
    connectAt(async () => {
      lookedUpMs = clock.nowMs();
      return isName ? lookup(host, family) : host;
    });

  /**
   * Looks a name up again, in the background: when its address changed, the socket reconnects
   * (Linux gives it a new local port then) and the next sends go there. A failed lookup keeps
   * the old address.
   */
  const followName = (): void => {
    if (!isName || isLookingUp || connectedTo === null) return;
    if (clock.nowMs() - lookedUpMs < lookupEveryMs) return;
    lookedUpMs = clock.nowMs();
    isLookingUp = true;
    lookup(host, family).then(
      (address) => {
        isLookingUp = false;
        if (address === connectedTo || isClosed) return;
        // A failed move is the next send's to report (it connects afresh).
        connectAt(async () => (socket.disconnect(), address)).catch(() => undefined);
      },
      () => void (isLookingUp = false), // not found just now: keep sending where we were
    );
  };

  const sendOnce = (bytes: Uint8Array): Promise<NodeJS.ErrnoException | null> =>
    new Promise((resolve) => {
      try {
        socket.send(bytes, (error) => resolve(error ?? null));
      } catch (error) {
        resolve(error as NodeJS.ErrnoException);
      }
    });

  return {
    async send(bytes) {
      if (isClosed) {
        const closed = Object.assign(new Error('closed'), { code: 'ERR_SOCKET_DGRAM_NOT_RUNNING' });
        throw describeUdpError(closed, { operation: 'send', host, port });
      }
      await connect();
      followName();
      let error = await sendOnce(bytes);
      if (error && ASYNC_CODES.has(error.code ?? '')) {
        // The refusal was of an earlier datagram, and this one was not sent: send it again.
        refused(error.code!);
        error = await sendOnce(bytes);
        if (error && ASYNC_CODES.has(error.code ?? '')) return refused(error.code!);
      }
      if (error) throw describeUdpError(error, { operation: 'send', host, port });
      sendsSinceRefusal++;
      if (
        problem !== null &&
        sendsSinceRefusal >= 2 &&
        clock.nowMs() - lastRefusalMs >= clearAfterMs
      ) {
        setProblem(null);
      }
    },
    get problem() {
      return problem;
    },
    get localAddress() {
      return localAddress;
    },
    dispose() {
      if (isClosed) return Promise.resolve();
      isClosed = true;
      return new Promise((resolve) => {
        try {
          socket.close(() => resolve());
        } catch {
          resolve(); // never bound
        }
      });
    },
  };
}
