/**
 * From the sample ring to what the charts draw: aligned columns for uPlot (x in seconds, one
 * series per tick stream, nulls elsewhere), late ticks as their own point series, the symmetric
 * range that keeps the +-1 ms band in view, and the histogram's bins.
 */
import type { SampleRing } from '../store/sample-ring';

/** uPlot's aligned data: x then each series. */
export type Columns = [number[], ...(number | null)[][]];

/** Which column of the ring a chart shows. */
export type Metric = 'leadMs' | 'outputErrorMs';

/** The first ring index (oldest-first order) inside the last `windowS` seconds. */
export function windowStart(ring: SampleRing, windowS: number): number {
  if (ring.size === 0) return 0;
  const endMs = ring.atMs[ring.indexOf(ring.size - 1)]!;
  let lo = 0;
  let hi = ring.size - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ring.atMs[ring.indexOf(mid)]! < endMs - windowS * 1000) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Columns for one metric: x (seconds before the newest sample: -windowS..0), then `streamSlots` series (stream i's value or null), then the
 * late ticks' values, then (if `withArrival`) every stream's arrival interval error.
 */
export function buildColumns(
  ring: SampleRing,
  metric: Metric,
  windowS: number,
  streamSlots: number,
  withArrival = false,
): Columns {
  const start = windowStart(ring, windowS);
  const n = ring.size - start;
  const x = new Array<number>(n);
  const series = Array.from({ length: streamSlots }, () => new Array<number | null>(n).fill(null));
  const late = new Array<number | null>(n).fill(null);
  const arrival = withArrival ? new Array<number | null>(n).fill(null) : null;
  const values = ring[metric];
  const endMs = n > 0 ? ring.atMs[ring.indexOf(ring.size - 1)]! : 0;
  for (let i = 0; i < n; i++) {
    const k = ring.indexOf(start + i);
    x[i] = (ring.atMs[k]! - endMs) / 1000;
    const v = values[k]!;
    const y = Number.isNaN(v) ? null : v;
    const slot = Math.min(ring.stream[k]!, streamSlots - 1);
    series[slot]![i] = y;
    if (ring.isLate[k]) late[i] = y;
    if (arrival) {
      const a = ring.arrivalErrorMs[k]!;
      arrival[i] = Number.isNaN(a) ? null : a;
    }
  }
  return arrival ? [x, ...series, late, arrival] : [x, ...series, late];
}

const NICE_RANGES_MS = [2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000];

/** The smallest "nice" half-range covering |values| (at least 2 ms: the 1 ms band stays in view). */
export function symmetricRange(values: Iterable<number>): number {
  let max = 0;
  for (const v of values) if (Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  return NICE_RANGES_MS.find((r) => r >= max * 1.1) ?? NICE_RANGES_MS.at(-1)!;
}

/** The values of one metric inside the window (finite ones only). */
export function windowValues(ring: SampleRing, metric: Metric, windowS: number): number[] {
  const out: number[] = [];
  const values = ring[metric];
  for (let i = windowStart(ring, windowS); i < ring.size; i++) {
    const v = values[ring.indexOf(i)]!;
    if (!Number.isNaN(v)) out.push(v);
  }
  return out;
}

/** A histogram over [-halfRange, +halfRange]; values outside land in the end bins. */
export interface Bins {
  halfRange: number;
  counts: number[];
  total: number;
}

/** Counts `values` into `binCount` equal bins over a symmetric range. */
export function histogram(values: readonly number[], binCount: number, halfRange?: number): Bins {
  const range = halfRange ?? symmetricRange(values);
  const counts = new Array<number>(binCount).fill(0);
  const width = (2 * range) / binCount;
  for (const v of values) {
    const bin = Math.floor((v + range) / width);
    counts[Math.min(binCount - 1, Math.max(0, bin))]!++;
  }
  return { halfRange: range, counts, total: values.length };
}
