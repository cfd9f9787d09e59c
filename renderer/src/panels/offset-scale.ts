/**
 * The forward-offset slider's scale: 0-2000 ms on an exponential curve, so the first half of the
 * travel covers 0-100 ms (where jitter budgets live) and the second half 100-2000 ms. Values snap
 * to 0.1 ms below 100 ms, 1 ms below 1000 ms and 5 ms above, so the readout stays calm: 0.1 ms is
 * ten times finer than the ~1 ms a listener can tell apart. The arrow keys move by exactly that
 * step (the raw travel near 0, ~0.03 ms per position, would snap back to where it was).
 */
import { METRONOME_LIMITS } from '../../../shared/model/limits';

/** Slider positions: 0..SLIDER_STEPS. */
export const SLIDER_STEPS = 1000;
/** The largest forward offset (the engine's). */
export const OFFSET_MAX_MS = METRONOME_LIMITS.offsetMs.max;
/** The offset at half travel. */
export const OFFSET_MID_MS = 100;

// ms(p) = MAX * (e^(K p) - 1) / (e^K - 1), with K chosen so that ms(1/2) = MID:
// (e^(K/2) - 1) / (e^K - 1) = 1 / (e^(K/2) + 1) = MID / MAX.
const K = 2 * Math.log(OFFSET_MAX_MS / OFFSET_MID_MS - 1);
const SPAN = Math.expm1(K);

/** Rounds an offset to the scale's resolution at that size. */
export function snapOffset(ms: number): number {
  const clamped = Math.min(OFFSET_MAX_MS, Math.max(0, ms));
  const step = clamped < 100 ? 0.1 : clamped < 1000 ? 1 : 5;
  return Number((Math.round(clamped / step) * step).toFixed(1));
}

/** The offset at a slider position. */
export function msFromPosition(position: number): number {
  const p = Math.min(SLIDER_STEPS, Math.max(0, position)) / SLIDER_STEPS;
  return snapOffset((OFFSET_MAX_MS * Math.expm1(K * p)) / SPAN);
}

/** The slider position nearest to an offset. */
export function positionFromMs(ms: number): number {
  const clamped = Math.min(OFFSET_MAX_MS, Math.max(0, ms));
  return Math.round((Math.log1p((clamped * SPAN) / OFFSET_MAX_MS) / K) * SLIDER_STEPS);
}

/** The snapped offset `steps` snap steps away from `ms` (the arrow keys: +1 or -1). */
export function nudgeOffset(ms: number, steps: number): number {
  let next = snapOffset(ms);
  for (let i = 0; i < Math.abs(steps); i++) {
    const probe = steps > 0 ? next : next - 1e-9; // going down, the step below the boundary
    const step = probe < 100 ? 0.1 : probe < 1000 ? 1 : 5;
    next = snapOffset(next + Math.sign(steps) * step);
  }
  return next;
}

/** Marks drawn under the slider. */
export const SCALE_MARKS_MS = [0, 10, 25, 50, 100, 250, 500, 1000, 2000] as const;

/** An offset for people: "12.5 ms", "250 ms", "1.25 s". */
export function formatOffset(ms: number): string {
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(3))} s`;
  return ms < 100 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
