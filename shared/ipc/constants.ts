/**
 * Ranges and defaults of the contract as plain values, zod-free so the page can use them (slider
 * bounds, a reset button) without loading the schemas. The engine enforces the same numbers.
 */

/** The ranges the engine accepts for `metronome:update`. */
export const METRONOME_LIMITS = {
  bpm: { min: 20, max: 300 },
  accentEvery: { min: 0, max: 1000 },
  offsetMs: { min: 0, max: 2000 },
  lookaheadMs: { min: 0, max: 1000 },
  targets: { max: 16 },
  delayMs: { min: 0, max: 10_000 },
  jitterMs: { min: 0, max: 5000 },
  loss: { min: 0, max: 1 },
} as const;

/** The metronome before any `metronome:update`: forward sync, no targets yet (the UI adds them). */
export const DEFAULT_METRONOME_SETTINGS = {
  mode: 'forward',
  bpm: 100,
  accentEvery: 4,
  offsetMs: 100,
  targets: [],
} as const;

/** The addresses the seeds send ticks to ('/py*' as python-osc's dispatcher maps it). */
export const DEFAULT_TICK_PATTERNS: readonly string[] = ['/tick', '/pd', '/py*'];

/** The measured tick metrics (MeasurementsSnapshot streams[].metrics), in display order. */
export const TICK_METRIC_NAMES = [
  'leadMs',
  'arrivalIntervalErrorMs',
  'dispatchErrorMs',
  'outputIntervalErrorMs',
] as const;
/** One of {@link TICK_METRIC_NAMES}. */
export type TickMetricName = (typeof TICK_METRIC_NAMES)[number];

/** The receiver's counters before anything arrived (engine:changed `counters`). */
export const ZERO_RECEIVE_COUNTERS = {
  packets: 0,
  messages: 0,
  malformed: 0,
  immediate: 0,
  future: 0,
  late: 0,
  latePlayed: 0,
  lateDropped: 0,
  queueFull: 0,
  handlerErrors: 0,
} as const;
