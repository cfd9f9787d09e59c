/**
 * `--log-clock FILE`: this process's clock beside the machine's monotonic clock, one line every
 * 100 ms: `MONO_NS CLOCK_MS WALL_MS` (CLOCK_MONOTONIC in ns as `process.hrtime.bigint()` reads
 * it, the engine clock and `Date.now()`, both Unix ms). Every process on a machine shares the
 * monotonic clock, so two processes' logs tell exactly how their clocks differ at any instant,
 * whatever each believes (e.g. one run under faketime): the truth for clock-sync measurements.
 */
import { createWriteStream } from 'node:fs';
import type { Clock } from '../engine/time/clock';

/** A running log; `dispose` writes the last line and closes the file. */
export interface ClockLog {
  dispose(): Promise<void>;
}

/** Starts logging `clock` to `path` (truncated first). */
export function startClockLog(path: string, clock: Clock, onError: (e: Error) => void): ClockLog {
  const out = createWriteStream(path, { flags: 'w' });
  out.on('error', onError);
  const write = (): void => {
    const before = process.hrtime.bigint();
    const clockMs = clock.nowMs();
    const wallMs = Date.now();
    const after = process.hrtime.bigint();
    out.write(`${(before + after) / 2n} ${clockMs.toFixed(4)} ${wallMs}\n`);
  };
  write();
  const timer = setInterval(write, 100);
  return {
    dispose: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        write();
        out.end(resolve);
      }),
  };
}
