/**
 * The `receiver:*` domain: one tick receiver on a UDP port. Ticks go to the tick consumer
 * (stream:ticks, measurements), every message to stream:messages, bad datagrams to
 * stream:malformed. Counters add up over restarts, as one engine's totals.
 */
import type {
  CommandRequest,
  EngineSnapshot,
  ReceiveCountersView,
  ReceiverStatus,
} from '../../../shared/ipc';
import {
  createTickReceiver,
  type TickReceiver,
  type TickReceiverOptions,
} from '../receive/tick-receiver';
import type { UdpEndpoint } from '../network/udp-endpoint';
import { createSerialQueue, type DomainHandlers, type EngineContext } from './context';
import { createMessageTap } from './message-tap';
import { ZERO_RECEIVE_COUNTERS } from '../../../shared/ipc/constants';

/** Where accepted ticks go: on arrival, and when due. */
export type TickConsumer = Required<Pick<TickReceiverOptions, 'onTick' | 'onTickDue'>>;

/** The receiver domain. */
export interface ReceiverDomain {
  handlers: DomainHandlers<'receiver:start' | 'receiver:stop'>;
  status(): ReceiverStatus;
  counters(): ReceiveCountersView;
  dispose(): Promise<void>;
}

const ZERO: ReceiveCountersView = ZERO_RECEIVE_COUNTERS;
const COUNTER_KEYS = Object.keys(ZERO) as Array<keyof ReceiveCountersView>;

/** Creates the receiver domain (stopped). `snapshot` is the whole engine:changed value. */
export function createReceiverDomain(
  ctx: EngineContext,
  deps: { ticks: TickConsumer; onChanged: () => void; snapshot: () => EngineSnapshot },
): ReceiverDomain {
  const { clock, sink, log } = ctx;
  const serial = createSerialQueue();
  const retired: ReceiveCountersView = { ...ZERO }; // totals of receivers already stopped
  let status: ReceiverStatus = { status: 'stopped' };
  let running: { endpoint: UdpEndpoint; ticks: TickReceiver; detach: () => void } | null = null;

  const counters = (): ReceiveCountersView => {
    const out = { ...retired };
    const now = running?.ticks.counters();
    if (now) for (const k of COUNTER_KEYS) out[k] += now[k];
    return out;
  };

  const stop = async (): Promise<void> => {
    if (!running) return;
    const { endpoint, ticks, detach } = running;
    running = null;
    detach();
    const last = ticks.counters();
    for (const k of COUNTER_KEYS) retired[k] += last[k];
    await Promise.all([endpoint.close(), ticks.dispose()]);
    status = { status: 'stopped' };
    log('info', 'receiver stopped');
  };

  const start = async (req: CommandRequest<'receiver:start'>): Promise<EngineSnapshot> => {
    await stop();
    const endpoint = ctx.makeEndpoint({ clock, host: req.host, port: req.port });
    let port: number;
    let address: string;
    try {
      ({ port, address } = await endpoint.bind());
    } catch (error) {
      await endpoint.close();
      const message = error instanceof Error ? error.message : String(error);
      status = { status: 'error', host: req.host, port: req.port, error: message };
      log('error', message);
      deps.onChanged();
      throw error;
    }
    const tap = createMessageTap({ sink, latePolicy: req.latePolicy });
    // Fed from our endpoint (never started itself), so tests and hosts can wrap the socket.
    const ticks = createTickReceiver({
      clock,
      scheduler: ctx.scheduler,
      port,
      patterns: req.patterns,
      latePolicy: req.latePolicy,
      ...deps.ticks,
      onReceive: tap,
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
      ticks.handlePacket(bytes, from, arrivalMs);
      deps.onChanged();
    });
    const offError = endpoint.onError((error) => log('warn', error.message));
    running = { endpoint, ticks, detach: () => (offPacket(), offError()) };
    status = { status: 'listening', host: address, port, latePolicy: req.latePolicy };
    log(
      'info',
      `listening for OSC on ${address}:${port} (ticks: ${req.patterns.join(' ') || 'none'}; late messages: ${req.latePolicy})`,
    );
    deps.onChanged();
    return deps.snapshot();
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
