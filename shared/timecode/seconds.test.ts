import { describe, expect, it } from 'vitest';
import { frameRate } from './rate';
import { formatFrameSeconds, frameToSeconds, secondsToFrame } from './seconds';

const r2997 = frameRate('29.97');
const r25 = frameRate('25');

describe('frames and seconds', () => {
  it('gives a frame start in seconds with a single rounding', () => {
    expect(frameToSeconds(30_000, r2997)).toBe(1001);
    expect(frameToSeconds(108_000, r2997)).toBe(3603.6);
    expect(frameToSeconds(50, r25)).toBe(2);
  });

  it.each<[number | string, number]>([
    ['3603.6', 108_000],
    [3603.6, 108_000],
    ['3603.5999', 107_999],
    ['1001', 30_000],
    ['1.001e3', 30_000],
    ['0', 0],
    ['0.0333', 0],
    // Frame 1 starts at 0.0333666... s (1001/30000, repeating): just before it, then just after.
    ['0.03336666666666666', 0],
    ['0.03336666666666667', 1],
  ])('at 29.97 fps reads %j s as frame %i, exactly', (seconds, frame) => {
    expect(secondsToFrame(seconds, r2997)).toBe(frame);
  });

  it.each<[string, number]>([
    ['0.04', 1],
    ['0.0399', 0],
    ['-0.01', -1],
    ['-0.04', -1],
    ['1e2', 2500],
    [' 2. ', 50],
    ['.5', 12],
  ])('at 25 fps reads %j s as frame %i', (seconds, frame) => {
    expect(secondsToFrame(seconds, r25)).toBe(frame);
  });

  it.each(['', '.', 'abc', '1e', '1,5', '1:00', '--1'])(
    'refuses %j as a number of seconds',
    (text) => {
      expect(() => secondsToFrame(text, r25)).toThrow(expect.objectContaining({ code: 'seconds' }));
    },
  );

  it('refuses a time too far out to count', () => {
    expect(() => secondsToFrame('1e300', r25)).toThrow(
      expect.objectContaining({ code: 'seconds' }),
    );
  });

  it('writes a frame start as exact decimal text, rounded half away from zero', () => {
    expect(formatFrameSeconds(1, r2997, 9)).toBe('0.033366667');
    expect(formatFrameSeconds(108_000, r2997, 3)).toBe('3603.600');
    expect(formatFrameSeconds(107_892, r2997)).toBe('3599.996400');
    expect(formatFrameSeconds(-1, r25, 2)).toBe('-0.04');
    expect(formatFrameSeconds(0, r25, 2)).toBe('0.00');
    expect(formatFrameSeconds(37, r25, 0)).toBe('1');
    expect(formatFrameSeconds(38, r25, 0)).toBe('2');
  });
});
