import { describe, expect, it } from 'vitest';
import { formatFrame, parseFrame, parseLabel } from './label-text';
import { createTimebase } from './timebase';

const df2997 = createTimebase('29.97', true);

describe('labels as text', () => {
  it.each([
    ['01:02:03:04', ':'],
    ['01:02:03;04', ';'],
    ['01:02:03.04', '.'],
    ['01:02:03,04', ','],
    ['01;02;03;04', ';'],
    [' 1:02:03:04\n', ':'],
  ])('reads %j, noting the separator before the frames', (text, separator) => {
    expect(parseLabel(text)).toEqual({ hours: 1, minutes: 2, seconds: 3, frames: 4, separator });
  });

  it.each([
    '',
    '01:02:03',
    '01:02:03:04:05',
    '1:2:3:4',
    '001:02:03:04',
    'aa:bb:cc:dd',
    '01-02-03-04',
  ])('refuses %j as not a label, with an example of one', (text) => {
    expect(() => parseLabel(text)).toThrow(
      expect.objectContaining({ code: 'syntax', message: expect.stringContaining('HH:MM:SS:FF') }),
    );
  });

  it('refuses a value that is not text at all without crashing', () => {
    expect(() => parseLabel(42 as unknown as string)).toThrow(
      expect.objectContaining({ code: 'syntax' }),
    );
  });

  it("writes ':' by default, as the seed does, and ';' at drop-frame when asked", () => {
    expect(formatFrame(df2997, 1800)).toBe('00:01:00:02');
    expect(formatFrame(df2997, 1800, { dropFrameSeparator: true })).toBe('00:01:00;02');
    expect(formatFrame(createTimebase('25'), 26, { dropFrameSeparator: true })).toBe('00:00:01:01');
  });

  it('reads a label against a timebase, refusing the ones it does not have', () => {
    expect(parseFrame(df2997, '00:10:00;00')).toBe(17_982);
    expect(parseFrame(df2997, '00:10:00:00')).toBe(17_982);
    expect(() => parseFrame(df2997, '00:01:00;00')).toThrow(
      expect.objectContaining({ code: 'skipped-label', field: 'frames' }),
    );
    expect(() => parseFrame(createTimebase('25'), '00:00:00:25')).toThrow(
      expect.objectContaining({ code: 'field-range', field: 'frames' }),
    );
  });
});
