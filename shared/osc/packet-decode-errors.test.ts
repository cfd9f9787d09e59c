import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oscPacket } from './arbitraries.test-util';
import { decodePacket, encodePacket, MAX_BUNDLE_DEPTH, OscDecodeError } from './index';

const fromHex = (h: string): Uint8Array =>
  Uint8Array.from(h.replace(/\s+/g, '').match(/../g) ?? [], (x) => parseInt(x, 16));
const BUNDLE = '2362756e646c6500 0000000000000001'; // "#bundle" + timetag 1

/** Bundles nested `levels` deep, the innermost empty. */
function nestedBundleBytes(levels: number): Uint8Array {
  let inner = fromHex(BUNDLE);
  for (let k = 1; k < levels; k++) {
    const outer = new Uint8Array(20 + inner.length);
    outer.set(fromHex(BUNDLE));
    new DataView(outer.buffer).setInt32(16, inner.length);
    outer.set(inner, 20);
    inner = outer;
  }
  return inner;
}

/** A message whose type tag string opens `n` arrays. */
function openArrays(n: number): Uint8Array {
  const tags = `,${'['.repeat(n)}`;
  const out = new Uint8Array(4 + tags.length + 4 - (tags.length % 4));
  out.set([0x2f, 0x61]);
  for (let k = 0; k < tags.length; k++) out[4 + k] = tags.charCodeAt(k);
  return out;
}

const corpus: { name: string; bytes: Uint8Array; code: string; offset: number }[] = [
  { name: 'an empty datagram', bytes: fromHex(''), code: 'size', offset: 0 },
  {
    name: 'a size that is not a multiple of 4',
    bytes: fromHex('2f610000 2c'),
    code: 'size',
    offset: 5,
  },
  {
    name: 'an address without a leading slash',
    bytes: fromHex('61620000 2c000000'),
    code: 'address',
    offset: 0,
  },
  {
    name: 'an unterminated address',
    bytes: fromHex('2f616263'),
    code: 'unterminated-string',
    offset: 0,
  },
  {
    name: 'address padding that is not NUL',
    bytes: fromHex('2f610001 2c000000'),
    code: 'padding',
    offset: 3,
  },
  {
    name: "a type tag string without ','",
    bytes: fromHex('2f610000 69000000'),
    code: 'type-tag',
    offset: 4,
  },
  {
    name: 'an unterminated type tag string',
    bytes: fromHex('2f610000 2c696969'),
    code: 'unterminated-string',
    offset: 4,
  },
  {
    name: 'type tag padding that is not NUL',
    bytes: fromHex('2f610000 2c690001 00000001'),
    code: 'padding',
    offset: 7,
  },
  {
    name: 'an unknown type tag',
    bytes: fromHex('2f610000 2c780000'),
    code: 'unknown-type',
    offset: 5,
  },
  {
    name: 'an int past the end',
    bytes: fromHex('2f610000 2c690000'),
    code: 'truncated',
    offset: 8,
  },
  {
    name: 'a double past the end',
    bytes: fromHex('2f610000 2c640000 00000000'),
    code: 'truncated',
    offset: 8,
  },
  {
    name: 'an int64 past the end',
    bytes: fromHex('2f610000 2c680000 00000000'),
    code: 'truncated',
    offset: 8,
  },
  {
    name: 'an unterminated string argument',
    bytes: fromHex('2f610000 2c730000 61626364'),
    code: 'unterminated-string',
    offset: 8,
  },
  {
    name: 'string padding that is not NUL',
    bytes: fromHex('2f610000 2c730000 61620041'),
    code: 'padding',
    offset: 11,
  },
  {
    name: 'a string with an invalid UTF-8 byte',
    bytes: fromHex('2f610000 2c730000 61ff0000'),
    code: 'utf8',
    offset: 9,
  },
  {
    name: 'a string with an overlong UTF-8 form',
    bytes: fromHex('2f610000 2c730000 c0af0000'),
    code: 'utf8',
    offset: 8,
  },
  {
    name: 'a string with a UTF-8 encoded surrogate',
    bytes: fromHex('2f610000 2c730000 eda08000'),
    code: 'utf8',
    offset: 8,
  },
  {
    name: 'a string with a truncated UTF-8 sequence',
    bytes: fromHex('2f610000 2c730000 61e29800'),
    code: 'utf8',
    offset: 9,
  },
  {
    name: 'bytes after the last argument',
    bytes: fromHex('2f610000 2c690000 00000001 00000000'),
    code: 'trailing-bytes',
    offset: 12,
  },
  {
    name: 'bytes after an empty argument list',
    bytes: fromHex('2f610000 2c000000 00000000'),
    code: 'trailing-bytes',
    offset: 8,
  },
  { name: "a ']' without '['", bytes: fromHex('2f610000 2c5d0000'), code: 'array', offset: 5 },
  {
    name: "a '[' without ']'",
    bytes: fromHex('2f610000 2c5b6900 00000001'),
    code: 'array',
    offset: 7,
  },
  {
    name: 'a blob size word past the end',
    bytes: fromHex('2f610000 2c620000'),
    code: 'truncated',
    offset: 8,
  },
  {
    name: 'a blob longer than the packet',
    bytes: fromHex('2f610000 2c620000 00000010 01020304'),
    code: 'truncated',
    offset: 8,
  },
  {
    name: 'a blob of 2^31-1 bytes',
    bytes: fromHex('2f610000 2c620000 7fffffff 01020304'),
    code: 'truncated',
    offset: 8,
  },
  {
    name: 'a negative blob size',
    bytes: fromHex('2f610000 2c620000 ffffffff'),
    code: 'value',
    offset: 8,
  },
  {
    name: 'blob padding that is not NUL',
    bytes: fromHex('2f610000 2c620000 00000001 01020000'),
    code: 'padding',
    offset: 13,
  },
  {
    name: "a 'c' that is not a code point",
    bytes: fromHex('2f610000 2c630000 0000d800'),
    code: 'value',
    offset: 8,
  },
  {
    name: 'a bundle shorter than 16 bytes',
    bytes: fromHex('2362756e646c6500 00000000'),
    code: 'bundle-header',
    offset: 0,
  },
  {
    name: "a misspelled '#bundle'",
    bytes: fromHex('2362756e646c6578 0000000000000001'),
    code: 'bundle-header',
    offset: 0,
  },
  {
    name: "a '#' packet that is no bundle",
    bytes: fromHex('23666f6f 2c000000'),
    code: 'bundle-header',
    offset: 0,
  },
  {
    name: 'a negative bundle element size',
    bytes: fromHex(`${BUNDLE} fffffffc 2f610000`),
    code: 'bundle-element',
    offset: 16,
  },
  {
    name: 'a zero bundle element size',
    bytes: fromHex(`${BUNDLE} 00000000`),
    code: 'bundle-element',
    offset: 16,
  },
  {
    name: 'a bundle element size not a multiple of 4',
    bytes: fromHex(`${BUNDLE} 00000005 2f610000 2c000000`),
    code: 'bundle-element',
    offset: 16,
  },
  {
    name: 'a bundle element past the end',
    bytes: fromHex(`${BUNDLE} 00000010 2f610000 2c000000`),
    code: 'bundle-element',
    offset: 16,
  },
  {
    name: 'a malformed message inside a bundle',
    bytes: fromHex(`${BUNDLE} 00000008 61610000 2c000000`),
    code: 'address',
    offset: 20,
  },
  {
    name: 'argument data beyond its bundle element (though inside the datagram)',
    bytes: fromHex(`${BUNDLE} 00000008 2f610000 2c690000 00000001`),
    code: 'truncated',
    offset: 28,
  },
  {
    name: `bundles nested ${MAX_BUNDLE_DEPTH + 1} deep`,
    bytes: nestedBundleBytes(MAX_BUNDLE_DEPTH + 1),
    code: 'depth',
    offset: MAX_BUNDLE_DEPTH * 20,
  },
  {
    name: '100000 nested arrays (a stack bomb)',
    bytes: openArrays(100_000),
    code: 'depth',
    offset: 21,
  },
];

