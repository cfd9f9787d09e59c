import { describe, expect, it } from 'vitest';
import { FRAME_RATES, frameRate } from './rate';
import { createTimebase } from './timebase';

describe('timebases', () => {
  it.each([
    ['29.97', true, 2_589_408],
    ['59.94', true, 5_178_816],
    ['29.97', false, 2_592_000],
    ['59.94', false, 5_184_000],
    ['23.976', false, 2_073_600],
    ['24', false, 2_073_600],
    ['25', false, 2_160_000],
    ['30', false, 2_592_000],
    ['50', false, 4_320_000],
    ['60', false, 5_184_000],
  ] as const)('counts a %s fps day (drop-frame %s) as %i frames', (rate, df, frames) => {
    expect(createTimebase(rate, df).framesPerDay).toBe(frames);
  });

  it('names the counting mode where there is a choice', () => {
    expect(createTimebase('29.97', true).name).toBe('29.97 DF');
    expect(createTimebase('29.97').name).toBe('29.97 NDF');
    expect(createTimebase(frameRate('25')).name).toBe('25');
  });

  it.each(FRAME_RATES.filter((r) => r.den === 1 || r.base === 24).map((r) => r.name))(
    'refuses drop-frame at %s fps, saying where it exists',
    (name) => {
      expect(() => createTimebase(name, true)).toThrow(
        expect.objectContaining({
          code: 'drop-frame-rate',
          message: expect.stringContaining('only at 29.97 and 59.94 fps'),
        }),
      );
    },
  );
});
