/**
 * A peer clock estimated from ping samples, after Ableton Link's HostTimeFilter: a bounded window
 * of recent samples, of which only the fastest round trips are fitted (their asymmetry can only
 * be small), a robust line of offset against local time (its slope is the drift), and an error
 * bound that is proved, not guessed: the peer's offset at a sample's midpoint lies within that
 * sample's offset +- rtt / 2 (see sample.ts), and from there it can only have moved by the drift.
 * A consistent jump of the offset (a clock stepped, on either side) starts the window over.
 */
import { quantileSorted } from '../stats/summary';
import { fitRobustLine, lineAt, type RobustLineFit } from '../time/robust-fit';
import type { ClockSample } from './sample';
import { createStepDetector } from './step-detector';

/** 'measuring' until enough samples give a small enough bound, then 'converged'. */
export type ClockSyncState = 'measuring' | 'converged';

/** What became of a sample given to {@link ClockEstimator.add}. */
export type SampleVerdict = 'added' | 'suspect' | 'step' | 'rejected';

/** Options of {@link createClockEstimator}; the defaults suit pings every 0.25-1 s on a LAN. */
export interface ClockEstimatorOptions {
  /** Most samples kept (the newest). */
  capacity?: number;
  /** Samples older than this before the newest are dropped, ms. */
  maxAgeMs?: number;
  /** The share of the window fitted: the lowest round trips of each time bucket (at least 4). */
  keepBestFraction?: number;
  /** The window is cut into this many stretches of time, each keeping its own best samples. */
  buckets?: number;
  /** Converged needs at least this many samples... */
  minSamples?: number;
  /** ...and an error bound at the newest sample no larger than this, ms. */
  convergedBoundMs?: number;
  /** Below this span of local time the drift is not estimated (0, bound by `maxDriftPpm`), ms. */
  minDriftSpanMs?: number;
  /** The largest drift believed (crystals: tens of ppm; an NTP slew: 500); also the clamp. */
  maxDriftPpm?: number;
  /** A sample is suspect when its interval misses the estimate's by more than this, ms. */
  stepMarginMs?: number;
  /** This many agreeing suspects mean a step: the window starts over from them. */
  stepConfirmations?: number;
}

/** The estimate at one local instant. */
export interface ClockEstimate {
  /** The local time (Unix ms) it is evaluated at. */
  atMs: number;
  /** Peer clock minus local clock at `atMs`, ms. */
  offsetMs: number;
  /** How fast the offset grows: peer seconds gained per local second, x 1e6. */
  driftPpm: number;
  /** |true offset - offsetMs| is at most this, ms (it grows with time since the samples). */
  errorBoundMs: number;
  /** The median round trip of the window, ms. */
  rttMs: number;
  /** The fastest round trip of the window, ms. */
  bestRttMs: number;
  /** Samples in the window, and how many of them were fitted. */
  samples: number;
  fitted: number;
  state: ClockSyncState;
  /** Steps detected since the estimator was made (each started the window over). */
  steps: number;
}

/** A per-peer estimator. Pure; `add` allocates (a refit), `offsetAt` does not. */
export interface ClockEstimator {
  add(sample: ClockSample): SampleVerdict;
  /** The estimate at local time `atMs`; null before the first sample. */
  estimate(atMs: number): ClockEstimate | null;
  /** Just the offset at `localMs` (the receive path's hot path); null before the first sample. */
  offsetAt(localMs: number): number | null;
  /** As of the newest sample. */
  readonly state: ClockSyncState;
  readonly size: number;
  /** Forgets every sample (not the step count). */
  reset(): void;
}

interface Fitted {
  line: RobustLineFit;
  /** Each fitted sample's own bound at its midpoint: rtt / 2 + its distance from the line. */
  xs: number[];
  bases: number[];
  /** What the drift may be wrong by, as a fraction (ms per ms). */
  driftSlack: number;
}

const DEFAULTS = {
  capacity: 64,
  maxAgeMs: 120_000,
  keepBestFraction: 0.25,
  buckets: 8,
  minSamples: 8,
  convergedBoundMs: 5,
  minDriftSpanMs: 5000,
  maxDriftPpm: 500,
  stepMarginMs: 1,
  stepConfirmations: 3,
} satisfies Required<ClockEstimatorOptions>;

