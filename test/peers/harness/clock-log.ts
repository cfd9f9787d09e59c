/**
 * Reads a `--log-clock` file (`MONO_NS CLOCK_MS WALL_MS` lines) and converts between that
 * process's clock and the machine's monotonic clock, interpolating between lines (100 ms apart:
 * the clock's rate changes too slowly for that to matter by more than a microsecond).
 */
import { readFileSync } from 'node:fs';

/** One process's clock against CLOCK_MONOTONIC. */
export interface ClockLog {
  /** Monotonic ms (CLOCK_MONOTONIC / 1e6) of each line, ascending. */
  readonly monoMs: readonly number[];
  /** The process's clock (Unix ms) at each line. */
  readonly clockMs: readonly number[];
  /** The process's clock at monotonic `monoMs`; NaN outside the log. */
  clockAt(monoMs: number): number;
  /** The monotonic ms at which the process's clock read `clockMs`; NaN outside the log. */
  monoAt(clockMs: number): number;
}

/** Monotonic ms now, as the logs write it. */
export function monoNowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  if (!(xs.length >= 2) || x < xs[0]! || x > xs[xs.length - 1]!) return NaN;
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid;
  }
  const f = (x - xs[lo]!) / (xs[hi]! - xs[lo]! || 1);
  return ys[lo]! + f * (ys[hi]! - ys[lo]!);
}

/** Builds a log from (monotonic ms, clock ms) pairs (e.g. taken in this very process). */
export function clockLogOf(pairs: readonly (readonly [number, number])[]): ClockLog {
  const monoMs = pairs.map((p) => p[0]);
  const clockMs = pairs.map((p) => p[1]);
  return {
    monoMs,
    clockMs,
    clockAt: (mono) => interpolate(monoMs, clockMs, mono),
    monoAt: (clock) => interpolate(clockMs, monoMs, clock),
  };
}

/** Reads a `--log-clock` file; throws when it holds fewer than two lines. */
export function readClockLog(path: string): ClockLog {
  const pairs: [number, number][] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [mono, clock] = line.trim().split(/\s+/);
    if (mono === undefined || clock === undefined) continue;
    // Whole ns up to 2^53 are exact; the ms keep sub-us precision.
    pairs.push([Number(BigInt(mono)) / 1e6, Number(clock)]);
  }
  if (pairs.length < 2) throw new Error(`the clock log ${path} has ${pairs.length} lines`);
  return clockLogOf(pairs);
}
