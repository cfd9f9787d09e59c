/** Parameters of a synthesized metronome click. */
export interface ClickSpec {
  sampleRate: number;
  /** Pitch of the click's body in Hz. */
  frequencyHz: number;
  /** Time for the envelope to fall by 1/e, in ms. */
  decayMs: number;
  lengthMs: number;
  /** Peak amplitude in (0, 1]. */
  gain: number;
}

/**
 * A clean click: a sine that starts at full amplitude on its first sample (a sharp, sample-exact
 * onset that onset detection can find) and decays exponentially, faded to zero at the end.
 */
export function synthesizeClick(spec: ClickSpec): Float32Array {
  const n = Math.round((spec.lengthMs / 1000) * spec.sampleRate);
  const out = new Float32Array(n);
  const tau = (spec.decayMs / 1000) * spec.sampleRate;
  const fade = Math.min(n, Math.round(0.002 * spec.sampleRate));
  for (let i = 0; i < n; i++) {
    const env = Math.exp(-i / tau) * (i >= n - fade ? (n - i) / fade : 1);
    // cos starts at its peak: the first sample is the loudest, so the onset is exact.
    out[i] = spec.gain * env * Math.cos((2 * Math.PI * spec.frequencyHz * i) / spec.sampleRate);
  }
  return out;
}

/** The tick and accent shipped in assets/ (scripts/make-ticks.ts writes them). */
export const TICK_SPECS = {
  tick: { sampleRate: 48_000, frequencyHz: 1500, decayMs: 6, lengthMs: 40, gain: 0.8 },
  accent: { sampleRate: 48_000, frequencyHz: 2500, decayMs: 8, lengthMs: 50, gain: 0.9 },
} as const satisfies Record<string, ClickSpec>;
