/**
 * The `receiver:*` domain: the engine's one listening socket. Its receive path feeds the engine's
 * router (ctx.router), on which ticks are one route (the start request's `patterns`) beside
 * whatever other features registered; every message also goes to stream:messages, bad datagrams
 * to stream:malformed. A switch never loses a working listener: the new port is bound before the
 * old one closes. Counters add up over restarts, as one engine's totals; the OS's own count of
 * datagrams it dropped on the socket is read beside them (kernel-drops.ts), and refusals by the
 * receive limits are logged in words, a few lines at most.
 */
import type {
  CommandRequest,
  EngineSnapshot,
  ReceiveCountersView,
  ReceiverStatus,
} from '../../../shared/ipc';
import { ZERO_RECEIVE_COUNTERS } from '../../../shared/ipc/constants';
import { RECEIVE_LIMITS } from '../../../shared/model/limits';
import { compileAddressPattern } from '../../../shared/osc';
import {
  createKernelDropReader,
  createPortSharersReader,
  watchKernelDrops,
  type KernelDropWatch,
} from '../network/kernel-drops';
import type { UdpEndpoint } from '../network/udp-endpoint';
import { createReceivePath, type ReceiveCounters, type ReceivePath } from '../receive/receive-path';
import { createRefusalNotices } from '../receive/refusal-notices';
import { createTickRoute, type TickRouteOptions } from '../receive/tick-route';
import type { ReceiverClockHooks } from './clocksync';
import { createSerialQueue, type DomainHandlers, type EngineContext } from './context';
import { createMessageTap } from './message-tap';

/** Where accepted ticks go: on arrival, and when due. */
export type TickConsumer = Required<TickRouteOptions>;

/** The receiver domain. */
export interface ReceiverDomain {
  handlers: DomainHandlers<'receiver:start' | 'receiver:stop'>;
  status(): ReceiverStatus;
  counters(): ReceiveCountersView;
  dispose(): Promise<void>;
}

type StartRequest = CommandRequest<'receiver:start'>;

interface Listener {
  endpoint: UdpEndpoint;
  /** What was asked (host as given), with the port actually bound. */
  request: StartRequest;
  path: ReceivePath;
  kernelDrops: KernelDropWatch;
  /** Detaches the path and the tick route (synchronous: no packet falls between two listeners). */
  release: () => void;
}

const { kernelDropped: _kernel, ...ZERO } = ZERO_RECEIVE_COUNTERS;
const COUNTER_KEYS = Object.keys(ZERO) as Array<keyof ReceiveCounters>;

