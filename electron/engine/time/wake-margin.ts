/**
 * How early to wake before a target. A `setTimeout` fires up to ~2 ms early on a quiet machine and
 * a steady ~2.4 ms late under CPU load; a fixed margin is either wasteful or late. This keeps the
 * worst overshoot of the last `window` wake-ups (or a quantile of them) and wakes that much (plus
 * a guard) early, between `minMs` and `maxMs`. The scheduler uses it for its coarse timer, and
 * (at a quantile, so a rare long round does not make it block for every event) for how long a
 * round of the event loop takes. (Not for the final spin: a longer spin under contention only
 * gets the spinning thread preempted; measured in the note of the commit that added this.)
 * Thread: the scheduler's; allocates only at creation.
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
  /**
   * Follow this quantile of the window instead of its worst (1), e.g. 0.9, or the worst of the
   * last 8 records if that is more: a new, slower regime is followed at once, and a rare long one
   * is forgotten after 8. The quantile is recomputed every 16 records (a sort of the window), so
   * a high rate of records stays cheap.
   */
  quantile?: number;
}

/** With a quantile: the last records always followed, whatever the quantile says. */
const RECENT = 8;

/** Creates a margin that starts at `minMs` and follows the observed wake-up overshoot. */
export function createWakeMargin(options: WakeMarginOptions = {}): WakeMargin {
  const minMs = options.minMs ?? 0.2;
  const maxMs = options.maxMs ?? 1.5;
  const guardMs = options.guardMs ?? 0.05;
  const ring = new Float64Array(options.window ?? 64);
  const quantile = options.quantile ?? 1;
  const sorted = quantile < 1 ? new Float64Array(ring.length) : null;
  let next = 0;
  let records = 0;
  let quantileMs = 0;
  let currentMs = minMs;
  const follow = (ms: number): void => {
    currentMs = Math.min(maxMs, Math.max(minMs, ms + guardMs));
  };
  return {
    get currentMs() {
      return currentMs;
    },
    record(overshootMs) {
      ring[next] = Math.max(0, overshootMs);
      next = (next + 1) % ring.length;
      if (sorted === null) {
        let worst = 0;
        for (let i = 0; i < ring.length; i++) if (ring[i]! > worst) worst = ring[i]!;
        return follow(worst);
      }
      if (records++ % 16 === 0) {
        sorted.set(ring);
        sorted.sort();
        quantileMs = sorted[Math.min(ring.length - 1, Math.floor(quantile * ring.length))]!;
      }
      let recentMs = 0;
      for (let k = 1; k <= RECENT; k++) {
        const v = ring[(next - k + ring.length) % ring.length]!;
        if (v > recentMs) recentMs = v;
      }
      follow(Math.max(quantileMs, recentMs));
    },
  };
}
