/**
 * The engine's clock as this page knows it. Where the page runs on the engine's computer the two
 * are one clock; where it runs on another device (the web host on a tablet) they differ by
 * whatever that device's clock is off. The pinger (clock-pinger.ts) feeds exchanges of the page's
 * own clock with `clock:now` into the same estimator the engine uses for its peers, and every
 * place that compares engine time with the page's (the tick player, the beat lamp, the timecode
 * display) converts through here.
 *
 * The page clock is `performance.timeOrigin + performance.now()` (Unix ms, monotonic): the clock
 * the audio map's getOutputTimestamp pairs and the animation frames are read on.
 */
import {
  createClockEstimator,
  isImpossibleExchange,
  sampleFromExchange,
  type ClockEstimatorOptions,
  type ClockSyncState,
  type SampleVerdict,
} from '../../../shared/clocksync';
import { ntpFromUnixMs } from '../../../shared/osc/timetag';

/** What the screen shows of the page-to-engine sync (low rate). */
export interface PageClockView {
  /** Engine clock minus page clock, ms. */
  offsetMs: number;
  /** The true offset is within offsetMs +- this, ms. */
  errorBoundMs: number;
  /** The median round trip of clock:now, ms. */
  rttMs: number;
  driftPpm: number;
  samples: number;
  state: ClockSyncState;
  steps: number;
}

/** The page's view of the engine's clock. Thread: the page's main thread. */
export interface EngineClock {
  /** The page's own clock, Unix ms. */
  pageNowMs(): number;
  /** The engine's clock now, Unix ms (the page's clock until the first exchange). */
  engineNowMs(): number;
  /** A page instant (Unix ms on the page clock) on the engine's clock. */
  pageToEngineMs(pageMs: number): number;
  /** An engine instant (Unix ms, e.g. a tick's playMs) on the page's clock. */
  engineToPageMs(engineMs: number): number;
  /** Engine minus page at the page instant (now by default); null before the first exchange. */
  offsetMs(atPageMs?: number): number | null;
  /** The current figures; null before the first exchange. */
  view(): PageClockView | null;
  /** {@link view} as of the last exchange: stable between notifications (for React). */
  snapshot(): PageClockView | null;
  /**
   * The host cannot be asked (an older one without clock:now): take the page's clock for the
   * engine's, as before there was page clock sync. Until the next reset.
   */
  assumeSameClock(): void;
  /** True when engine times can be placed on the page: measured, or assumed the same clock. */
  readonly isKnown: boolean;
  /** One exchange: sent at `t1PageMs`, the engine read `engineMs`, answered at `t4PageMs`. */
  addExchange(t1PageMs: number, engineMs: number, t4PageMs: number): SampleVerdict;
  /** Forgets every exchange (the host may be another engine after a reconnection). */
  reset(): void;
  /** Called after each exchange and reset. */
  subscribe(listener: () => void): () => void;
}

/** What {@link createEngineClock} needs. */
export interface EngineClockDeps {
  /** The page's clock, Unix ms (tests pass a fake clock's). */
  pageNowMs: () => number;
  estimator?: ClockEstimatorOptions;
}

/** Creates the clock with no exchange yet (engine time = page time until the first). */
export function createEngineClock(deps: EngineClockDeps): EngineClock {
  // A page pings every 2 s once settled: 64 samples span two minutes, the estimator's own window.
  const estimator = createClockEstimator({ minDriftSpanMs: 10_000, ...deps.estimator });
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((l) => l());
  const offsetAt = (pageMs: number): number => estimator.offsetAt(pageMs) ?? 0;
  let isAssumed = false;
  let cached: PageClockView | null = null;
  const changed = (): void => {
    cached = view();
    notify();
  };
  const view = (): PageClockView | null => {
    const e = estimator.estimate(deps.pageNowMs());
    if (e === null) return null;
    return {
      offsetMs: e.offsetMs,
      errorBoundMs: e.errorBoundMs,
      rttMs: e.rttMs,
      driftPpm: e.driftPpm,
      samples: e.samples,
      state: e.state,
      steps: e.steps,
    };
  };

  return {
    pageNowMs: deps.pageNowMs,
    engineNowMs() {
      const now = deps.pageNowMs();
      return now + offsetAt(now);
    },
    pageToEngineMs: (pageMs) => pageMs + offsetAt(pageMs),
    // The offset changes by ppm: evaluating it at the engine instant instead is off by nothing.
    engineToPageMs: (engineMs) => engineMs - offsetAt(engineMs - offsetAt(engineMs)),
    offsetMs: (atPageMs) =>
      estimator.offsetAt(atPageMs ?? deps.pageNowMs()) ?? (isAssumed ? 0 : null),
    view,
    snapshot: () => cached,
    assumeSameClock() {
      isAssumed = true;
      notify();
    },
    get isKnown() {
      return isAssumed || estimator.size > 0;
    },
    addExchange(t1PageMs, engineMs, t4PageMs) {
      const t23 = ntpFromUnixMs(engineMs);
      const exchange = {
        t1: ntpFromUnixMs(t1PageMs),
        t2: t23,
        t3: t23,
        t4: ntpFromUnixMs(t4PageMs),
      };
      const verdict = isImpossibleExchange(exchange)
        ? 'rejected'
        : estimator.add(sampleFromExchange(exchange));
      changed();
      return verdict;
    },
    reset() {
      estimator.reset();
      isAssumed = false;
      changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The page's clock in a browser: `performance.timeOrigin + performance.now()`, Unix ms. */
export const browserPageNowMs = (): number => performance.timeOrigin + performance.now();