/** Creates an empty estimator. */
export function createClockEstimator(options: ClockEstimatorOptions = {}): ClockEstimator {
  const o = { ...DEFAULTS, ...options };
  let window: ClockSample[] = [];
  let fitted: Fitted | null = null;
  let state: ClockSyncState = 'measuring';
  let steps = 0;
  const detector = createStepDetector({
    marginMs: o.stepMarginMs,
    confirmations: o.stepConfirmations,
  });

  const boundAt = (f: Fitted, atMs: number): number => {
    let best = Infinity;
    for (let i = 0; i < f.xs.length; i++) {
      best = Math.min(best, f.bases[i]! + f.driftSlack * Math.abs(atMs - f.xs[i]!));
    }
    return best;
  };

  const refit = (): void => {
    const used = lowestRoundTrips(window, o.keepBestFraction, o.buckets);
    const line = fitRobustLine(
      used.map((s) => ({ x: s.localMs, y: s.offsetMs })),
      {
        nominalSlope: 0,
        minSpanX: o.minDriftSpanMs,
        maxSlopeDeviation: o.maxDriftPpm * 1e-6,
        minCutoff: 0.05,
      },
    );
    if (line === null) return void (fitted = null);
    const maxDrift = o.maxDriftPpm * 1e-6;
    let driftSlack = maxDrift;
    if (line.spanX >= o.minDriftSpanMs && used.length > 2) {
      let sxx = 0;
      const meanX = used.reduce((sum, s) => sum + s.localMs, 0) / used.length;
      for (const s of used) sxx += (s.localMs - meanX) ** 2;
      // Three standard errors of the slope, never below 1 ppm (the fit's own floor of belief),
      // nor below what the samples' own uncertainty allows (a median half round trip at each end
      // of the span): with few samples fitted, their scatter alone understates it.
      const rtts = used.map((s) => s.rttMs).sort((a, b) => a - b);
      const spanSlack = quantileSorted(rtts, 0.5) / line.spanX;
      driftSlack = Math.min(
        maxDrift,
        Math.max(1e-6, (3 * line.residualSd) / Math.sqrt(sxx), spanSlack),
      );
    }
    fitted = {
      line,
      xs: used.map((s) => s.localMs),
      bases: used.map((s) => s.rttMs / 2 + Math.abs(lineAt(line, s.localMs) - s.offsetMs)),
      driftSlack,
    };
    const newest = window[window.length - 1]!.localMs;
    state =
      window.length >= o.minSamples && boundAt(fitted, newest) <= o.convergedBoundMs
        ? 'converged'
        : 'measuring';
  };

  const push = (sample: ClockSample): void => {
    window.push(sample);
    const oldest = sample.localMs - o.maxAgeMs;
    while (window.length > o.capacity || (window[0] && window[0].localMs < oldest)) window.shift();
  };

  return {
    add(sample) {
      const { localMs, offsetMs, rttMs } = sample;
      if (!Number.isFinite(localMs) || !Number.isFinite(offsetMs) || !(rttMs >= 0)) {
        return 'rejected';
      }
      if (fitted !== null && window.length >= 4) {
        const predicted = lineAt(fitted.line, localMs);
        const verdict = detector.check(sample, predicted, boundAt(fitted, localMs));
        if (verdict === 'suspect') return 'suspect';
        if (verdict !== null) {
          steps++;
          window = [];
          for (const s of verdict) push(s);
          refit();
          return 'step';
        }
      }
      push(sample);
      refit();
      return 'added';
    },
    estimate(atMs) {
      if (fitted === null) return null;
      const rtts = window.map((s) => s.rttMs).sort((a, b) => a - b);
      return {
        atMs,
        offsetMs: lineAt(fitted.line, atMs),
        driftPpm: fitted.line.slope * 1e6,
        errorBoundMs: boundAt(fitted, atMs),
        rttMs: rtts[Math.floor((rtts.length - 1) / 2)]!,
        bestRttMs: rtts[0]!,
        samples: window.length,
        fitted: fitted.xs.length,
        state,
        steps,
      };
    },
    offsetAt: (localMs) => (fitted === null ? null : lineAt(fitted.line, localMs)),
    get state() {
      return state;
    },
    get size() {
      return window.length;
    },
    reset() {
      window = [];
      fitted = null;
      state = 'measuring';
      detector.clear();
    },
  };
}

const byRtt = (a: ClockSample, b: ClockSample): number =>
  a.rttMs - b.rttMs || b.localMs - a.localMs;

/**
 * The samples to fit: the lowest round trips (their offsets can be off by at most half of
 * them), taken stretch by stretch of time so that the fitted ones still span the window and
 * the drift stays measurable. At least 4, or the whole window when it is smaller.
 */
function lowestRoundTrips(
  window: readonly ClockSample[],
  fraction: number,
  buckets: number,
): ClockSample[] {
  const firstMs = window[0]!.localMs;
  const spanMs = window[window.length - 1]!.localMs - firstMs;
  if (window.length < 4 * buckets || !(spanMs > 0)) {
    const keep = Math.max(4, Math.ceil(window.length * fraction));
    return [...window].sort(byRtt).slice(0, keep);
  }
  const stretches: ClockSample[][] = Array.from({ length: buckets }, () => []);
  for (const s of window) {
    const i = Math.min(buckets - 1, Math.floor(((s.localMs - firstMs) / spanMs) * buckets));
    stretches[i]!.push(s);
  }
  return stretches.flatMap((st) => st.sort(byRtt).slice(0, Math.ceil(st.length * fraction)));
}
