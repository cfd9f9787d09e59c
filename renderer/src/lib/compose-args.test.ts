import { describe, expect, it } from 'vitest';
import { formatJsonArg, parseComposeArgs } from './compose-args';

describe('the composer argument syntax', () => {
  it.each([
    ['', []],
    ['tick', [{ type: 's', value: 'tick' }]],
    [
      'hello 42 0.5',
      [
        { type: 's', value: 'hello' },
        { type: 'i', value: 42 },
        { type: 'f', value: 0.5 },
      ],
    ],
    [
      '"two words" s:42',
      [
        { type: 's', value: 'two words' },
        { type: 's', value: '42' },
      ],
    ],
    ['s:"a b"', [{ type: 's', value: 'a b' }]],
    [
      'd:0.1 f:1 h:9007199254740993',
      [
        { type: 'd', value: 0.1 },
        { type: 'f', value: 1 },
        { type: 'h', value: '9007199254740993' },
      ],
    ],
    ['T F N I', [{ type: 'T' }, { type: 'F' }, { type: 'N' }, { type: 'I' }]],
    [
      'c:x t:E7A1B2C3.80000000',
      [
        { type: 'c', value: 'x' },
        { type: 't', value: 'e7a1b2c3.80000000' },
      ],
    ],
    [
      'b:<01FF> m:<90403f00> r:#ff0000ff',
      [
        { type: 'b', value: '01ff' },
        { type: 'm', value: [0x90, 0x40, 0x3f, 0] },
        { type: 'r', value: 0xff0000ff },
      ],
    ],
    [
      '[i:1 [s:"x"]] 3000000000',
      [
        {
          type: 'array',
          value: [
            { type: 'i', value: 1 },
            { type: 'array', value: [{ type: 's', value: 'x' }] },
          ],
        },
        { type: 'f', value: 3e9 },
      ],
    ],
  ])('reads %j', (text, args) => {
    expect(parseComposeArgs(text)).toEqual({ ok: true, args });
  });

  it.each([
    ['i:1.5', '32-bit integer'],
    ['i:abc', 'not a number'],
    ['"open', 'not closed'],
    ['[i:1', 'not closed'],
    ['i:1]', 'no matching'],
    ['x:1', 'unknown type'],
    ['b:0', 'hex bytes'],
    ['c:ab', 'one character'],
  ])('explains what is wrong with %j', (text, words) => {
    const parsed = parseComposeArgs(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(words);
  });

  it('prints arguments the way the log does, so log lines paste back unchanged', () => {
    const line = 's:"tick" i:3 f:0.5 T b:<01ff> [i:1 i:2]';
    const parsed = parseComposeArgs(line);
    expect(parsed.ok && parsed.args.map(formatJsonArg).join(' ')).toBe(line);
  });
});
