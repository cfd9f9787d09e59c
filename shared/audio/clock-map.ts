/**
 * Maps the page's clock (`performance.now()` ms) to an AudioContext's clock (s), from pairs of
 * simultaneous readings (`getOutputTimestamp()`: contextTime <-> performanceTime).
 *
 * What the pairs look like (Chromium + PulseAudio, measured against recordings): the context's
 * sample clock is locked to the output device, so the true map is a line whose rate differs from
 * 1 only by the sound card's crystal (tens of ppm); the pairs scatter around it by 0.02-0.05 ms,
 * with bursts of a few ms, a wander of tens of ms for the first 10-15 s while the audio server's
 * latency estimate converges, and real steps when the output drops out (the context falls
 * behind). A rate fitted over a few seconds turns that scatter into slope noise, so the map has
 * two time scales:
 * - offset: over the last `windowMs` (30 s; the pairs from before the map first settled are
 *   dropped), outliers beyond 4 MADs rejected, interquartile mean;
 * - rate: least squares over up to `rateWindowMs` of pairs taken only while the map is settled,
 *   clamped to +-`maxRatePpm`, 1 until they span `minRateSpanMs`, and followed at no more than
 *   `maxRateSlewPpmPerSec` (a rate change moves the map by itself times half the window).
 * Both fits are the shared robust line fit (`shared/time/robust-fit.ts`).
 * Windows and limits were chosen by replaying recorded pairs against the recorded clicks.
 * One noisy pair cannot move it; a step is followed once a few pairs in a row confirm it.
 */

import { fitRobustLine } from '../time/robust-fit';

/** One simultaneous reading of both clocks. */
export interface ClockPair {
  hostMs: number;
  contextSec: number;
}

/** A fitted line: contextSec = refContextSec + rate * (hostMs - refHostMs) / 1000. */
export interface ClockFit {
  refHostMs: number;
  refContextSec: number;
  /** Context seconds per host second (1 when the two clocks tick alike). */
  rate: number;
  /** Standard deviation of the inliers' residuals, ms. */
  residualSdMs: number;
  inliers: number;
  pairs: number;
  /** Host time from the oldest to the newest pair, ms. */
  spanMs: number;
}

/** Options of {@link fitClock}. */
export interface ClockFitOptions {
  /** Use this rate instead of estimating one. */
  rate?: number;
  /** Below this host-time span the rate is not estimated (1), ms. */
  minRateSpanMs?: number;
  /** An estimated rate is clamped to 1 +- this, ppm. */
  maxRatePpm?: number;
  /** Residuals within this of the median are always inliers, ms (the MAD of exact data is 0). */
  minCutoffMs?: number;
}

/** Context time at a host time, s. */
export function toContextSec(fit: ClockFit, hostMs: number): number {
  return fit.refContextSec + (fit.rate * (hostMs - fit.refHostMs)) / 1000;
}

/** Host time at a context time, ms. */
export function toHostMs(fit: ClockFit, contextSec: number): number {
  return fit.refHostMs + ((contextSec - fit.refContextSec) * 1000) / fit.rate;
}

/**
 * Fits the pairs (any order) with the shared robust line fit, in ms on both axes; null when there
 * are none. Allocates (per call).
 */
export function fitClock(
  pairs: readonly ClockPair[],
  options: ClockFitOptions = {},
): ClockFit | null {
  const fit = fitRobustLine(
    pairs.map((p) => ({ x: p.hostMs, y: p.contextSec * 1000 })),
    {
      slope: options.rate,
      nominalSlope: 1,
      minSpanX: options.minRateSpanMs ?? 1000,
      maxSlopeDeviation: (options.maxRatePpm ?? 1000) * 1e-6,
      minCutoff: options.minCutoffMs ?? 0.25,
    },
  );
  if (!fit) return null;
  return {
    refHostMs: fit.refX,
    refContextSec: fit.offset / 1000,
    rate: fit.slope,
    residualSdMs: fit.residualSd,
    inliers: fit.inliers,
    pairs: fit.points,
    spanMs: fit.spanX,
  };
}

/** Options of {@link createClockMapper}. */
export interface ClockMapperOptions {
  /** Pairs for the offset: those within this of the newest, ms. */
  windowMs?: number;
  /** Most pairs held for the offset. */
  capacity?: number;
  /** The map is settled when the pairs of the last `settleWindowMs`... */
  settleWindowMs?: number;
  /** ...scatter by at most this (residual sd), ms. */
  settleSdMs?: number;
  /** Settled pairs for the rate: those within this of the newest, ms, one per `rateEveryMs`. */
  rateWindowMs?: number;
  rateEveryMs?: number;
  /** The rate stays 1 until its pairs span this, ms. */
  minRateSpanMs?: number;
  maxRatePpm?: number;
  /** How fast the rate in use may follow its estimate, ppm per second of host time. */
  maxRateSlewPpmPerSec?: number;
  /** A new pair this far off the current map is suspect, ms... */
  stepMs?: number;
  /** ...and this many suspects in a row mean the clocks really stepped: start over from them. */
  stepConfirmations?: number;
}

