/**
 * The tick receiver: the seed's Python and Pd receivers in one, standalone (CLI, benches, peer
 * tests). It listens on a UDP port and feeds a receive path into a router on which ticks are one
 * route (tick-route.ts): each tick is announced on arrival (`onTick`, for look-ahead audio) and
 * dispatched again at its time (`onTickDue`). Everything else goes to `onMessage` at its time.
 * The engine's receiver domain composes the same pieces around the engine's own router.
 */
import { DEFAULT_TICK_PATTERNS } from '../../../shared/model';
import type { Clock } from '../time/clock';
import type { Scheduler } from '../time/scheduler';
import type { EngineTimers } from '../time/timers';
import {
  createReceivePath,
  type DispatchedMessage,
  type LatePolicy,
  type MalformedPacket,
  type ReceiveCounters,
  type ReceivedMessage,
  type RefusedPacket,
} from './receive-path';
import { createOscRouter, type OscRouter } from './router';
import { createTickRoute, type TickDispatch, type TickEvent } from './tick-route';
import {
  createUdpEndpoint,
  type UdpEndpoint,
  type UdpError,
  type UdpSource,
} from '../network/udp-endpoint';

export type { TickDispatch, TickEvent, TickMode } from './tick-route';
/** The seed ports (8000 Python, 8001 Pd) and tick addresses, from the model. */
export { DEFAULT_TICK_PATTERNS, TICK_PORT_PD, TICK_PORT_PYTHON } from '../../../shared/model';

/** Receive-path counters plus the tick receiver's own. */
export interface TickReceiverCounters extends ReceiveCounters {
  ticks: number;
  ticksDue: number;
  /** Messages that were not ticks (dispatched to onMessage). */
  otherMessages: number;
}

/** Options for {@link createTickReceiver}. */
export interface TickReceiverOptions {
  clock: Clock;
  scheduler: Scheduler;
  /** The scheduler's timers: receive work then yields to them when much arrives at once. */
  timers?: EngineTimers;
  /** Local address (default 127.0.0.1; 0.0.0.0 to hear other machines). */
  host?: string;
  /** {@link TICK_PORT_PYTHON}, {@link TICK_PORT_PD}, or 0 for any free port. */
  port: number;
  /** Address patterns that carry ticks (default {@link DEFAULT_TICK_PATTERNS}). */
  patterns?: readonly string[];
  /** Where ticks register (default: a private router); other routes on it share this socket. */
  router?: OscRouter;
  latePolicy?: LatePolicy;
  /** Every decoded message on arrival, ticks included (for a message log). */
  onReceive?: (message: ReceivedMessage) => void;
  onTick?: (tick: TickEvent) => void;
  onTickDue?: (tick: TickEvent, dispatch: TickDispatch) => void;
  onMessage?: (message: DispatchedMessage) => void;
  onMalformed?: (packet: MalformedPacket) => void;
  /** Datagrams (and future messages) refused by the receive limits. */
  onRefused?: (packet: RefusedPacket) => void;
  /** Socket errors after binding (rare on UDP). */
  onError?: (error: UdpError) => void;
}

/** A tick receiver. Thread: the engine's (the scheduler's). */
export interface TickReceiver {
  /** Binds the port; rejects with the UdpError (e.g. "Port 8000 is already in use ..."). */
  start(): Promise<UdpSource>;
  /** Closes the port and cancels ticks still waiting for their time. */
  stop(): Promise<void>;
  /** Feeds one datagram as if it had arrived (in-process peers and virtual-time tests). */
  handlePacket(bytes: Uint8Array, from: UdpSource, arrivalMs: number): void;
  setLatePolicy(policy: LatePolicy): void;
  /** The bound address while started. */
  readonly address: UdpSource | null;
  counters(): TickReceiverCounters;
  /** Also removes the tick route from the router. */
  dispose(): Promise<void>;
}

/** Creates a stopped tick receiver; throws OscPatternError for a malformed pattern. */
export function createTickReceiver(options: TickReceiverOptions): TickReceiver {
  const { clock, scheduler } = options;
  const router = options.router ?? createOscRouter();
  const route = createTickRoute(options);
  const removeRoute = router.add(options.patterns ?? DEFAULT_TICK_PATTERNS, route);
  let otherMessages = 0;
  let endpoint: UdpEndpoint | null = null;
  let starting: Promise<UdpSource> | null = null;
  let detach: Array<() => void> = [];
  let isDisposed = false;

  const input = router.connect({
    send: (bytes, host, port) =>
      endpoint ? endpoint.send(bytes, host, port) : Promise.reject(new Error('[ticks] stopped')),
  });
  const path = createReceivePath({
    clock,
    scheduler,
    timers: options.timers,
    latePolicy: options.latePolicy,
    onRefused: options.onRefused,
    onReceive(r) {
      input.onReceive(r); // never throws
      options.onReceive?.(r);
    },
    onDispatch(d) {
      const isTick = route.isWaiting(d.message);
      input.onDispatch(d);
      if (isTick) return;
      otherMessages++;
      options.onMessage?.(d);
    },
    onMalformed: options.onMalformed,
  });

  const bind = async (): Promise<UdpSource> => {
    const ep = createUdpEndpoint({ clock, host: options.host, port: options.port });
    try {
      const bound = await ep.bind();
      endpoint = ep;
      detach = [path.attach(ep), ep.onError((e) => options.onError?.(e))];
      return bound;
    } catch (error) {
      await ep.close();
      throw error;
    }
  };

  const stop = async (): Promise<void> => {
    await starting?.catch(() => undefined);
    for (const remove of detach) remove();
    detach = [];
    path.dispose();
    const ep = endpoint;
    endpoint = null;
    await ep?.close();
  };

  return {
    start() {
      if (isDisposed) return Promise.reject(new Error('[ticks] start() after dispose()'));
      if (endpoint) return Promise.resolve(endpoint.address!);
      starting ??= bind().finally(() => (starting = null));
      return starting;
    },
    stop,
    handlePacket: (bytes, from, arrivalMs) => path.handlePacket(bytes, from, arrivalMs),
    setLatePolicy: (policy) => path.setLatePolicy(policy),
    get address() {
      return endpoint?.address ?? null;
    },
    counters() {
      const c = path.counters();
      c.handlerErrors += router.counters().handlerErrors;
      return { ...c, ...route.counters(), otherMessages };
    },
    async dispose() {
      isDisposed = true;
      removeRoute();
      await stop();
    },
  };
}
