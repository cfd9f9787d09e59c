/**
 * The engine facade: composes clock, scheduler, UDP endpoints and the receive path, and
 * implements the contract's command handlers (shared/ipc). It runs on the engine thread; what it
 * pushes goes through an {@link EngineSink} (coalesced to display rate by the thread).
 */
import { isIPv6 } from 'node:net';
import {
  argFromJson,
  errorInfo,
  parseCommand,
  timetagView,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type CommandResult,
  type EngineSnapshot,
  type MessageItem,
  type ReceiverStatus,
  type StateName,
  type StateValue,
  type StreamItem,
  type StreamName,
} from '../../shared/ipc';
import { encodeBundle, encodeMessage, formatArg, OscEncodeError } from '../../shared/osc';
import { ntpAddMs, ntpToUnixMs } from '../../shared/osc/timetag';
import type { Clock } from './clock';
import { createReceivePath, type LatePolicy, type ReceivedMessage } from './receive-path';
import { createScheduler } from './scheduler';
import type { SchedulerTimers } from './timers';
import { createUdpEndpoint, type UdpEndpoint, type UdpEndpointOptions } from './udp-endpoint';

/** Where the engine pushes state and stream items. Both calls are cheap; the sink decides when. */
export interface EngineSink {
  /** The state changed; `read` returns its current value when the sink flushes. */
  state<S extends StateName>(name: S, read: () => StateValue<S>): void;
  /** One stream item; `build` runs only if the current frame still has room (floods stay cheap). */
  stream<S extends StreamName>(name: S, build: () => StreamItem<S>): void;
}

/** What the engine is built from. */
export interface EngineDeps {
  clock: Clock;
  timers: SchedulerTimers;
  sink: EngineSink;
  /** Makes UDP endpoints (tests may wrap it); defaults to real sockets. */
  createEndpoint?: (options: UdpEndpointOptions) => UdpEndpoint;
}

/** The engine as its hosts see it. Thread: the engine's. */
export interface Engine {
  /** Validates `payload` against the contract and runs the command; never rejects. */
  invoke<C extends CommandName>(command: C, payload: unknown): Promise<CommandResult<C>>;
  /** Closes every socket and drops everything scheduled. */
  dispose(): Promise<void>;
}

type Handlers = { [C in CommandName]: (request: CommandRequest<C>) => Promise<CommandResponse<C>> };

