import { createSystemClock, type Clock } from '../engine/time/clock';
import { createScheduler, type Scheduler } from '../engine/time/scheduler';
import { createRealTimers } from '../engine/time/timers';

/** What a subcommand gets: output streams, the engine's clock and scheduler, and a stop signal. */
export interface CliContext {
  out: (line: string) => void;
  err: (line: string) => void;
  clock: Clock;
  scheduler: Scheduler;
  /** Aborted on Ctrl-C / SIGTERM: the command cleans up and resolves. */
  signal: AbortSignal;
}

/** A subcommand: resolves to the process exit code. */
export interface Command {
  summary: string;
  usage: string;
  run(argv: string[], ctx: CliContext): Promise<number>;
}

/** Builds a context on the real clock, writing to the given streams. */
export function createCliContext(
  signal: AbortSignal,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): CliContext {
  const clock = createSystemClock();
  return {
    out: (line) => out.write(`${line}\n`),
    err: (line) => err.write(`${line}\n`),
    clock,
    scheduler: createScheduler({ clock, timers: createRealTimers(clock) }),
    signal,
  };
}

/** Resolves when the signal aborts (Ctrl-C), or never if `untilDone` settles first. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
