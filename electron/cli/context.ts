import { createSystemClock, type Clock } from '../engine/time/clock';
import { createScheduler, type Scheduler } from '../engine/time/scheduler';
import { createSkewedClock, NO_SKEW, type ClockSkew } from '../engine/time/skewed-clock';
import { createRealTimers } from '../engine/time/timers';

/** What a subcommand gets: output streams, the engine's clock and scheduler, and a stop signal. */
export interface CliContext {
  out: (line: string) => void;
  err: (line: string) => void;
  /** The system clock, or a deliberately skewed one (`--clock-offset`, `--clock-drift`). */
  clock: Clock;
  clockSkew: ClockSkew;
  scheduler: Scheduler;
  /** Aborted on Ctrl-C / SIGTERM: the command cleans up and resolves. */
  signal: AbortSignal;
}

/** A subcommand: resolves to the process exit code. */
export interface Command {
  summary: string;
  usage: string;
  /**
   * It acts at precise times (receives at timetags, sends beats or frames, delays packets): the
   * `syncroscope` program asks for real-time priority before it runs (thread/realtime.ts).
   */
  isTimed?: boolean;
  run(argv: string[], ctx: CliContext): Promise<number>;
}

/** Builds a context on the real clock, writing to the given streams. */
export function createCliContext(
  signal: AbortSignal,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
  clockSkew: ClockSkew = NO_SKEW,
): CliContext {
  const clock = createSkewedClock(createSystemClock(), clockSkew);
  return {
    out: (line) => out.write(`${line}\n`),
    err: (line) => err.write(`${line}\n`),
    clock,
    clockSkew,
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
