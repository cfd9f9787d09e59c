import { describe, expect, it } from 'vitest';
import { createTimebase } from '../../../shared/timecode';
import { countingRule, skipNotice } from './counting-rule';

describe('counting rule in words', () => {
  it.each([
    ['29.97', true, '29.97 DF: labels ;00 and ;01 are skipped', 'within 3.6 ms an hour'],
    ['59.94', true, '59.94 DF: labels ;00 to ;03 are skipped', 'except every tenth'],
    ['29.97', false, '29.97 NDF: every frame gets the next label', '3.6 s per hour behind'],
    ['23.976', false, '23.976: every frame', '3.6 s per hour behind'],
    ['25', false, '25 fps: every frame gets the next label', 'in step with the clock'],
  ] as const)('%s (drop-frame %s) says "%s … %s"', (rate, df, start, rest) => {
    const text = countingRule(createTimebase(rate, df));
    expect(text.startsWith(start)).toBe(true);
    expect(text).toContain(rest);
  });

  it('names the skipped labels of a jump', () => {
    const labels = [0, 1].map((frames) => ({ hours: 0, minutes: 1, seconds: 0, frames }));
    expect(skipNotice(labels)).toBe('skipped 00:01:00;00 and ;01');
    expect(skipNotice([])).toBe('');
  });
});
