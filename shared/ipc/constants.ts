/**
 * Names and zeroed values of the contract as plain values, zod-free so the page can use them
 * without loading the schemas. The metronome's ranges and defaults are the model's
 * (shared/model/limits.ts, defaults.ts).
 */

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
  capDropped: 0,
  budgetDropped: 0,
  senderQueueFull: 0,
  backlogDropped: 0,
  kernelDropped: null,
} as const satisfies Record<string, number | null>;
