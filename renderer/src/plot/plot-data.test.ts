import { describe, expect, it } from 'vitest';
import { sample } from '../testing/fixtures';
import { createSampleRing } from '../store/sample-ring';
import { buildColumns, histogram, symmetricRange, windowStart } from './plot-data';

function ringOf(n: number, everyMs = 500) {
  const ring = createSampleRing(1024);
  for (let i = 0; i < n; i++) {
    ring.push(
      sample({
        atMs: 1e6 + i * everyMs,
        key: i % 2 ? 'relayed' : 'direct',
        leadMs: i,
        outputIntervalErrorMs: i % 5 === 0 ? null : 0.1,
        isLate: i === n - 1,
      }),
    );
  }
  return ring;
}

describe('plot data', () => {
  it('keeps only the plot window, x in seconds before the newest tick', () => {
    const ring = ringOf(100); // 49.5 s of ticks
    expect(windowStart(ring, 10)).toBe(79); // the tick exactly 10 s back is inside
    const [x, direct, relayed, late] = buildColumns(ring, 'leadMs', 10, 2);
    expect(x.length).toBe(21);
    expect(x[0]).toBe(-10);
    expect(x.at(-1)).toBe(0);
    // One series per stream, null where a sample belongs to the other.
    expect(relayed![0]).toBe(79);
    expect(direct![0]).toBeNull();
    expect(direct![1]).toBe(80);
    // Late ticks get their own points.
    expect(late!.filter((v) => v !== null)).toEqual([99]);
  });

  it('adds the arrival interval error when asked and leaves gaps for missing values', () => {
    const ring = ringOf(10);
    const columns = buildColumns(ring, 'outputErrorMs', 60, 2, true);
    expect(columns.length).toBe(1 + 2 + 1 + 1);
    expect(columns[1]![0]).toBeNull(); // sample 0 had no output interval yet
    expect(columns[4]!.every((v) => v === 0.5)).toBe(true);
  });

  it('chooses a symmetric range that keeps the 1 ms band in view', () => {
    expect(symmetricRange([0.05, -0.02])).toBe(2);
    expect(symmetricRange([4.7])).toBe(10); // 10 % headroom
    expect(symmetricRange([-23])).toBe(50);
    expect(symmetricRange([])).toBe(2);
  });

  it('bins a histogram, clamping outliers into the end bins', () => {
    const bins = histogram([-100, -0.5, 0, 0.05, 0.5, 100], 4, 2);
    expect(bins.counts).toEqual([1, 1, 3, 1]);
    expect(bins.total).toBe(6);
  });
});
