/**
 * Fixed-bin histograms with underflow and overflow counts: what the jitter plot draws.
 * Bin i holds values in [minValue + i * binWidth, minValue + (i + 1) * binWidth).
 */

/** Where the bins lie. The default is 0.1 ms bins over -50..+50 ms (1000 bins). */
export interface HistogramBins {
  minValue: number;
  maxValue: number;
  binWidth: number;
}

/** The default bins for timing errors in ms: 0.1 ms over +-50 ms. */
export const TIMING_BINS_MS: HistogramBins = { minValue: -50, maxValue: 50, binWidth: 0.1 };

/** Counts per bin plus what fell outside; NaN values are counted apart and never binned. */
export interface Histogram extends HistogramBins {
  /** counts[i] = values in bin i. */
  counts: Uint32Array;
  /** Values below minValue. */
  underflow: number;
  /** Values at or above maxValue. */
  overflow: number;
  /** NaN values (a metric that could not be computed). */
  invalid: number;
  /** Every value added, all of the above included. */
  total: number;
}

/** An empty histogram; throws when the bins make no sense (width <= 0, max <= min). */
export function createHistogram(bins: HistogramBins = TIMING_BINS_MS): Histogram {
  const { minValue, maxValue, binWidth } = bins;
  if (!(binWidth > 0) || !(maxValue > minValue) || !Number.isFinite(maxValue - minValue)) {
    throw new RangeError(`bad histogram bins: ${JSON.stringify(bins)}`);
  }
  // Rounded so that e.g. 100 / 0.1 = 999.9999999999999 still gives 1000 bins.
  const n = Math.max(1, Math.round((maxValue - minValue) / binWidth));
  return {
    minValue,
    maxValue,
    binWidth,
    counts: new Uint32Array(n),
    underflow: 0,
    overflow: 0,
    invalid: 0,
    total: 0,
  };
}

/** Adds one value. Does not allocate. */
export function addToHistogram(h: Histogram, value: number): void {
  h.total++;
  if (Number.isNaN(value)) h.invalid++;
  else if (value < h.minValue) h.underflow++;
  else if (value >= h.maxValue) h.overflow++;
  else {
    // Float division can land one bin off right at an edge; clamp keeps it inside the array.
    const i = Math.floor((value - h.minValue) / h.binWidth);
    h.counts[Math.min(h.counts.length - 1, i)]!++;
  }
}

/** A histogram of `values` in the given bins. */
export function histogramOf(
  values: ArrayLike<number>,
  bins: HistogramBins = TIMING_BINS_MS,
): Histogram {
  const h = createHistogram(bins);
  for (let i = 0; i < values.length; i++) addToHistogram(h, values[i]!);
  return h;
}

/** The lower edge of bin i. */
export function binStart(h: HistogramBins, i: number): number {
  return h.minValue + i * h.binWidth;
}
