/**
 * What every engine domain is built from, and the shape it hands back: its slice of the
 * contract's command handlers. engine.ts composes the domains into the whole table.
 */
import type {
  CommandName,
  CommandRequest,
  CommandResponse,
  StateName,
  StateValue,
  StreamItem,
  StreamName,
} from '../../../shared/ipc';
import type { Clock } from '../time/clock';
import type { Scheduler } from '../time/scheduler';
import type { SchedulerTimers } from '../time/timers';
import type { UdpEndpoint, UdpEndpointOptions } from '../network/udp-endpoint';

/** Where the engine pushes state and stream items. Both calls are cheap; the sink decides when. */
export interface EngineSink {
  /** The state changed; `read` returns its current value when the sink flushes. */
  state<S extends StateName>(name: S, read: () => StateValue<S>): void;
  /**
   * One stream item; `build` runs only if the current frame still has room (floods stay cheap),
   * and only during this call, so a caller may reuse one builder that reads a variable it set.
   */
  stream<S extends StreamName>(name: S, build: () => StreamItem<S>): void;
}

/** Shared by the domains. Thread: the engine's. */
export interface EngineContext {
  clock: Clock;
  scheduler: Scheduler;
  /** The scheduler's timers (virtual in tests): for anything else that waits, e.g. throttles. */
  timers: SchedulerTimers;
  sink: EngineSink;
  /** Makes UDP endpoints (real sockets unless a test wraps them). */
  makeEndpoint: (options: UdpEndpointOptions) => UdpEndpoint;
  /** One line on stream:log, tagged `[engine]`. */
  log: (level: 'info' | 'warn' | 'error', text: string) => void;
}

/** Handlers for some of the contract's commands. */
export type DomainHandlers<C extends CommandName> = {
  [K in C]: (request: CommandRequest<K>) => Promise<CommandResponse<K>>;
};

/** A failure the caller caused, answered as `{ code: 'invalid', message }` in plain words. */
export function invalid(message: string): Error {
  return Object.assign(new Error(message), { code: 'invalid' });
}

/** Runs async commands one at a time: a start racing a stop must not leak a socket. */
export function createSerialQueue(): <T>(run: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return (run) => {
    const next = queue.then(run, run);
    queue = next.catch(() => {});
    return next;
  };
}
