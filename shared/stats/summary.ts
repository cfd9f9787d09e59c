/** Descriptive statistics of a sample, as the plots and benchmarks report them. */
export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1). */
  sd: number;
  min: number;
  max: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Summarizes `values` (not modified). An empty sample gives n = 0 and NaN elsewhere. */
export function summarize(values: ArrayLike<number>): Summary {
  const n = values.length;
  if (n === 0) return { n, mean: NaN, sd: NaN, min: NaN, max: NaN, p50: NaN, p95: NaN, p99: NaN };
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (sorted[i]! - mean) ** 2;
  return {
    n,
    mean,
    sd: n > 1 ? Math.sqrt(sq / (n - 1)) : 0,
    min: sorted[0]!,
    max: sorted[n - 1]!,
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
  };
}

/** The q-quantile of an ascending sample, linearly interpolated (type 7, as numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Mean of the middle half of an ascending sample (the median below 4 values): nearly as steady
 * as the mean on clean data, yet the outer quarters cannot pull it.
 */
export function interquartileMeanSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n < 4) return quantileSorted(sorted, 0.5);
  const q = n >> 2;
  let sum = 0;
  for (let i = q; i < n - q; i++) sum += sorted[i]!;
  return sum / (n - 2 * q);
}

/**
 * A spread estimate that one outlier cannot move: 1.4826 x the median absolute deviation, which
 * equals the sd for normally distributed data. Benchmarks report it beside the sd so a single
 * OS preemption is visible as what it is.
 */
export function robustSd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const median = quantileSorted(sorted, 0.5);
  const deviations = sorted.map((v) => Math.abs(v - median)).sort();
  return 1.4826 * quantileSorted(deviations, 0.5);
}
