import { ntpFromUnixMs } from '../../../../shared/osc/timetag';
import type { Clock } from '../../time/clock';
import type { Scheduler } from '../../time/scheduler';
import {
  createUdpEndpoint,
  type UdpEndpoint,
  type PacketListener,
  type UdpEndpointOptions,
  type UdpSource,
} from '../udp-endpoint';
import type { UdpError } from '../udp-errors';
import { createConnectedSender, isConnectable } from '../connected-sender';
import { impairmentSchema, type Impairment } from '../../../../shared/model';
import { createImpairmentModel } from './impairment';

/** Options for {@link createRelay}. */
export interface RelayOptions {
  clock: Clock;
  /** Forwards are timed by the precise scheduler, so the added delay is what was asked for. */
  scheduler: Scheduler;
  listenHost?: string;
  /** Port the relay listens on (0 = any free port). */
  listenPort: number;
  /** Where packets go. */
  to: { host: string; port: number };
  impairment: Impairment;
  seed?: number;
  /** Replies from the target travel back unimpaired (default: impaired like the forward path). */
  isOneWay?: boolean;
  onError?: (error: UdpError) => void;
  /**
   * With real sockets, the one towards a unicast target is connected to it, so the OS says when
   * nothing listens there (connected-sender.ts): the words, or null once it is fine again.
   */
  onProblem?: (problem: string | null) => void;
  /** No refusal for this long clears the problem, ms (default 3 s). */
  clearProblemAfterMs?: number;
  /** Makes the relay's two sockets (default: real UDP); virtual-time tests pass an in-memory net. */
  makeEndpoint?: (options: UdpEndpointOptions) => RelayEndpoint;
}

/** What the relay needs of a socket. */
export type RelayEndpoint = Pick<UdpEndpoint, 'bind' | 'send' | 'onPacket' | 'onError' | 'close'>;

/** What the relay did, for its own panel. */
export interface RelayCounters {
  received: number;
  delivered: number;
  lost: number;
  duplicated: number;
  reordered: number;
  replies: number;
  /** Mean and sd of the delay added to delivered packets. */
  meanDelayMs: number;
  sdDelayMs: number;
}

/** A user-space UDP relay that delays, jitters, drops, reorders and duplicates datagrams. */
export interface Relay {
  start(): Promise<UdpSource>;
  /** Changes the impairment live (validated; throws a ZodError with readable messages). */
  update(patch: Partial<Impairment>): Impairment;
  readonly impairment: Impairment;
  counters(): RelayCounters;
  /** Why the target does not seem to receive ("nothing is listening on ..."); null if fine. */
  readonly problem: string | null;
  dispose(): Promise<void>;
}

/**
 * The socket towards the target as a connected sender: it binds and connects on the first
 * forward, hears replies only from the target, and learns of a closed port from the OS.
 */
function connectedBack(options: RelayOptions): RelayEndpoint & { readonly problem: string | null } {
  const listeners = new Set<PacketListener>();
  const sender = createConnectedSender({
    clock: options.clock,
    host: options.to.host,
    port: options.to.port,
    clearAfterMs: options.clearProblemAfterMs,
    onPacket: (bytes, from, arrivalMs) => {
      for (const listener of listeners) listener(bytes, from, arrivalMs);
    },
    onProblem: options.onProblem,
  });
  return {
    bind: async () => ({ address: '0.0.0.0', port: 0 }), // bound by its first send
    send: (bytes) => sender.send(bytes),
    onPacket(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onError: () => () => undefined, // its failures reject send (reported by the relay)
    close: () => sender.dispose(),
    get problem() {
      return sender.problem;
    },
  };
}

/** Creates a relay: front socket for clients, back socket towards the target. Thread: the engine's. */
export function createRelay(options: RelayOptions): Relay {
  const { clock, scheduler } = options;
  const model = createImpairmentModel(impairmentSchema.parse(options.impairment), options.seed);
  const makeEndpoint = options.makeEndpoint ?? createUdpEndpoint;
  const front: RelayEndpoint = makeEndpoint({
    clock,
    host: options.listenHost ?? '127.0.0.1',
    port: options.listenPort,
  });
  const connected =
    options.makeEndpoint === undefined && isConnectable(options.to.host)
      ? connectedBack(options)
      : null;
  const back: RelayEndpoint =
    connected ??
    makeEndpoint({
      clock,
      host: options.listenHost ?? '127.0.0.1',
      port: 0,
    });
  const pending = new Set<number>();
  const counters = { received: 0, delivered: 0, lost: 0, duplicated: 0, reordered: 0, replies: 0 };
  let client: UdpSource | null = null;
  let delayN = 0;
  let delayMean = 0;
  let delayM2 = 0;

  const report = (error: unknown): void => options.onError?.(error as UdpError);

  const forward = (
    bytes: Uint8Array,
    arrivalMs: number,
    via: RelayEndpoint,
    to: UdpSource,
    impaired: boolean,
  ): void => {
    const copy = Uint8Array.from(bytes); // the socket's buffer is only valid during the callback
    const verdict = impaired ? model.decide() : { delaysMs: [0], isReordered: false };
    if (verdict.delaysMs.length === 0) counters.lost++;
    if (verdict.delaysMs.length > 1) counters.duplicated++;
    if (verdict.isReordered) counters.reordered++;
    for (const delayMs of verdict.delaysMs) {
      const id = scheduler.schedule(ntpFromUnixMs(arrivalMs + delayMs), (info) => {
        pending.delete(info.id);
        counters.delivered++;
        const d = info.dispatchedMs - arrivalMs;
        delayN++;
        const delta = d - delayMean;
        delayMean += delta / delayN;
        delayM2 += delta * (d - delayMean);
        via.send(copy, to.address, to.port).catch(report);
      });
      if (id === null) counters.lost++;
      else pending.add(id);
    }
  };

  front.onPacket((bytes, from, arrivalMs) => {
    counters.received++;
    client = from;
    forward(bytes, arrivalMs, back, { address: options.to.host, port: options.to.port }, true);
  });
  back.onPacket((bytes, _from, arrivalMs) => {
    if (!client) return;
    counters.replies++;
    forward(bytes, arrivalMs, front, client, !options.isOneWay);
  });
  front.onError(report);
  back.onError(report);

  return {
    async start() {
      const bound = await front.bind();
      await back.bind();
      return bound;
    },
    update(patch) {
      model.settings = impairmentSchema.parse({ ...model.settings, ...patch });
      return model.settings;
    },
    get impairment() {
      return model.settings;
    },
    get problem() {
      return connected?.problem ?? null;
    },
    counters: () => ({
      ...counters,
      meanDelayMs: delayN ? delayMean : NaN,
      sdDelayMs: delayN > 1 ? Math.sqrt(delayM2 / (delayN - 1)) : NaN,
    }),
    async dispose() {
      for (const id of pending) scheduler.cancel(id);
      pending.clear();
      await Promise.all([front.close(), back.close()]);
    },
  };
}
