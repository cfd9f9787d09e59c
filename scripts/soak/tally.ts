/**
 * The soak's account of each dispatched tick: its dispatch error (dispatched - timetag) and its
 * drift (dispatched - the ideal time computed from the start anchor alone: anchor + n x 60/bpm +
 * F, in floating ms, independent of the metronome's grid). The dispatch error says how precisely
 * the scheduler hit the timetag; the drift says whether the timetags themselves wandered.
 * Memory is fixed at creation: one preallocated ring for the errors, eight drifts for the verdict.
 */
import { RingBuffer } from '../../shared/stats/ring-buffer';
import { quantileSorted } from '../../shared/stats/summary';

/** The dispatch errors kept: a whole run up to this many beats (an hour at 300 BPM is 18,001). */
const MAX_ERRORS = 1 << 18;
/** Beats at the end whose median drift is judged, so one preempted dispatch is not a drift. */
export const DRIFT_BEATS = 8;

/** The figures so far. */
export interface TallyFigures {
  dispatched: number;
  /** Dispatched before their timetag: never, unless the scheduler is broken. */
  early: number;
  dispatchErrorMs: { p50: number; p99: number; max: number };
  /** The last dispatched beat's drift, and the median of the last {@link DRIFT_BEATS}. */
  lastDriftMs: number;
  judgedDriftMs: number;
  lastBeat: number | null;
}

/** Per-tick accounting for one run. */
export interface Tally {
  /** A tick of beat `beat` was dispatched at `dispatchedMs`, `errorMs` after its timetag. */
  record(beat: number, dispatchedMs: number, errorMs: number): void;
  figures(): TallyFigures;
}

/** Creates the tally for a run anchored at `anchorMs` (beat 0's time, Unix ms). */
export function createTally(opts: {
  anchorMs: number;
  bpm: number;
  offsetMs: number;
  expectedBeats: number;
}): Tally {
  const errors = new RingBuffer(Math.max(1, Math.min(MAX_ERRORS, opts.expectedBeats)));
  const drifts = new RingBuffer(DRIFT_BEATS);
  let dispatched = 0;
  let early = 0;
  let maxErrorMs = -Infinity;
  let lastBeat: number | null = null;

  return {
    record(beat, dispatchedMs, errorMs) {
      dispatched++;
      if (errorMs < 0) early++;
      maxErrorMs = Math.max(maxErrorMs, errorMs);
      errors.push(errorMs);
      drifts.push(dispatchedMs - (opts.anchorMs + (beat * 60_000) / opts.bpm + opts.offsetMs));
      lastBeat = beat;
    },
    figures() {
      const sorted = errors.toArray().sort();
      const recent = drifts.toArray().sort();
      return {
        dispatched,
        early,
        dispatchErrorMs: {
          p50: quantileSorted(sorted, 0.5),
          p99: quantileSorted(sorted, 0.99),
          max: dispatched ? maxErrorMs : NaN,
        },
        lastDriftMs: drifts.at(-1) ?? NaN,
        judgedDriftMs: quantileSorted(recent, 0.5),
        lastBeat,
      };
    },
  };
}
