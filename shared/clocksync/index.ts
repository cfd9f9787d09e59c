/**
 * Peer clock synchronization, pure: the ping/pong wire format, samples from four timestamps, and
 * the per-peer estimator (offset, drift, an honest error bound, steps). The engine pings and
 * answers (electron/engine/clocksync); this part only computes.
 */
export * from './wire';
export * from './sample';
export {
  createClockEstimator,
  type ClockEstimate,
  type ClockEstimator,
  type ClockEstimatorOptions,
  type ClockSyncState,
  type SampleVerdict,
} from './estimator';
