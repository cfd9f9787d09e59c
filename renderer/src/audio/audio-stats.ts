/**
 * What the audio output reports: the panel shows it, and the audio timing test reads it through
 * `window.__syncroscopeAudioStats`, a read-only getter returning a fresh snapshot (the only thing
 * the audio code puts on `window`; it holds counters and timings, nothing that controls audio).
 */
import type { LatencyHint } from './audio-settings';

/** off: no context; starting: waiting for the output (or a click); running: ticks are scheduled. */
export type AudioStatus = 'off' | 'starting' | 'running' | 'error';

/** Tick counters since the page loaded. */
export interface AudioCounters {
  /** Ticks that reached the page while audio was on. */
  received: number;
  /** Started at their exact mapped time. */
  scheduled: number;
  /** Handed to the audio clock at all: scheduled + late ones played at once. */
  played: number;
  /** Their time had passed (or was within LATE_MARGIN_MS) on arrival: played now or dropped. */
  late: number;
  /** Not played: dropped upstream (isDropped), late under the 'drop' policy, or lost on the way to the page. */
  dropped: number;
  /**
   * Not played because they came in the first moments after enabling, before the audio clock was
   * mapped: not the network's fault nor the late policy's, so not counted as dropped.
   */
  beforeClock: number;
}

/** One recently played tick: its exact play time and the context time it was started at. */
export interface RecentTick {
  /** Its play time on the engine's clock, Unix ms. */
  playMs: number;
  /** The same instant on this page's clock, Unix ms (playMs less the page-to-engine offset). */
  pageMs: number;
  /** 0 when it was late and started at once. */
  whenSec: number;
  isLate: boolean;
  isAccent: boolean;
}

/** A snapshot of the output. */
export interface AudioStats extends AudioCounters {
  status: AudioStatus;
  error: string | null;
  latencyHint: LatencyHint;
  isCompensated: boolean;
  sampleRate: number | null;
  baseLatencyMs: number | null;
  outputLatencyMs: number | null;
  /** Total output latency used for scheduling (base + output in whole buffers, latched), ms. */
  latencyMs: number | null;
  /** Readings of the browser's latency more than a buffer away from the latched one (not applied). */
  latencyChanges: number;
  /** The clock map: getOutputTimestamp pairs held and how well a line fits them. */
  mapping: {
    pairs: number;
    inliers: number;
    residualSdMs: number;
    ratePpm: number;
    steps: number;
    /**
     * The recent pairs scatter little around the map. False for the first 10-15 s of a context
     * (the audio server's latency estimate converges; ticks then wander by milliseconds).
     */
    isSettled: boolean;
  } | null;
  /** The last 64 ticks played, oldest first. */
  recent: RecentTick[];
}

/** All counters at zero. */
export function emptyCounters(): AudioCounters {
  return { received: 0, scheduled: 0, played: 0, late: 0, dropped: 0, beforeClock: 0 };
}

/** The name of the read-only getter on `window` (for tests; documented in renderer/src/audio/README.md). */
export const WINDOW_STATS_KEY = '__syncroscopeAudioStats';

/** Installs `window.__syncroscopeAudioStats` (a getter); returns its remover. */
export function exposeStats(target: object, read: () => AudioStats): () => void {
  Object.defineProperty(target, WINDOW_STATS_KEY, {
    get: read,
    configurable: true,
    enumerable: false,
  });
  return () => {
    delete (target as Record<string, unknown>)[WINDOW_STATS_KEY];
  };
}
