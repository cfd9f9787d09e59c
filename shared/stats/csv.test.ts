import { describe, expect, it } from 'vitest';
import { csvField, csvRow } from './csv';

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    [1.5, '1.5'],
    [-0.25, '-0.25'],
    [NaN, ''],
    [null, ''],
    [undefined, ''],
    [true, '1'],
    [false, '0'],
    [12n, '12'],
  ])('writes the value %s as the cell %s', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('joins fields with commas and ends each row with CRLF', () => {
    expect(csvRow(['/tick', 'a"b', 3])).toBe('/tick,"a""b",3\r\n');
  });
});
