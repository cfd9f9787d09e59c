import { describe, expect, it } from 'vitest';
import { createRandom } from '../stats/random';
import { fitRobustLine, lineAt, type FitPoint, type RobustFitOptions } from './robust-fit';

/** Points on y = 7 + slope * x, one every `stepX` from `fromX`. */
function line(n: number, { slope = 1.00008, stepX = 21.33, fromX = 5000 } = {}): FitPoint[] {
  return Array.from({ length: n }, (_, i) => {
    const x = fromX + i * stepX;
    return { x, y: 7 + slope * x };
  });
}
const exact: RobustFitOptions = { minCutoff: 1e-6 };

describe('fitRobustLine', () => {
  it.each([
    { name: 'an exact line, slope included', points: line(100), inliers: 100, slope: 1.00008 },
    {
      name: 'a line at hours of Unix ms without losing precision',
      points: line(50, { fromX: 1.7e12, slope: 1 }),
      inliers: 50,
      slope: 1,
    },
    {
      name: 'a line with one wild point, which it rejects',
      points: line(64).map((p, i) => (i === 40 ? { ...p, y: p.y + 50 } : p)),
      inliers: 63,
      slope: 1.00008,
    },
    {
      name: 'a line with a quarter of its points far off on both sides, which it rejects',
      points: line(80).map((p, i) =>
        i % 4 === 1 ? { ...p, y: p.y + (i % 8 === 1 ? 9 : -30) } : p,
      ),
      inliers: 60,
      slope: 1.00008,
    },
  ])('recovers $name', ({ points, inliers, slope }) => {
    const fit = fitRobustLine(points, exact)!;
    expect(fit.inliers).toBe(inliers);
    expect(fit.points).toBe(points.length);
    expect(fit.slope).toBeCloseTo(slope, 10);
    expect(fit.residualSd).toBeLessThan(1e-6);
    for (const x of [points[0]!.x, points.at(-1)!.x + 1000]) {
      expect(Math.abs(lineAt(fit, x) - (7 + slope * x))).toBeLessThan(1e-6);
    }
  });

  it.each([
    { name: 'no points', points: [], options: exact },
    { name: 'fewer points than minPoints', points: line(4), options: { ...exact, minPoints: 5 } },
    {
      name: 'only points that are not finite',
      points: [
        { x: NaN, y: 1 },
        { x: 1, y: Infinity },
      ],
      options: exact,
    },
  ])('is null for $name', ({ points, options }) => {
    expect(fitRobustLine(points, options)).toBeNull();
  });

  it('leaves out points that are not finite and fits the rest', () => {
    const fit = fitRobustLine([...line(10), { x: NaN, y: 3 }, { x: 4, y: -Infinity }], exact)!;
    expect(fit.points).toBe(10);
    expect(fit.slope).toBeCloseTo(1.00008, 10);
  });

  it.each([
    { name: 'one point', points: [{ x: 1000, y: 2000 }], offset: 2000 },
    {
      name: 'points all at one x',
      points: [1, 2, 3, 4, 100].map((y) => ({ x: 500, y })),
      offset: 2.5, // the 100 is rejected; the interquartile mean of 1..4
    },
  ])('takes the nominal slope for $name (degenerate x)', ({ points, offset }) => {
    const fit = fitRobustLine(points, { ...exact, nominalSlope: 0.5 })!;
    expect(fit.slope).toBe(0.5);
    expect(fit.refX).toBe(points[0]!.x);
    expect(fit.offset).toBe(offset);
    expect(fit.spanX).toBe(0);
  });

  it.each([
    { name: 'a given slope is used as it is', options: { slope: 1 }, slope: 1 },
    { name: 'a short span estimates none', options: { minSpanX: 5000 }, slope: 1 },
    { name: 'a span long enough estimates it', options: { minSpanX: 2000 }, slope: 1.005 },
    { name: 'an absurd slope is clamped', options: { maxSlopeDeviation: 2e-4 }, slope: 1.0002 },
  ])('$name', ({ options, slope }) => {
    const fit = fitRobustLine(line(100, { slope: 1.005 }), { ...exact, ...options })!;
    expect(fit.slope).toBeCloseTo(slope, 12);
  });

  it('averages scatter: the line is far better than one point', () => {
    const random = createRandom(7);
    const points = line(200).map((p) => ({ ...p, y: p.y + random.normal() * 0.5 }));
    const fit = fitRobustLine(points, { minCutoff: 0.25, slope: 1.00008 })!;
    expect(fit.residualSd).toBeGreaterThan(0.4);
    expect(fit.residualSd).toBeLessThan(0.6);
    expect(Math.abs(lineAt(fit, 7000) - (7 + 1.00008 * 7000))).toBeLessThan(0.1);
  });

  it('reports the offset at the reference x asked for', () => {
    const fit = fitRobustLine(line(100), { ...exact, refX: 0 })!;
    expect(fit.refX).toBe(0);
    expect(fit.offset).toBeCloseTo(7, 6);
  });

  it('fits only the lowest-cost points when asked (the fastest pings of a clock sync)', () => {
    // Offsets of a peer's clock: the slow pings (cost 40 ms) are skewed by their asymmetric trip.
    const points = Array.from({ length: 40 }, (_, i): FitPoint => {
      const isSlow = i % 2 === 1;
      return { x: i * 1000, y: 3 + (isSlow ? 15 : 0), cost: isSlow ? 40 : 1 + (i % 3) };
    });
    const all = fitRobustLine(points, { minCutoff: 0.01, nominalSlope: 0 })!;
    expect(all.offset).toBeGreaterThan(3.5); // half the points are skewed: no outliers to reject
    const best = fitRobustLine(points, { minCutoff: 0.01, nominalSlope: 0, keepBest: 10 })!;
    expect(best.points).toBe(10);
    expect(best.offset).toBeCloseTo(3, 9);
    expect(best.slope).toBeCloseTo(0, 9);
  });

  it('ranks points without a cost last, and among equal costs keeps the newer', () => {
    const points: FitPoint[] = [
      { x: 0, y: 100 },
      { x: 1, y: 50, cost: 5 },
      { x: 2, y: 10, cost: 5 },
    ];
    const fit = fitRobustLine(points, { minCutoff: 0.01, keepBest: 1 })!;
    expect(fit.refX).toBe(2);
    expect(fit.offset).toBe(10);
  });
});