describe('malformed datagrams', () => {
  it.each(corpus)('rejects $name with code $code at its offset', ({ bytes, code, offset }) => {
    let error: unknown;
    try {
      decodePacket(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OscDecodeError);
    expect(error).toMatchObject({ code, offset });
    expect((error as Error).message).toMatch(new RegExp(`at byte ${offset}$`));
  });

  it(`accepts bundles nested exactly ${MAX_BUNDLE_DEPTH} deep`, () => {
    expect(decodePacket(nestedBundleBytes(MAX_BUNDLE_DEPTH))).toMatchObject({ kind: 'bundle' });
  });

  it('says what is wrong and where', () => {
    expect(() => decodePacket(fromHex('2f610000 2c730000 61626364'))).toThrow(
      'unterminated string at byte 8',
    );
  });
});

/** Decodes, and reports anything other than a packet or an OscDecodeError. */
function decodesOrRejectsCleanly(bytes: Uint8Array): boolean {
  try {
    decodePacket(bytes);
  } catch (e) {
    if (!(e instanceof OscDecodeError)) throw e;
  }
  return true;
}

describe('fuzzing the decoder', () => {
  it('returns a packet or throws OscDecodeError for random bytes, nothing else', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), decodesOrRejectsCleanly), {
      numRuns: 2000,
    });
  });

  it('returns a packet or throws OscDecodeError for random bytes that look like OSC', () => {
    const head = fc.constantFrom(
      fromHex('2f610000 2c'),
      fromHex(BUNDLE),
      fromHex('2f'),
      fromHex('23'),
    );
    const body = fc.array(
      fc.constantFrom(0, 0x2c, 0x5b, 0x5d, 0x62, 0x69, 0x73, 0x23, 0xff, 0x10),
      { maxLength: 40 },
    );
    const bytes = fc.tuple(head, body).map(([h, b]) => {
      const all = Uint8Array.from([...h, ...b]);
      return all.subarray(0, all.length - (all.length % 4));
    });
    fc.assert(fc.property(bytes, decodesOrRejectsCleanly), { numRuns: 2000 });
  });

  it('returns a packet or throws OscDecodeError for valid packets with corrupted bytes', () => {
    const corrupted = fc
      .tuple(oscPacket, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat())
      .map(([p, at, value, cut]) => {
        const bytes = encodePacket(p);
        bytes[at % bytes.length] = value;
        return bytes.subarray(0, bytes.length - 4 * (cut % 2));
      });
    fc.assert(fc.property(corrupted, decodesOrRejectsCleanly), { numRuns: 1000 });
  });
});