/** Creates the engine. Nothing is bound until `receiver:start` or `osc:send`. */
export function createEngine(deps: EngineDeps): Engine {
  const { clock, sink } = deps;
  const makeEndpoint = deps.createEndpoint ?? createUdpEndpoint;
  const scheduler = createScheduler({ clock, timers: deps.timers });
  const senders = new Map<'udp4' | 'udp6', Promise<UdpEndpoint>>();
  const sent = { packets: 0, bytes: 0, errors: 0 };
  let receiver: ReceiverStatus = { status: 'stopped' };
  let latePolicy: LatePolicy = 'play';
  let listening: { endpoint: UdpEndpoint; detach: () => void } | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let isDisposed = false;

  const snapshot = (): EngineSnapshot => ({
    receiver,
    counters: path.counters(),
    sent: { ...sent },
  });
  const changed = (): void => sink.state('engine:changed', snapshot);
  const log = (level: 'info' | 'warn' | 'error', text: string): void =>
    sink.stream('stream:log', () => ({ atMs: clock.nowMs(), level, tag: 'engine', text }));

  const path = createReceivePath({
    clock,
    scheduler,
    onReceive: (m) => {
      const policy = latePolicy;
      sink.stream('stream:messages', () => messageItem(m, policy));
    },
    onDispatch: () => {}, // later issues attach consumers here (ticks, forwarding, statistics)
    onMalformed: (p) =>
      sink.stream('stream:malformed', () => ({
        source: `${p.from.address}:${p.from.port}`,
        arrivalMs: p.arrivalMs,
        byteLength: p.byteLength,
        code: p.error.code,
        message: p.error.message,
      })),
  });

  const stopReceiver = async (): Promise<void> => {
    if (!listening) return;
    const { endpoint, detach } = listening;
    listening = null;
    detach();
    await endpoint.close();
    receiver = { status: 'stopped' };
    log('info', 'receiver stopped');
  };

  const startReceiver = async (req: CommandRequest<'receiver:start'>): Promise<EngineSnapshot> => {
    await stopReceiver();
    const endpoint = makeEndpoint({ clock, host: req.host, port: req.port });
    let port: number;
    let address: string;
    try {
      ({ port, address } = await endpoint.bind());
    } catch (error) {
      await endpoint.close();
      const message = error instanceof Error ? error.message : String(error);
      receiver = { status: 'error', host: req.host, port: req.port, error: message };
      log('error', message);
      changed();
      throw error;
    }
    latePolicy = req.latePolicy;
    path.setLatePolicy(latePolicy);
    const offPacket = endpoint.onPacket((bytes, from, arrivalMs) => {
      path.handlePacket(bytes, from, arrivalMs);
      changed();
    });
    const offError = endpoint.onError((error) => log('warn', error.message));
    listening = { endpoint, detach: () => (offPacket(), offError()) };
    receiver = { status: 'listening', host: address, port, latePolicy };
    log('info', `listening for OSC on ${address}:${port} (late messages: ${latePolicy})`);
    changed();
    return snapshot();
  };

  const senderFor = (host: string): Promise<UdpEndpoint> => {
    const family = isIPv6(host) ? 'udp6' : 'udp4';
    let endpoint = senders.get(family);
    if (!endpoint) {
      // Bound to every interface so one socket reaches loopback and the LAN alike.
      const e = makeEndpoint({ clock, host: family === 'udp6' ? '::' : '0.0.0.0', port: 0 });
      endpoint = e.bind().then(() => e);
      senders.set(family, endpoint);
      endpoint.catch(() => senders.delete(family));
    }
    return endpoint;
  };

  const send = async (req: CommandRequest<'osc:send'>): Promise<CommandResponse<'osc:send'>> => {
    const args = req.args.map(argFromJson);
    const timetag = req.atMs === undefined ? null : ntpAddMs(clock.nowNtp(), req.atMs);
    let bytes: Uint8Array;
    try {
      const message = { kind: 'message' as const, address: req.address, args };
      bytes =
        timetag === null ? encodeMessage(req.address, args) : encodeBundle(timetag, [message]);
    } catch (error) {
      if (!(error instanceof OscEncodeError)) throw error;
      throw Object.assign(new Error(`Cannot encode this message: ${error.message}`), {
        code: 'invalid-request',
      });
    }
    try {
      await (await senderFor(req.host)).send(bytes, req.host, req.port);
    } catch (error) {
      sent.errors++;
      log('warn', error instanceof Error ? error.message : String(error));
      changed();
      throw error;
    }
    sent.packets++;
    sent.bytes += bytes.length;
    changed();
    return { bytes: bytes.length, timetag: timetag === null ? null : timetagView(timetag) };
  };

  // Receiver commands run one at a time: a start racing a stop must not leak a socket.
  const serial = <T>(run: () => Promise<T>): Promise<T> => {
    const next = queue.then(run, run);
    queue = next.catch(() => {});
    return next;
  };

  const handlers: Handlers = {
    'engine:get': async () => snapshot(),
    'receiver:start': (req) => serial(() => startReceiver(req)),
    'receiver:stop': () => serial(async () => (await stopReceiver(), changed(), snapshot())),
    'osc:send': send,
  };

  return {
    async invoke<C extends CommandName>(command: C, payload: unknown): Promise<CommandResult<C>> {
      // Validated here too: the thread boundary is a boundary, and defaults are filled in here.
      const parsed = parseCommand(command, payload);
      if (!parsed.ok) return parsed;
      if (isDisposed) {
        return { ok: false, error: { code: 'unavailable', message: 'The engine has stopped.' } };
      }
      try {
        const handler = handlers[parsed.command] as (request: unknown) => Promise<unknown>;
        return { ok: true, value: (await handler(parsed.request)) as CommandResponse<C> };
      } catch (error) {
        return { ok: false, error: errorInfo(error) };
      }
    },
    async dispose() {
      if (isDisposed) return;
      isDisposed = true;
      await serial(stopReceiver);
      const endpoints = await Promise.allSettled(senders.values());
      await Promise.all(endpoints.map((r) => (r.status === 'fulfilled' ? r.value.close() : null)));
      path.dispose();
      scheduler.dispose();
    },
  };
}

function messageItem(m: ReceivedMessage, policy: LatePolicy): MessageItem {
  const isLate = m.classification === 'late';
  return {
    address: m.message.address,
    args: m.message.args.map(formatArg),
    timetag: m.timetag === null ? null : timetagView(m.timetag),
    playMs: m.timetag === null ? m.arrivalMs : ntpToUnixMs(m.timetag),
    arrivalMs: m.arrivalMs,
    leadMs: m.leadMs,
    source: `${m.from.address}:${m.from.port}`,
    classification: m.classification,
    isLate,
    isDropped: isLate && policy === 'drop',
  };
}
