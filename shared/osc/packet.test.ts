import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodePacket,
  encodeBundle,
  encodeMessage,
  encodePacket,
  ntpFromUnixSeconds,
  type OscArg,
  type OscMessage,
  type OscPacket,
} from './index';
import { oscPacket } from './arbitraries.test-util';

const toHex = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const fromHex = (h: string): Uint8Array =>
  Uint8Array.from(h.replace(/\s+/g, '').match(/../g) ?? [], (x) => parseInt(x, 16));
const msg = (address: string, ...args: OscArg[]): OscMessage => ({
  kind: 'message',
  address,
  args,
});
const s = (value: string): OscArg => ({ type: 's', value });
const i = (value: number): OscArg => ({ type: 'i', value });
const b = (...bytes: number[]): OscArg => ({ type: 'b', value: Uint8Array.from(bytes) });

const A = '2f610000'; // "/a"
const TICK = '2f7469636b000000 2c730000 7469636b00000000'; // /tick ,s "tick"

/** One table drives both directions: model -> exact bytes, and bytes -> model. */
const wire: { name: string; packet: OscPacket; hex: string }[] = [
  { name: 'the seed tick /tick "tick"', packet: msg('/tick', s('tick')), hex: TICK },
  {
    name: 'the seed /pd "tick"',
    packet: msg('/pd', s('tick')),
    hex: '2f706400 2c730000 7469636b00000000',
  },
  {
    name: 'the seed /py "tick"',
    packet: msg('/py', s('tick')),
    hex: '2f707900 2c730000 7469636b00000000',
  },
  {
    name: 'the seed timecode /sync/timecode "01:02:03:04"',
    packet: msg('/sync/timecode', s('01:02:03:04')),
    hex: '2f73796e632f74696d65636f64650000 2c730000 30313a30323a30333a303400',
  },
  {
    // python-osc's send_message(addr, [label, tc]) sends two string arguments, not an OSC array.
    name: 'the seed cue /trigger/action_tc "Play sound effect" "00:00:10:00"',
    packet: msg('/trigger/action_tc', s('Play sound effect'), s('00:00:10:00')),
    hex:
      '2f747269676765722f616374696f6e5f74630000 2c737300 ' +
      '506c617920736f756e6420656666656374000000 30303a30303a31303a303000',
  },
  { name: 'a message without arguments', packet: msg('/a'), hex: `${A} 2c000000` },
  { name: 'int32 1', packet: msg('/a', i(1)), hex: `${A} 2c690000 00000001` },
  {
    name: 'int32 extremes',
    packet: msg('/a', i(2147483647), i(-2147483648)),
    hex: `${A} 2c696900 7fffffff 80000000`,
  },
  {
    name: 'float32 0.5 and -1.25',
    packet: msg('/a', { type: 'f', value: 0.5 }, { type: 'f', value: -1.25 }),
    hex: `${A} 2c666600 3f000000 bfa00000`,
  },
  { name: 'an empty string', packet: msg('/a', s('')), hex: `${A} 2c730000 00000000` },
  {
    name: 'a 3-byte string (NUL fills the word)',
    packet: msg('/a', s('abc')),
    hex: `${A} 2c730000 61626300`,
  },
  {
    name: 'a 4-byte string (a whole NUL word follows)',
    packet: msg('/a', s('abcd')),
    hex: `${A} 2c730000 61626364 00000000`,
  },
  {
    name: 'a 5-byte string',
    packet: msg('/a', s('abcde')),
    hex: `${A} 2c730000 61626364 65000000`,
  },
  {
    name: 'a non-ASCII string "åéü"',
    packet: msg('/a', s('åéü')),
    hex: `${A} 2c730000 c3a5c3a9 c3bc0000`,
  },
  {
    name: 'an emoji (4-byte UTF-8)',
    packet: msg('/a', s('😀')),
    hex: `${A} 2c730000 f09f9880 00000000`,
  },
  { name: 'a non-ASCII address', packet: msg('/é'), hex: '2fc3a900 2c000000' },
  { name: 'an empty blob', packet: msg('/a', b()), hex: `${A} 2c620000 00000000` },
  { name: 'a 1-byte blob', packet: msg('/a', b(1)), hex: `${A} 2c620000 00000001 01000000` },
  { name: 'a 2-byte blob', packet: msg('/a', b(1, 2)), hex: `${A} 2c620000 00000002 01020000` },
  { name: 'a 3-byte blob', packet: msg('/a', b(1, 2, 3)), hex: `${A} 2c620000 00000003 01020300` },
  {
    name: 'a 4-byte blob',
    packet: msg('/a', b(1, 2, 3, 4)),
    hex: `${A} 2c620000 00000004 01020304`,
  },
  {
    name: 'a 5-byte blob',
    packet: msg('/a', b(1, 2, 3, 4, 5)),
    hex: `${A} 2c620000 00000005 01020304 05000000`,
  },
  {
    name: 'int64 values',
    packet: msg('/a', { type: 'h', value: 0x0102030405060708n }, { type: 'h', value: -1n }),
    hex: `${A} 2c686800 0102030405060708 ffffffffffffffff`,
  },
  {
    name: 'a timetag argument',
    packet: msg('/a', { type: 't', value: 0x83aa7e80_80000000n }),
    hex: `${A} 2c740000 83aa7e8080000000`,
  },
  {
    name: 'float64 0.5',
    packet: msg('/a', { type: 'd', value: 0.5 }),
    hex: `${A} 2c640000 3fe0000000000000`,
  },
  {
    name: 'a symbol',
    packet: msg('/a', { type: 'S', value: 'sym' }),
    hex: `${A} 2c530000 73796d00`,
  },
  {
    name: 'chars',
    packet: msg('/a', { type: 'c', value: 'A' }, { type: 'c', value: 'é' }),
    hex: `${A} 2c636300 00000041 000000e9`,
  },
  {
    name: 'an RGBA colour',
    packet: msg('/a', { type: 'r', value: 0x11223344 }),
    hex: `${A} 2c720000 11223344`,
  },
  {
    name: 'a MIDI message',
    packet: msg('/a', { type: 'm', value: Uint8Array.of(0, 0x90, 0x3c, 0x7f) }),
    hex: `${A} 2c6d0000 00903c7f`,
  },
  {
    name: 'T F N I (no data bytes)',
    packet: msg('/a', { type: 'T' }, { type: 'F' }, { type: 'N' }, { type: 'I' }),
    hex: `${A} 2c54464e 49000000`,
  },
  { name: 'an empty array', packet: msg('/a', { type: 'array', value: [] }), hex: `${A} 2c5b5d00` },
  {
    name: 'an array of two ints',
    packet: msg('/a', { type: 'array', value: [i(1), i(2)] }),
    hex: `${A} 2c5b6969 5d000000 00000001 00000002`,
  },
  {
    name: 'nested arrays',
    packet: msg('/a', { type: 'array', value: [i(7), { type: 'array', value: [s('x')] }] }),
    hex: `${A} 2c5b695b 735d5d00 00000007 78000000`,
  },
  {
    name: 'a bundle with timetag 1 (immediately) holding the tick',
    packet: { kind: 'bundle', timetag: 1n, elements: [msg('/tick', s('tick'))] },
    hex: `2362756e646c6500 0000000000000001 00000014 ${TICK}`,
  },
  {
    name: 'an empty bundle with timetag 0 (what liblo sends for "now")',
    packet: { kind: 'bundle', timetag: 0n, elements: [] },
    hex: '2362756e646c6500 0000000000000000',
  },
  {
    name: 'a future bundle with two messages',
    packet: {
      kind: 'bundle',
      timetag: 0xe9a3b5c4_40000000n,
      elements: [msg('/pd', s('tick')), msg('/a', i(1))],
    },
    hex: `2362756e646c6500 e9a3b5c440000000 00000010 2f706400 2c730000 7469636b00000000 0000000c ${A} 2c690000 00000001`,
  },
  {
    name: 'nested bundles',
    packet: {
      kind: 'bundle',
      timetag: 0x83aa7e80_00000000n,
      elements: [
        msg('/a', i(1)),
        { kind: 'bundle', timetag: 0x83aa7e81_00000000n, elements: [msg('/b')] },
      ],
    },
    hex:
      '2362756e646c6500 83aa7e8000000000 0000000c 2f610000 2c690000 00000001 ' +
      '0000001c 2362756e646c6500 83aa7e8100000000 00000008 2f620000 2c000000',
  },
];

