import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { ntpToUnixMs } from '../../../shared/osc/timetag';
import { createSkewedClock, NO_SKEW } from './skewed-clock';

describe('createSkewedClock', () => {
  it('starts the given offset ahead and gains the given drift', () => {
    const base = new FakeClock();
    const skewed = createSkewedClock(base, { offsetMs: 250, driftPpm: 50 });
    expect(skewed.nowMs() - base.nowMs()).toBeCloseTo(250, 9);
    base.advance(100_000);
    expect(skewed.nowMs() - base.nowMs()).toBeCloseTo(255, 6); // 50 ppm of 100 s = 5 ms
    expect(ntpToUnixMs(skewed.nowNtp())).toBeCloseTo(skewed.nowMs(), 3);
  });

  it('runs slow and behind with negative settings', () => {
    const base = new FakeClock();
    const skewed = createSkewedClock(base, { offsetMs: -1000, driftPpm: -200 });
    base.advance(10_000);
    expect(skewed.nowMs() - base.nowMs()).toBeCloseTo(-1002, 6);
  });

  it('is the base clock itself when there is no skew', () => {
    const base = new FakeClock();
    expect(createSkewedClock(base, NO_SKEW)).toBe(base);
  });
});
