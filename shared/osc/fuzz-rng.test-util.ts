/**
 * The fuzzers' randomness: the project's seeded PRNG (shared/stats/random.ts) and a per-case seed
 * derived from (run seed, case index), so any one case can be rebuilt on its own from the two
 * numbers a failure prints, without replaying the cases before it.
 */
import { createRandom } from '../stats/random';

/** A deterministic source of random numbers. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Uniform integer in [min, max]. */
  between(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** `n` random bytes. */
  bytes(n: number): Uint8Array;
}

/** A generator started at `seed` (any 32-bit integer), on the project's seeded PRNG. */
export function createRng(seed: number): Rng {
  const { next } = createRandom(seed);
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => next() < p,
    pick: (items) => items[int(items.length)]!,
    bytes(n) {
      const out = new Uint8Array(n);
      for (let k = 0; k < n; k++) out[k] = int(256);
      return out;
    },
  };
}

/** The seed of case `index` in the run seeded `runSeed` (a 32-bit avalanche of both). */
export function caseSeed(runSeed: number, index: number): number {
  let h = (runSeed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
