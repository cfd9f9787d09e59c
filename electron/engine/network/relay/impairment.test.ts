import { describe, expect, it } from 'vitest';
import { summarize } from '../../../../shared/stats/summary';
import { NO_IMPAIRMENT } from '../../../../shared/model';
import { createImpairmentModel } from './impairment';

const sample = (settings: Partial<typeof NO_IMPAIRMENT>, n = 20_000, seed = 7) => {
  const model = createImpairmentModel({ ...NO_IMPAIRMENT, ...settings }, seed);
  return Array.from({ length: n }, () => model.decide());
};

describe('impairment model', () => {
  it('adds normal jitter with the requested mean and sd', () => {
    const delays = sample({ delayMs: 50, jitterMs: 10 }).map((v) => v.delaysMs[0]!);
    const s = summarize(delays);
    expect(s.mean).toBeGreaterThan(49.5);
    expect(s.mean).toBeLessThan(50.5);
    expect(s.sd).toBeGreaterThan(9.5);
    expect(s.sd).toBeLessThan(10.5);
  });

  it('never produces a negative delay, even when jitter exceeds the mean', () => {
    for (const v of sample({ delayMs: 1, jitterMs: 20 }, 5000))
      expect(v.delaysMs[0]).toBeGreaterThanOrEqual(0);
  });

  it('keeps uniform jitter within delay +- jitter', () => {
    const delays = sample({ delayMs: 20, jitterMs: 5, jitterDistribution: 'uniform' }, 5000).map(
      (v) => v.delaysMs[0]!,
    );
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(15);
    expect(Math.max(...delays)).toBeLessThanOrEqual(25);
  });

  it('loses, duplicates and reorders at the requested rates', () => {
    const verdicts = sample({ loss: 0.1, duplicate: 0.05, reorder: 0.02 });
    const lost = verdicts.filter((v) => v.delaysMs.length === 0).length / verdicts.length;
    const dup = verdicts.filter((v) => v.delaysMs.length === 2).length / verdicts.length;
    const reo = verdicts.filter((v) => v.isReordered).length / verdicts.length;
    expect(lost).toBeCloseTo(0.1, 1);
    expect(dup).toBeCloseTo(0.05 * 0.9, 1);
    expect(reo).toBeCloseTo(0.02 * 0.9, 2);
  });

  it('gives the same verdicts for the same seed', () => {
    expect(sample({ jitterMs: 5, loss: 0.2 }, 100, 3)).toEqual(
      sample({ jitterMs: 5, loss: 0.2 }, 100, 3),
    );
    expect(sample({ jitterMs: 5 }, 100, 3)).not.toEqual(sample({ jitterMs: 5 }, 100, 4));
  });
});