/** Creates the receiver domain (stopped). `snapshot` is the whole engine:changed value. */
export function createReceiverDomain(
  ctx: EngineContext,
  deps: {
    ticks: TickConsumer;
    onChanged: () => void;
    snapshot: () => EngineSnapshot;
    /** Where it listens after each start, stop or failure (null: not listening), e.g. for mDNS. */
    onListening?: (at: { host: string; port: number } | null) => void;
    /** Clock sync: pings new sources, reads their timetags in their clocks once they answer. */
    clock?: ReceiverClockHooks;
  },
): ReceiverDomain {
  const { clock, sink, log, router } = ctx;
  const serial = createSerialQueue();
  const retired: ReceiveCounters = { ...ZERO }; // totals of receive paths already released
  /** Kernel drops on sockets already closed; null while no socket's count was known. */
  let retiredKernel: number | null = null;
  let status: ReceiverStatus = { status: 'stopped' };
  let running: Listener | null = null;
  const notices = createRefusalNotices({
    nowMs: () => clock.nowMs(),
    log: (text) => log('warn', text),
  });

  const addKernel = (a: number | null, b: number | null): number | null =>
    a === null ? b : b === null ? a : a + b;

  const counters = (): ReceiveCountersView => {
    const out = { ...retired };
    const now = running?.path.counters();
    if (now) for (const k of COUNTER_KEYS) out[k] += now[k];
    out.handlerErrors += router.counters().handlerErrors;
    return {
      ...out,
      kernelDropped: addKernel(retiredKernel, running?.kernelDrops.dropped ?? null),
    };
  };

  const bind = async (host: string, port: number): Promise<UdpEndpoint> => {
    const endpoint = ctx.makeEndpoint({
      clock,
      host,
      port,
      splitSenders: {
        maxSockets: RECEIVE_LIMITS.senderSockets,
        idleMs: RECEIVE_LIMITS.senderSocketIdleMs,
      },
    });
    try {
      await endpoint.bind();
      return endpoint;
    } catch (error) {
      await endpoint.close();
      throw error;
    }
  };

  /** Puts a fresh receive path on a bound endpoint, feeding the router, the log and the counters. */
  const listen = (
    endpoint: UdpEndpoint,
    req: StartRequest,
    kernelDropped: number | null = null,
  ): void => {
    const removeTicks = router.add(req.patterns, createTickRoute(deps.ticks));
    const input = router.connect({
      send: (bytes, host, port) => endpoint.send(bytes, host, port),
      onReplyError: (error) => log('warn', `reply failed: ${(error as Error)?.message ?? error}`),
    });
    const tap = createMessageTap({ sink });
    // Clock pings leave from this socket, so the pongs come back to it (and to the router).
    const sendFrom = (bytes: Uint8Array, to: { address: string; port: number }): void =>
      void endpoint.send(bytes, to.address, to.port).catch(() => {}); // unanswered is counted
    const path = createReceivePath({
      clock,
      scheduler: ctx.scheduler,
      timers: ctx.timers,
      latePolicy: req.latePolicy,
      onRefused: notices,
      onWorkedLater: deps.onChanged,
      timetagToLocal: deps.clock?.timetagToLocal,
      shed: (from, ms) => endpoint.shed?.(from, ms) ?? false,
      onShed: (from, ms) =>
        log(
          'warn',
          `${from.address}:${from.port} keeps sending far over its budget: not read for ${ms / 1000} s (the OS drops what it sends meanwhile)`,
        ),
      onReceive(m) {
        input.onReceive(m); // never throws
        tap(m);
        deps.clock?.heard(m, sendFrom);
      },
      onDispatch: input.onDispatch,
      onMalformed: (p) =>
        sink.stream('stream:malformed', () => ({
          source: `${p.from.address}:${p.from.port}`,
          arrivalMs: p.arrivalMs,
          byteLength: p.byteLength,
          code: p.error.code,
          message: p.error.message,
        })),
    });
    const offPacket = endpoint.onPacket((bytes, from, arrivalMs) => {
      path.handlePacket(bytes, from, arrivalMs);
      deps.onChanged();
    });
    const offError = endpoint.onError((error) => log('warn', error.message));
    const { address, port } = endpoint.address!;
    const kernelDrops = watchKernelDrops({
      read: createKernelDropReader({ family: endpoint.family, port }),
      timers: ctx.timers,
      intervalMs: RECEIVE_LIMITS.kernelDropPollMs,
      initial: kernelDropped,
      onChange: deps.onChanged,
    });
    const offSharers = warnOfPortSharers(ctx, endpoint.family, port);
    running = {
      endpoint,
      request: { ...req, port },
      path,
      kernelDrops,
      release: () => (offPacket(), offError(), removeTicks(), offSharers()),
    };
    status = {
      status: 'listening',
      host: address,
      port,
      latePolicy: req.latePolicy,
      receiveBufferBytes: endpoint.receiveBufferBytes,
    };
    deps.onListening?.({ host: address, port });
    log(
      'info',
      `listening for OSC on ${address}:${port} (ticks: ${req.patterns.join(' ') || 'none'}; late messages: ${req.latePolicy})`,
    );
  };

  /**
   * Detaches the running listener and adds up its counters; returns its endpoint, still open.
   * The OS's drop count belongs to the socket: it is added up unless the socket is kept.
   */
  const release = (isSocketKept = false): UdpEndpoint | null => {
    const r = running;
    if (!r) return null;
    running = null;
    r.release();
    const last = r.path.counters();
    for (const k of COUNTER_KEYS) retired[k] += last[k];
    if (!isSocketKept) retiredKernel = addKernel(retiredKernel, r.kernelDrops.dropped);
    r.kernelDrops.dispose();
    r.path.dispose(); // what still waited for its time goes with it
    return r.endpoint;
  };

  const stop = async (): Promise<void> => {
    const endpoint = release();
    if (!endpoint) return;
    await endpoint.close();
    status = { status: 'stopped' };
    log('info', 'receiver stopped');
    deps.onListening?.(null);
  };

  const fail = (req: StartRequest, error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    log('error', message);
    const kept = running?.request;
    if (kept) log('info', `still listening on ${kept.host}:${kept.port}`);
    else status = { status: 'error', host: req.host, port: req.port, error: message };
    if (!running) deps.onListening?.(null);
    deps.onChanged();
    throw error;
  };

  const start = async (req: StartRequest): Promise<EngineSnapshot> => {
    // The contract checked them; a bad pattern must still fail before the listener is touched.
    for (const pattern of req.patterns) compileAddressPattern(pattern);
    const old = running;
    if (old && old.request.port === req.port && old.request.host === req.host) {
      // The same socket: keep it bound, only the receive path and tick route start over.
      const kernelDropped = old.kernelDrops.dropped;
      listen(release(true)!, req, kernelDropped);
    } else if (old && old.request.port === req.port) {
      // The same port on another address: it must be freed first; if that bind fails, rebind.
      await release()!.close();
      let endpoint: UdpEndpoint;
      try {
        endpoint = await bind(req.host, req.port);
      } catch (error) {
        await restore(old.request);
        return fail(req, error);
      }
      listen(endpoint, req);
    } else {
      // Another port: bind it first, so a port in use leaves the working listener as it was.
      let endpoint: UdpEndpoint;
      try {
        endpoint = await bind(req.host, req.port);
      } catch (error) {
        return fail(req, error);
      }
      const previous = release();
      listen(endpoint, req);
      await previous?.close();
    }
    deps.onChanged();
    return deps.snapshot();
  };

  const restore = async (req: StartRequest): Promise<void> => {
    try {
      listen(await bind(req.host, req.port), req);
    } catch (error) {
      log(
        'error',
        `could not listen on ${req.host}:${req.port} again: ${(error as Error).message}`,
      );
    }
  };

  return {
    handlers: {
      'receiver:start': (req) => serial(() => start(req)),
      'receiver:stop': () => serial(async () => (await stop(), deps.onChanged(), deps.snapshot())),
    },
    status: () => status,
    counters,
    dispose: () => serial(stop),
  };
}

/** How often the listening port is checked for other programs bound to it, ms. */
const SHARERS_POLL_MS = 5_000;

/**
 * Warns, once each time it happens, when another program binds the listening port too (on Linux
 * the port is shared with a socket per sender, so one that asks to share it can): it may take
 * datagrams meant for this app. Returns the stopper.
 */
export function warnOfPortSharers(
  ctx: Pick<EngineContext, 'timers' | 'log'>,
  family: 'udp4' | 'udp6',
  port: number,
  read = createPortSharersReader({ family, port }),
): () => void {
  let timer: unknown = null;
  let isStopped = false;
  let known = 0;
  const check = async (): Promise<void> => {
    const sharers = (await read().catch(() => null)) ?? 0;
    if (isStopped) return;
    if (sharers > 0 && known === 0)
      ctx.log(
        'warn',
        `another program is also listening on UDP port ${port}: some datagrams may reach it instead of this app (close it, or listen on another port)`,
      );
    known = sharers;
    timer = ctx.timers.setTimer(() => void check(), SHARERS_POLL_MS);
  };
  void check();
  return () => {
    isStopped = true;
    if (timer !== null) ctx.timers.clearTimer(timer);
  };
}
