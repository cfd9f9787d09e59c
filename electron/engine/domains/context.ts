/**
 * What every engine domain is built from, and the shape it hands back: its slice of the
 * contract's command handlers. engine.ts composes the domains into the whole table.
 */
import {
  withFields,
  type CommandName,
  type FieldIssue,
  type CommandRequest,
  type CommandResponse,
  type StateName,
  type StateValue,
  type StreamItem,
  type StreamName,
} from '../../../shared/ipc';
import type { Clock } from '../time/clock';
import type { Scheduler } from '../time/scheduler';
import type { SchedulerTimers } from '../time/timers';
import type { UdpEndpoint, UdpEndpointOptions } from '../network/udp-endpoint';
import type { OscRouter } from '../receive/router';

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
  /** The receive-side address router: a feature registers its OSC addresses here (ctx.router.add). */
  router: OscRouter;
  /** Makes UDP endpoints (real sockets unless a test wraps them). */
  makeEndpoint: (options: UdpEndpointOptions) => UdpEndpoint;
  /** One line on stream:log, tagged `[engine]`. */
  log: (level: 'info' | 'warn' | 'error', text: string) => void;
}

/** Handlers for some of the contract's commands. */
export type DomainHandlers<C extends CommandName> = {
  [K in C]: (request: CommandRequest<K>) => Promise<CommandResponse<K>>;
};

/**
 * A failure the caller caused, answered as code 'invalid' in plain words: a sentence, or
 * problems each with its field path (`message` then defaults to them joined by "; ").
 */
export function invalid(problem: string | readonly FieldIssue[], message?: string): Error {
  if (typeof problem === 'string') return Object.assign(new Error(problem), { code: 'invalid' });
  const text = message ?? problem.map((p) => p.message).join('; ');
  return Object.assign(new Error(text), { code: 'invalid', ...withFields(problem) });
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
