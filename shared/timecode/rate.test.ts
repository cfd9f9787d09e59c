import { describe, expect, it } from 'vitest';
import { TimecodeError } from './errors';
import { FRAME_RATES, hasDropFrame, parseFrameRate } from './rate';

describe('frame rates', () => {
  it('holds the NTSC rates as exact 1000/1001 rationals labelled with their whole base', () => {
    const byName = Object.fromEntries(FRAME_RATES.map((r) => [r.name, [r.num, r.den, r.base]]));
    expect(byName).toEqual({
      '23.976': [24000, 1001, 24],
      '24': [24, 1, 24],
      '25': [25, 1, 25],
      '29.97': [30000, 1001, 30],
      '30': [30, 1, 30],
      '50': [50, 1, 50],
      '59.94': [60000, 1001, 60],
      '60': [60, 1, 60],
    });
  });

  it('offers drop-frame at 29.97 and 59.94 only', () => {
    expect(FRAME_RATES.filter(hasDropFrame).map((r) => r.name)).toEqual(['29.97', '59.94']);
  });

  it.each([
    ['23.976', '23.976'],
    ['23.98', '23.976'],
    ['24000/1001', '23.976'],
    ['29.97', '29.97'],
    ['29.970', '29.97'],
    [' 30000 / 1001 ', '29.97'],
    ['60000/1001', '59.94'],
    ['59.94fps', '59.94'],
    ['25', '25'],
    ['25.00', '25'],
    ['50/2', '25'],
    ['24/1', '24'],
    ['30000/1000', '30'],
    ['60', '60'],
  ])('reads %j as %s fps', (text, name) => {
    expect(parseFrameRate(text).name).toBe(name);
  });

  it.each(['29.976', '29', '30000/1002', '1/0', '', 'fast', '-25', '25.5', '0x19'])(
    'refuses %j with a list of the rates there are',
    (text) => {
      const error = (() => {
        try {
          parseFrameRate(text);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(TimecodeError);
      expect(error).toMatchObject({ code: 'rate' });
      expect((error as Error).message).toContain('23.976, 24, 25, 29.97, 30, 50, 59.94, 60');
    },
  );
});
