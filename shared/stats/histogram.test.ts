import { describe, expect, it } from 'vitest';
import { binStart, createHistogram, histogramOf, TIMING_BINS_MS } from './histogram';

describe('histogram', () => {
  it('has 1000 bins of 0.1 ms over +-50 ms by default', () => {
    const h = createHistogram();
    expect(h.counts.length).toBe(1000);
    expect(binStart(h, 500)).toBeCloseTo(0, 12);
    expect(TIMING_BINS_MS).toEqual({ minValue: -50, maxValue: 50, binWidth: 0.1 });
  });

  it('puts values in their bins and counts under/overflow and NaN apart', () => {
    const h = histogramOf([-0.05, 0, 0.05, 0.1, 49.99, -50, 50, -50.01, 1e9, NaN]);
    expect(h.counts[499]).toBe(1); // -0.05 in [-0.1, 0)
    expect(h.counts[500]).toBe(2); // 0 and 0.05 in [0, 0.1)
    expect(h.counts[501]).toBe(1); // 0.1
    expect(h.counts[999]).toBe(1); // 49.99
    expect(h.counts[0]).toBe(1); // -50 is the first bin's lower edge
    expect(h.overflow).toBe(2); // 50 (upper edge is exclusive) and 1e9
    expect(h.underflow).toBe(1);
    expect(h.invalid).toBe(1);
    expect(h.total).toBe(10);
    const binned = h.counts.reduce((a, b) => a + b, 0);
    expect(binned + h.underflow + h.overflow + h.invalid).toBe(h.total);
  });

  it('refuses bins that make no sense', () => {
    expect(() => createHistogram({ minValue: 0, maxValue: 1, binWidth: 0 })).toThrow(/bins/);
    expect(() => createHistogram({ minValue: 1, maxValue: 1, binWidth: 0.1 })).toThrow(/bins/);
  });
});