/** A continuously refitted map from host time to context time. */
export interface ClockMapper {
  /** Adds a pair; false when it equals the newest one (no audio callback since) and is ignored. */
  add(pair: ClockPair): boolean;
  /** The current fit, or null before the first pair. */
  readonly fit: ClockFit | null;
  /** Context time at `hostMs` by the current fit, or null before the first pair. */
  toContextSec(hostMs: number): number | null;
  /** The recent pairs scatter little around the map (see the options). */
  readonly isSettled: boolean;
  /** How many times the map started over after a confirmed step. */
  readonly steps: number;
  /** Forgets every pair (the rate learnt so far is kept: it belongs to the hardware). */
  reset(): void;
}

/** Creates a clock mapper. Thread: the page's main thread; allocates (small fits). */
export function createClockMapper(options: ClockMapperOptions = {}): ClockMapper {
  const windowMs = options.windowMs ?? 30_000;
  const capacity = options.capacity ?? 2048;
  const settleWindowMs = options.settleWindowMs ?? 3000;
  const settleSdMs = options.settleSdMs ?? 0.5;
  const rateWindowMs = options.rateWindowMs ?? 60_000;
  const rateEveryMs = options.rateEveryMs ?? 250;
  const minRateSpanMs = options.minRateSpanMs ?? 20_000;
  const maxRatePpm = options.maxRatePpm ?? 200;
  const maxRateSlewPpmPerSec = options.maxRateSlewPpmPerSec ?? 1;
  const stepMs = options.stepMs ?? 5;
  const stepConfirmations = options.stepConfirmations ?? 3;
  let pairs: ClockPair[] = [];
  let ratePairs: ClockPair[] = [];
  let suspects: ClockPair[] = [];
  let rate = 1;
  let lastRateMs: number | null = null;
  let isSettled = false;
  let hasSettled = false;
  let steps = 0;
  // The offset fit is computed when read (at most once per new pair), not on every add.
  let cached: ClockFit | null = null;
  let isStale = false;

  let fittedAtMs = -Infinity;
  const currentFit = (): ClockFit | null => {
    if (isStale) {
      cached = fitClock(pairs, { rate });
      fittedAtMs = pairs[pairs.length - 1]!.hostMs;
      isStale = false;
    }
    return cached;
  };

  const learnRate = (newest: ClockPair): void => {
    const lastRatePair = ratePairs[ratePairs.length - 1];
    if (lastRatePair && newest.hostMs - lastRatePair.hostMs < rateEveryMs) return;
    ratePairs.push(newest);
    while (ratePairs[0]!.hostMs < newest.hostMs - rateWindowMs) ratePairs.shift();
    const rateFit = fitClock(ratePairs, { minRateSpanMs, maxRatePpm })!;
    const sinceMs = lastRateMs === null ? 0 : newest.hostMs - lastRateMs;
    lastRateMs = newest.hostMs;
    if (rateFit.spanMs < minRateSpanMs) return;
    const maxStep = maxRateSlewPpmPerSec * 1e-6 * (sinceMs / 1000);
    rate += Math.min(maxStep, Math.max(-maxStep, rateFit.rate - rate));
  };

  const update = (): void => {
    const newest = pairs[pairs.length - 1]!;
    const recent = pairs.filter((p) => p.hostMs >= newest.hostMs - settleWindowMs);
    const settle = fitClock(recent, { rate })!;
    isSettled = settle.spanMs >= 0.9 * settleWindowMs && settle.residualSdMs <= settleSdMs;
    if (isSettled && !hasSettled) {
      hasSettled = true;
      pairs = recent; // what came before was the estimate converging: keep none of it
    }
    isStale = true;
    if (isSettled) learnRate(newest);
  };

  const startOver = (from: ClockPair[]): void => {
    pairs = from;
    ratePairs = [];
    suspects = [];
    lastRateMs = null;
    hasSettled = false;
    cached = null;
    isStale = from.length > 0;
  };

  return {
    add(pair) {
      const last = pairs[pairs.length - 1];
      if (last && last.contextSec === pair.contextSec && last.hostMs === pair.hostMs) return false;
      // Up to a second old is good enough to spot a step of stepMs (200 ppm x 1 s = 0.2 ms).
      const fit = cached && pair.hostMs - fittedAtMs < 1000 ? cached : currentFit();
      if (fit && Math.abs((toContextSec(fit, pair.hostMs) - pair.contextSec) * 1000) > stepMs) {
        suspects.push(pair);
        if (suspects.length >= stepConfirmations) {
          startOver(suspects);
          steps++;
          update();
          return true;
        }
      } else {
        suspects = [];
      }
      pairs.push(pair);
      let drop = Math.max(0, pairs.length - capacity);
      while (drop < pairs.length - 1 && pairs[drop]!.hostMs < pair.hostMs - windowMs) drop++;
      if (drop > 0) pairs = pairs.slice(drop);
      update();
      return true;
    },
    get fit() {
      return currentFit();
    },
    toContextSec(hostMs) {
      const fit = currentFit();
      return fit ? toContextSec(fit, hostMs) : null;
    },
    get isSettled() {
      return isSettled;
    },
    get steps() {
      return steps;
    },
    reset() {
      startOver([]);
      isSettled = false;
    },
  };
}