describe('the wire table', () => {
  it.each(wire)('encodes $name to the exact bytes', ({ packet, hex }) => {
    expect(toHex(encodePacket(packet))).toBe(hex.replace(/\s+/g, ''));
  });

  it.each(wire)('decodes $name from its bytes', ({ packet, hex }) => {
    expect(decodePacket(fromHex(hex))).toEqual(packet);
  });
});

describe('decoding what older or sloppier senders emit', () => {
  it('reads a message with no type tag string as having no arguments (pre-1.0 senders)', () => {
    expect(decodePacket(fromHex(A))).toEqual(msg('/a'));
  });

  it('accepts a nested bundle earlier than its parent, like liblo and Pd do', () => {
    const hex =
      '2362756e646c6500 0000000200000000 0000001c ' +
      '2362756e646c6500 0000000100000000 00000008 2f620000 2c000000';
    expect(decodePacket(fromHex(hex))).toEqual({
      kind: 'bundle',
      timetag: 0x2_00000000n,
      elements: [{ kind: 'bundle', timetag: 0x1_00000000n, elements: [msg('/b')] }],
    });
  });
});

describe('round trips', () => {
  it('decodes every encoded packet back to the same model', () => {
    fc.assert(
      fc.property(oscPacket, (p) => {
        expect(decodePacket(encodePacket(p))).toEqual(p);
      }),
      { numRuns: 300 },
    );
  });

  it('produces packets whose size is a multiple of 4', () => {
    fc.assert(fc.property(oscPacket, (p) => encodePacket(p).length % 4 === 0));
  });

  it('gives the same bytes through encodeMessage, encodeBundle and encodePacket', () => {
    const m = msg('/tick', s('tick'));
    expect(encodeMessage(m.address, m.args)).toEqual(encodePacket(m));
    expect(encodeBundle(5n, [m])).toEqual(
      encodePacket({ kind: 'bundle', timetag: 5n, elements: [m] }),
    );
  });

  it('carries a timetag whose fraction rounded up into the next second exactly', () => {
    const timetag = ntpFromUnixSeconds(1_000.9999999999);
    expect(timetag & 0xffff_ffffn).toBe(0n);
    expect(timetag >> 32n).toBe(1_001n + 2_208_988_800n);
    expect(decodePacket(encodeBundle(timetag, []))).toEqual({
      kind: 'bundle',
      timetag,
      elements: [],
    });
  });

  it('keeps the largest timetag exactly', () => {
    const timetag = (1n << 64n) - 1n;
    expect(decodePacket(encodeBundle(timetag, []))).toMatchObject({ timetag });
  });
});

describe('decoding from a view into a larger buffer (a Node Buffer from a pool)', () => {
  it('gives the same packet at byteOffset 3 or 7', () => {
    fc.assert(
      fc.property(oscPacket, fc.constantFrom(3, 7), (p, offset) => {
        const bytes = encodePacket(p);
        const big = new Uint8Array(bytes.length + offset + 5).fill(0xee);
        big.set(bytes, offset);
        expect(decodePacket(big.subarray(offset, offset + bytes.length))).toEqual(p);
      }),
    );
  });

  it('returns blobs and MIDI bytes that do not alias the received buffer', () => {
    const bytes = encodePacket(
      msg('/a', b(1, 2, 3), { type: 'm', value: Uint8Array.of(4, 5, 6, 7) }),
    );
    const decoded = decodePacket(bytes);
    bytes.fill(0xff);
    expect(decoded).toEqual(msg('/a', b(1, 2, 3), { type: 'm', value: Uint8Array.of(4, 5, 6, 7) }));
  });
});
