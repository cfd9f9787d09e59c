/**
 * The engine facade: builds the clock-driven core (scheduler, shared send sockets) and composes
 * the domains (receiver, osc, metronome, measurements) into the contract's command table. It
 * runs on the engine thread; what it pushes goes through an {@link EngineSink} (coalesced to
 * display rate by the thread).
 */
import {
  parseCommand,
  errorInfo,
  type CommandName,
  type CommandResponse,
  type CommandResult,
  type EngineSnapshot,
  type ThreadPriority,
} from '../../shared/ipc';
import type { Clock } from './time/clock';
import { createClockSyncDomain } from './domains/clocksync';
import type { DomainHandlers, EngineContext, EngineSink } from './domains/context';
import { createMeasurementsDomain } from './domains/measurements';
import { createMetronomeDomain } from './domains/metronome';
import { createOscDomain } from './domains/osc';
import { createReceiverDomain } from './domains/receiver';
import { createSenders } from './domains/senders';
import type { Discovery, DiscoveryOptions } from './discovery/discovery';
import { createPeersDomain } from './domains/peers';
import { createTimecodeDomain } from './domains/timecode';
import { createConnectedSender } from './network/connected-sender';
import { createOscRouter } from './receive/router';
import { createScheduler } from './time/scheduler';
import type { ClockSkew } from './time/skewed-clock';
import type { SchedulerTimers } from './time/timers';
import {
  createUdpEndpoint,
  type UdpEndpoint,
  type UdpEndpointOptions,
} from './network/udp-endpoint';

export type { EngineSink } from './domains/context';

/** What the engine is built from. */
export interface EngineDeps {
  clock: Clock;
  timers: SchedulerTimers;
  sink: EngineSink;
  /** Makes the receiver's and senders' UDP endpoints (tests may wrap it); real sockets by default. */
  createEndpoint?: (options: UdpEndpointOptions) => UdpEndpoint;
  /** mDNS advertising and browsing (peers:*); none by default, so tests never multicast. */
  createDiscovery?: (options: DiscoveryOptions) => Discovery;
  /** The deliberate skew already applied to `clock` (teaching), reported by clock:get. */
  clockSkew?: ClockSkew;
  /** How the OS runs the engine's thread (thread/realtime.ts), reported by engine:get. */
  priority?: ThreadPriority;
}

/** The engine as its hosts see it. Thread: the engine's. */
export interface Engine {
  /** Validates `payload` against the contract and runs the command; never rejects. */
  invoke<C extends CommandName>(command: C, payload: unknown): Promise<CommandResult<C>>;
  /** Stops the metronome, closes every socket and drops everything scheduled. */
  dispose(): Promise<void>;
}

/** Creates the engine. Nothing is bound until `receiver:start` or the first send. */
export function createEngine(deps: EngineDeps): Engine {
  const { clock, sink } = deps;
  const ctx: EngineContext = {
    clock,
    scheduler: createScheduler({ clock, timers: deps.timers }),
    timers: deps.timers,
    sink,
    router: createOscRouter(),
    makeEndpoint: deps.createEndpoint ?? createUdpEndpoint,
    log: (level, text) =>
      sink.stream('stream:log', () => ({ atMs: clock.nowMs(), level, tag: 'engine', text })),
  };
  const snapshot = (): EngineSnapshot => ({
    receiver: receiver.status(),
    counters: receiver.counters(),
    sent: osc.sent(),
    ...(deps.priority ? { priority: deps.priority } : {}),
  });
  const onChanged = (): void => sink.state('engine:changed', snapshot);

  const clockSync = createClockSyncDomain(ctx, { skew: deps.clockSkew });
  const senders = createSenders(ctx, { answer: clockSync.answerDatagram });
  const measurements = createMeasurementsDomain(ctx);
  const discovery = deps.createDiscovery?.({ log: ctx.log, nowMs: () => clock.nowMs() }) ?? null;
  const peers = createPeersDomain(ctx, { discovery, answersClockSync: () => true });
  const receiver = createReceiverDomain(ctx, {
    ticks: measurements,
    onChanged,
    snapshot,
    onListening: peers.onListening,
    clock: clockSync.receiver,
  });
  const osc = createOscDomain(ctx, { senders, onChanged });
  const metronome = createMetronomeDomain(ctx, {
    send: senders.send,
    // Each direct target's own socket answers its clock pings, as the shared one does.
    connect: (host, port, onProblem) =>
      createConnectedSender({ clock, host, port, answer: clockSync.answerDatagram, onProblem }),
  });
  const timecode = createTimecodeDomain(ctx, {
    send: senders.send,
    receiverPort: () => {
      const r = receiver.status();
      return r.status === 'listening' ? r.port : null;
    },
  });
  const handlers: DomainHandlers<CommandName> = {
    'engine:get': async () => snapshot(),
    ...receiver.handlers,
    ...osc.handlers,
    ...metronome.handlers,
    ...measurements.handlers,
    ...peers.handlers,
    ...timecode.handlers,
    ...clockSync.handlers,
  };
  let isDisposed = false;

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
      await metronome.dispose(); // first: no tick goes out to a closing socket
      await timecode.dispose();
      await peers.dispose(); // the goodbye goes out while the receiver still listens
      await discovery?.dispose();
      await receiver.dispose();
      await senders.dispose();
      clockSync.dispose();
      measurements.dispose();
      ctx.scheduler.dispose();
    },
  };
}
