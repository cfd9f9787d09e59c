import { describe, expect, it } from 'vitest';
import {
  argsFromValues,
  argValue,
  formatArg,
  formatMessage,
  OscEncodeError,
  type OscArg,
} from './index';

describe('argsFromValues', () => {
  it('types plain values the way python-osc and Pd peers expect', () => {
    const blob = Uint8Array.of(1, 2);
    expect(
      argsFromValues([
        3,
        -2147483648,
        2147483647,
        0.5,
        2147483648,
        'tick',
        true,
        false,
        null,
        blob,
        5n,
        [1, ['x']],
      ]),
    ).toEqual([
      { type: 'i', value: 3 },
      { type: 'i', value: -2147483648 },
      { type: 'i', value: 2147483647 },
      { type: 'f', value: 0.5 },
      { type: 'f', value: 2147483648 },
      { type: 's', value: 'tick' },
      { type: 'T' },
      { type: 'F' },
      { type: 'N' },
      { type: 'b', value: blob },
      { type: 'h', value: 5n },
      {
        type: 'array',
        value: [
          { type: 'i', value: 1 },
          { type: 'array', value: [{ type: 's', value: 'x' }] },
        ],
      },
    ]);
  });

  it.each([
    ['undefined', undefined, 'value'],
    ['an object', { a: 1 }, 'value'],
    ['a function', () => 1, 'value'],
    ['a bigint beyond int64', 1n << 63n, 'range'],
  ])('rejects %s with OscEncodeError', (_name, value, code) => {
    expect(() => argsFromValues([value])).toThrow(OscEncodeError);
    expect(() => argsFromValues([value])).toThrow(expect.objectContaining({ code }));
  });

  it('rejects arrays nested without end (or cyclic) instead of overflowing the stack', () => {
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(() => argsFromValues([cyclic])).toThrow(expect.objectContaining({ code: 'depth' }));
  });
});

describe('argValue', () => {
  it('gives plain JS values back', () => {
    const args: OscArg[] = [
      { type: 'T' },
      { type: 'F' },
      { type: 'N' },
      { type: 'I' },
      { type: 'c', value: 'x' },
      { type: 't', value: 7n },
      { type: 'array', value: [{ type: 'i', value: 1 }, { type: 'T' }] },
    ];
    expect(args.map(argValue)).toEqual([true, false, null, Infinity, 'x', 7n, [1, true]]);
  });

  it('inverts argsFromValues', () => {
    const values = [1, 0.5, 's', true, false, null, 9n, [2, ['y']]];
    expect(argsFromValues(values).map(argValue)).toEqual(values);
  });
});

describe('formatArg', () => {
  it.each<[OscArg, string]>([
    [{ type: 's', value: 'tick' }, 's:"tick"'],
    [{ type: 'i', value: 3 }, 'i:3'],
    [{ type: 'f', value: 0.5 }, 'f:0.5'],
    [{ type: 'd', value: -2 }, 'd:-2'],
    [{ type: 'h', value: -5n }, 'h:-5'],
    [{ type: 'S', value: 'sym' }, 'S:"sym"'],
    [{ type: 'c', value: 'A' }, 'c:"A"'],
    [{ type: 'r', value: 0xff0000ff }, 'r:#ff0000ff'],
    [{ type: 't', value: 0x83aa7e80_80000000n }, 't:83aa7e80.80000000'],
    [{ type: 'b', value: Uint8Array.of(1, 0xab) }, 'b:<01ab>'],
    [{ type: 'm', value: Uint8Array.of(0, 0x90, 0x3c, 0x7f) }, 'm:<00903c7f>'],
    [{ type: 'T' }, 'T'],
    [{ type: 'N' }, 'N'],
    [
      {
        type: 'array',
        value: [
          { type: 'i', value: 1 },
          { type: 's', value: 'a' },
        ],
      },
      '[i:1 s:"a"]',
    ],
  ])('shows %o as %s', (arg, text) => {
    expect(formatArg(arg)).toBe(text);
  });

  it('shortens long blobs', () => {
    expect(formatArg({ type: 'b', value: new Uint8Array(20) })).toBe(
      `b:<${'00'.repeat(16)}...(20 bytes)>`,
    );
  });

  it('shows a message like oscdump does', () => {
    expect(
      formatMessage({ kind: 'message', address: '/tick', args: [{ type: 's', value: 'tick' }] }),
    ).toBe('/tick s:"tick"');
  });
});
