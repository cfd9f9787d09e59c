/**
 * Tells a clock step from a bad sample. A sample is suspect when its interval (offset +- rtt / 2)
 * misses the estimate's (predicted +- bound) by more than a margin: if the bound is honest, the
 * offset has changed. One suspect may still be a fluke; a few that agree with each other are a
 * step, and they become the new window. A tight sample that agrees with the estimate again clears
 * them; a loose one (large rtt) that fits both proves nothing and leaves them.
 */
import type { ClockSample } from './sample';

/** Options of {@link createStepDetector}. */
export interface StepDetectorOptions {
  marginMs: number;
  confirmations: number;
}

/** What one sample means: null (normal), 'suspect' (held back), or the confirmed step's samples. */
export type StepVerdict = null | 'suspect' | ClockSample[];

/** Holds suspects until they confirm a step. Pure. */
export interface StepDetector {
  check(sample: ClockSample, predictedMs: number, boundMs: number): StepVerdict;
  clear(): void;
}

/** Creates a detector with no suspects. */
export function createStepDetector(options: StepDetectorOptions): StepDetector {
  let suspects: ClockSample[] = [];
  const agree = (a: ClockSample, b: ClockSample): boolean =>
    Math.abs(a.offsetMs - b.offsetMs) <= (a.rttMs + b.rttMs) / 2 + options.marginMs;

  return {
    check(sample, predictedMs, boundMs) {
      const miss = Math.abs(sample.offsetMs - predictedMs) - sample.rttMs / 2 - boundMs;
      if (miss <= options.marginMs) {
        if (suspects.length > 0 && !suspects.every((s) => agree(s, sample))) suspects = [];
        return null;
      }
      suspects = suspects.filter((s) => agree(s, sample));
      suspects.push(sample);
      if (suspects.length < options.confirmations) return 'suspect';
      const step = suspects;
      suspects = [];
      return step;
    },
    clear() {
      suspects = [];
    },
  };
}
