import { describe, expect, it } from 'vitest';
import {
  encodeMessage,
  encodePacket,
  MAX_BUNDLE_DEPTH,
  OscEncodeError,
  type OscArg,
  type OscMessage,
  type OscPacket,
} from './index';

const msg = (address: string, ...args: OscArg[]): OscMessage => ({
  kind: 'message',
  address,
  args,
});
const s = (value: string): OscArg => ({ type: 's', value });
const i = (value: number): OscArg => ({ type: 'i', value });

describe('encoding validates before writing', () => {
  const bad: { name: string; packet: unknown; code: string }[] = [
    { name: 'an address without a leading slash', packet: msg('tick'), code: 'address' },
    { name: 'an empty address', packet: msg(''), code: 'address' },
    { name: 'a NUL in the address', packet: msg('/a\0b'), code: 'address' },
    { name: 'an int above int32', packet: msg('/a', i(2 ** 31)), code: 'range' },
    { name: 'an int below int32', packet: msg('/a', i(-(2 ** 31) - 1)), code: 'range' },
    { name: 'a non-integer int', packet: msg('/a', i(1.5)), code: 'value' },
    {
      name: 'a string for an int',
      packet: msg('/a', { type: 'i', value: '1' } as unknown as OscArg),
      code: 'value',
    },
    { name: 'a NUL inside a string', packet: msg('/a', s('a\0b')), code: 'string' },
    { name: 'a lone surrogate in a string', packet: msg('/a', s('\ud800x')), code: 'string' },
    { name: 'a negative RGBA', packet: msg('/a', { type: 'r', value: -1 }), code: 'range' },
    {
      name: 'an RGBA above uint32',
      packet: msg('/a', { type: 'r', value: 2 ** 32 }),
      code: 'range',
    },
    {
      name: 'a 3-byte MIDI',
      packet: msg('/a', { type: 'm', value: Uint8Array.of(1, 2, 3) }),
      code: 'value',
    },
    { name: 'a two-character char', packet: msg('/a', { type: 'c', value: 'ab' }), code: 'value' },
    {
      name: 'an int64 above range',
      packet: msg('/a', { type: 'h', value: 1n << 63n }),
      code: 'range',
    },
    {
      name: 'a negative timetag argument',
      packet: msg('/a', { type: 't', value: -1n }),
      code: 'range',
    },
    {
      name: 'a timetag argument above uint64',
      packet: msg('/a', { type: 't', value: 1n << 64n }),
      code: 'range',
    },
    {
      name: 'an unknown type',
      packet: msg('/a', { type: 'x' } as unknown as OscArg),
      code: 'value',
    },
    { name: 'a null argument', packet: msg('/a', null as unknown as OscArg), code: 'value' },
    {
      name: 'a bundle timetag above uint64',
      packet: { kind: 'bundle', timetag: 1n << 64n, elements: [] },
      code: 'range',
    },
    {
      name: 'a numeric bundle timetag',
      packet: { kind: 'bundle', timetag: 1, elements: [] },
      code: 'value',
    },
    {
      name: 'a nested bundle earlier than its parent',
      packet: {
        kind: 'bundle',
        timetag: 10n,
        elements: [{ kind: 'bundle', timetag: 9n, elements: [] }],
      },
      code: 'timetag-order',
    },
    { name: 'bundles nested too deep', packet: nestedBundles(MAX_BUNDLE_DEPTH + 1), code: 'depth' },
    { name: 'an unknown packet kind', packet: { kind: 'blob' }, code: 'value' },
  ];

  it.each(bad)('rejects $name with code $code', ({ packet, code }) => {
    const attempt = (): unknown => encodePacket(packet as OscPacket);
    expect(attempt).toThrow(OscEncodeError);
    expect(attempt).toThrow(expect.objectContaining({ code }));
  });

  it('accepts bundles nested exactly to the limit, and 0 inside 1 (both mean "now")', () => {
    expect(() => encodePacket(nestedBundles(MAX_BUNDLE_DEPTH))).not.toThrow();
    const nowInNow: OscPacket = {
      kind: 'bundle',
      timetag: 1n,
      elements: [{ kind: 'bundle', timetag: 0n, elements: [] }],
    };
    expect(() => encodePacket(nowInNow)).not.toThrow();
  });

  it('says which argument is wrong', () => {
    expect(() => encodeMessage('/pd', [s('ok'), i(2 ** 40)])).toThrow(
      /\/pd arg 1 \('i'\): 1099511627776 is outside int32/,
    );
  });
});

function nestedBundles(levels: number): OscPacket {
  let p: OscPacket = msg('/a');
  for (let k = 0; k < levels; k++) p = { kind: 'bundle', timetag: 1n, elements: [p] };
  return p;
}
