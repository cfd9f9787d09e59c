/** The output latency the uncompensated mode adds to every tick, latched once per context. */

/** Latency readings taken while the clock settles; their median becomes the latched latency. */
export const LATENCY_READINGS = 10;

/**
 * The output latency the uncompensated mode adds: ONE constant per context, the same on every
 * instance with the same settings. The browser's report wobbles with the audio server's buffer
 * fill (PulseAudio under load: 24 to 112 ms from one callback to the next, once 10 s), while the
 * getOutputTimestamp line stays smooth, so: the median of the first readings, in whole audio
 * buffers (nearest), at least one buffer and at most one second.
 */
export function latchedLatencySec(baseLatencySec: number, totalReadingsSec: number[]): number {
  const sorted = [...totalReadingsSec].sort((a, b) => a - b);
  const median = sorted.length ? sorted[sorted.length >> 1]! : baseLatencySec;
  const bounded = Math.min(1, Math.max(baseLatencySec, median));
  if (!(baseLatencySec > 0)) return bounded;
  return Math.max(1, Math.round(bounded / baseLatencySec)) * baseLatencySec;
}
