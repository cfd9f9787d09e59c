/** Tick measurements: rolling statistics per stream, histograms and CSV of the raw events. */
export {
  createMeasurements,
  formatSource,
  streamKey,
  type DueValues,
  type HistogramQuery,
  type MeasurementSummary,
  type Measurements,
  type MeasurementsOptions,
  type StreamSummary,
} from './measurements';
export { TICK_METRICS, type StreamCounts, type TickMetric } from './tick-stream';
export { TICK_CSV_HEADER, type TickRow } from './event-log';
