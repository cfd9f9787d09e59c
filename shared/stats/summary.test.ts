import { describe, expect, it } from 'vitest';
import { interquartileMeanSorted, quantileSorted, robustSd, summarize } from './summary';

describe('summarize', () => {
  it('computes mean, sample sd, extremes and percentiles', () => {
    const s = summarize([4, 1, 3, 2, 5]);
    expect(s).toMatchObject({ n: 5, mean: 3, min: 1, max: 5, p50: 3 });
    expect(s.sd).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(s.p95).toBeCloseTo(4.8, 12);
    expect(s.p99).toBeCloseTo(4.96, 12);
  });

  it('does not reorder the caller array', () => {
    const v = [3, 1, 2];
    summarize(v);
    expect(v).toEqual([3, 1, 2]);
  });

  it('reports an empty sample as n = 0 with NaN statistics', () => {
    const s = summarize([]);
    expect(s.n).toBe(0);
    expect(Number.isNaN(s.mean)).toBe(true);
  });

  it('interpolates quantiles between neighbours like numpy', () => {
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileSorted([7], 0.99)).toBe(7);
  });

  it('estimates spread robustly: one wild outlier barely moves it, unlike the sd', () => {
    const normalish = [-1.5, -1, -0.5, -0.25, 0, 0.25, 0.5, 1, 1.5];
    const withOutlier = [...normalish, 100];
    expect(robustSd(withOutlier)).toBeLessThan(2 * robustSd(normalish));
    expect(summarize(withOutlier).sd).toBeGreaterThan(20 * robustSd(withOutlier));
    expect(Number.isNaN(robustSd([]))).toBe(true);
  });

  it.each([
    { sorted: [], mean: NaN },
    { sorted: [5], mean: 5 },
    { sorted: [1, 2, 9], mean: 2 },
    { sorted: [-100, 1, 3, 1000], mean: 2 },
    { sorted: [0, 1, 2, 3, 4, 5, 6, 70], mean: 3.5 },
  ])(
    'takes the interquartile mean of $sorted as $mean, whatever the outer quarters hold',
    ({ sorted, mean }) => {
      expect(interquartileMeanSorted(sorted)).toBe(mean);
    },
  );
});
