import { describe, expect, it } from 'vitest';
import { isSkippedLabel, skippedLabels } from './drop-frame';
import { formatLabel, frameToLabel, labelToFrame } from './label';
import { createTimebase } from './timebase';

const df2997 = createTimebase('29.97', true);
const df5994 = createTimebase('59.94', true);
const text = (labels: ReturnType<typeof skippedLabels>) => labels.map((l) => formatLabel(l, ';'));

describe('which labels drop-frame skips', () => {
  it('lists ;00 and ;01 at 29.97 and ;00 to ;03 at 59.94 for a minute not divisible by 10', () => {
    expect(text(skippedLabels(df2997, 1))).toEqual(['00:01:00;00', '00:01:00;01']);
    expect(text(skippedLabels(df5994, 59, 23))).toEqual([
      '23:59:00;00',
      '23:59:00;01',
      '23:59:00;02',
      '23:59:00;03',
    ]);
  });

  it('skips nothing in minutes 00, 10, ..., 50, nor in a non-drop count', () => {
    for (const minute of [0, 10, 20, 30, 40, 50]) expect(skippedLabels(df2997, minute)).toEqual([]);
    expect(skippedLabels(createTimebase('29.97'), 1)).toEqual([]);
  });

  it('skips exactly the labels between one minute and the next', () => {
    for (let hour = 0; hour < 24; hour++) {
      for (let minute = 0; minute < 60; minute++) {
        const skipped = skippedLabels(df2997, minute, hour);
        for (const l of skipped) expect(isSkippedLabel(df2997, l)).toBe(true);
        // The minute's first label comes straight after the previous minute's last one.
        const first = { hours: hour, minutes: minute, seconds: 0, frames: skipped.length };
        const before = frameToLabel(df2997, labelToFrame(df2997, first) - 1);
        expect(before).toMatchObject({ seconds: 59, frames: 29 });
        expect(before.minutes).toBe((minute + 59) % 60);
      }
    }
  });
});
