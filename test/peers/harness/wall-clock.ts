/**
 * The harness's wall clock: Unix-epoch milliseconds with sub-millisecond resolution, on the same
 * basis as the engine's system clock (`performance.timeOrigin + performance.now()`). `Date.now()`
 * only resolves whole milliseconds, too coarse to judge a peer that acts within 1–3 ms.
 */
import { performance } from 'node:perf_hooks';

/** Now, as Unix-epoch milliseconds (float, ~1 µs resolution). */
export function unixNowMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Resolves after `ms` milliseconds (coarse: only for pacing, never as a timing oracle). */
export function sleepMs(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
