/** The `measurements:*` domain: rolling tick statistics per stream, and the raw ticks as CSV. */
import { z } from 'zod';

const count = z.int().min(0);
const stat = z.number().nullable();

/** Descriptive statistics of a metric's recent values; null where undefined (no values yet). */
export const metricSummarySchema = z.strictObject({
  n: count,
  mean: stat,
  /** Sample standard deviation. */
  sd: stat,
  min: stat,
  max: stat,
  p50: stat,
  p95: stat,
  p99: stat,
});
/** See {@link metricSummarySchema}. */
export type MetricSummaryView = z.infer<typeof metricSummarySchema>;

/** One stream: one source, OSC address and sender mode. */
export const measuredStreamSchema = z.strictObject({
  key: z.string(),
  source: z.string(),
  address: z.string(),
  mode: z.string(),
  counts: z.strictObject({
    ticks: count,
    late: count,
    dropped: count,
    dispatched: count,
    lost: count,
    reordered: count,
    duplicates: count,
  }),
  metrics: z.strictObject({
    leadMs: metricSummarySchema,
    arrivalIntervalErrorMs: metricSummarySchema,
    dispatchErrorMs: metricSummarySchema,
    outputIntervalErrorMs: metricSummarySchema,
  }),
});

/** `measurements:get` answers it; `measurements:changed` pushes it (at most ~4 times a second). */
export const measurementsSnapshotSchema = z.strictObject({
  streams: z.array(measuredStreamSchema),
  /** Ticks from more streams than are measured at once: counted only. */
  untrackedTicks: count,
});
/** See {@link measurementsSnapshotSchema}. */
export type MeasurementsSnapshot = z.infer<typeof measurementsSnapshotSchema>;

/** `measurements:csv`: the raw ticks, and a file name with the UTC time. */
export const measurementsCsvSchema = z.strictObject({
  csv: z.string(),
  /** e.g. syncroscope-ticks-2026-11-20T22-50-00Z.csv */
  filename: z.string(),
});
