/**
 * How early to wake before a target. A `setTimeout` fires up to ~2 ms early on a quiet machine and
 * a steady ~2.4 ms late under CPU load; a fixed margin is either wasteful or late. This keeps the
 * worst overshoot of the last `window` wake-ups and wakes that much (plus a guard) early, between
 * `minMs` and `maxMs`. The scheduler uses it for its coarse timer. (Not for the final spin: a
 * longer spin under contention only gets the spinning thread preempted; measured in the note of
 * the commit that added this.) Thread: the scheduler's; allocates only at creation.
 */
export interface WakeMargin {
  /** How early to wake for the next target, in ms. */
  readonly currentMs: number;
  /** A sleep asked to wake at some time woke `overshootMs` after it (negative = early). */
  record(overshootMs: number): void;
}

/** Options for {@link createWakeMargin}. */
export interface WakeMarginOptions {
  minMs?: number;
  maxMs?: number;
  guardMs?: number;
  window?: number;
}

/** Creates a margin that starts at `minMs` and follows the observed wake-up overshoot. */
export function createWakeMargin(options: WakeMarginOptions = {}): WakeMargin {
  const minMs = options.minMs ?? 0.2;
  const maxMs = options.maxMs ?? 1.5;
  const guardMs = options.guardMs ?? 0.05;
  const ring = new Float64Array(options.window ?? 64);
  let next = 0;
  let currentMs = minMs;
  return {
    get currentMs() {
      return currentMs;
    },
    record(overshootMs) {
      ring[next] = Math.max(0, overshootMs);
      next = (next + 1) % ring.length;
      let worst = 0;
      for (let i = 0; i < ring.length; i++) if (ring[i]! > worst) worst = ring[i]!;
      currentMs = Math.min(maxMs, Math.max(minMs, worst + guardMs));
    },
  };
}
