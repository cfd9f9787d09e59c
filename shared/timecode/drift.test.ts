import { describe, expect, it } from 'vitest';
import { labelLagPerHourSeconds, labelLagSeconds } from './drift';
import { parseFrame } from './label-text';
import { createTimebase } from './timebase';

describe('label drift against real time', () => {
  it('puts non-drop 29.97 labels 3.6 s an hour behind the clock', () => {
    expect(labelLagPerHourSeconds(createTimebase('29.97'))).toBe(3.6);
    expect(labelLagPerHourSeconds(createTimebase('23.976'))).toBe(3.6);
    expect(labelLagPerHourSeconds(createTimebase('59.94'))).toBe(3.6);
  });

  it('leaves drop-frame labels 3.6 ms an hour ahead, and 86.4 ms at the end of the day', () => {
    const df = createTimebase('29.97', true);
    expect(labelLagPerHourSeconds(df)).toBe(-0.0036);
    expect(labelLagPerHourSeconds(createTimebase('59.94', true))).toBe(-0.0036);
    // The day wraps 86,399.9136 s after it began; the last frame starts 1001/30000 s before that,
    // a frame that lasts 1/30 s of labels: the lag there is the day's minus one frame's 1/30000 s.
    const last = parseFrame(df, '23:59:59;29');
    expect(labelLagSeconds(df, last)).toBeCloseTo(-0.0864 - 1 / 30_000, 12);
  });

  it('has no drift at whole rates', () => {
    for (const rate of ['24', '25', '30', '50', '60']) {
      const tb = createTimebase(rate);
      expect(labelLagPerHourSeconds(tb)).toBe(0);
      expect(labelLagSeconds(tb, tb.framesPerDay - 1)).toBe(0);
    }
  });

  it('drifts within a drop-frame minute and catches up where labels are skipped', () => {
    const df = createTimebase('29.97', true);
    const beforeSkip = labelLagSeconds(df, parseFrame(df, '00:00:59;29'));
    const afterSkip = labelLagSeconds(df, parseFrame(df, '00:01:00;02'));
    // Each frame is 1001/30000 s of real time but 1/30 s of label: 1/30000 s more lag per frame.
    expect(beforeSkip).toBeCloseTo(1799 / 30_000, 12);
    // Skipping two labels puts the label 2/30 s ahead at once.
    expect(afterSkip).toBeCloseTo(1800 / 30_000 - 2 / 30, 12);
  });
});
