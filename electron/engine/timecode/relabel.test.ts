import { describe, expect, it } from 'vitest';
import { createTimebase, formatFrame, parseFrame } from '../../../shared/timecode';
import { relabelFrame } from './relabel';

const move = (from: string, to: string, label: string, df = [false, false]) => {
  const a = createTimebase(from, df[0]);
  const b = createTimebase(to, df[1]);
  return formatFrame(b, relabelFrame(a, b, parseFrame(a, label)));
};

describe('relabelFrame', () => {
  it('keeps the label and the part of the second when the rate changes', () => {
    expect(move('25', '50', '01:00:00:12')).toBe('01:00:00:24');
    expect(move('30', '25', '00:10:00:29')).toBe('00:10:00:24');
    expect(move('25', '25', '00:00:07:03')).toBe('00:00:07:03');
  });

  it('moves a label drop-frame skips to the first one the minute has', () => {
    expect(move('29.97', '29.97', '00:01:00:00', [false, true])).toBe('00:01:00:02');
    expect(move('29.97', '29.97', '00:01:00:02', [true, false])).toBe('00:01:00:02');
  });
});
