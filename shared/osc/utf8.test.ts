import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OscDecodeError } from './errors';
import {
  decodeString,
  decodeUtf8,
  UTF8_HAS_NUL,
  UTF8_LONE_SURROGATE,
  utf8Length,
  writeUtf8,
} from './utf8';

// The platform codecs are the oracle; shared/ has no DOM or Node typings, so type them here.
interface PlatformCodecs {
  TextEncoder: new () => { encode(s: string): Uint8Array };
  TextDecoder: new (
    label: string,
    opts: { fatal: boolean; ignoreBOM: boolean },
  ) => { decode(b: Uint8Array): string };
}
const platform = globalThis as unknown as PlatformCodecs;
const encoder = new platform.TextEncoder();
// ignoreBOM keeps a leading U+FEFF: an OSC string is its bytes, so ours keeps it too.
const strictDecoder = new platform.TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const noNul = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/\0/g, ''));

describe('UTF-8', () => {
  it('encodes like TextEncoder', () => {
    fc.assert(
      fc.property(noNul, (s) => {
        const want = encoder.encode(s);
        expect(utf8Length(s)).toBe(want.length);
        const out = new Uint8Array(want.length);
        expect(writeUtf8(s, out, 0)).toBe(want.length);
        expect(out).toEqual(want);
      }),
      { numRuns: 1000 },
    );
  });

  it('decodes like a fatal TextDecoder, rejecting exactly what it rejects', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 12 }),
      noNul.map((s) => encoder.encode(s)),
      fc
        .array(
          fc.constantFrom(
            0x41,
            0x80,
            0xbf,
            0xc0,
            0xc2,
            0xe0,
            0xed,
            0xa0,
            0xf0,
            0xf4,
            0x90,
            0x8f,
            0xff,
          ),
          { maxLength: 8 },
        )
        .map((a) => Uint8Array.from(a)),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        let want: string | null;
        try {
          want = strictDecoder.decode(b);
        } catch {
          want = null;
        }
        if (want === null) expect(() => decodeString(b, 0, b.length)).toThrow(OscDecodeError);
        else expect(decodeString(b, 0, b.length)).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps a leading byte order mark: an OSC string is exactly its bytes', () => {
    const b = Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]);
    expect(decodeString(b, 0, b.length)).toBe('\ufeffa');
    expect(decodeString(b, 0, 3)).toBe('\ufeff');
  });

  it('decodes long ASCII strings and long non-ASCII strings alike', () => {
    const long = `${'x'.repeat(20_000)}é😀`;
    const b = encoder.encode(long);
    expect(decodeUtf8(b, 0, b.length)).toBe(long);
    expect(decodeString(b, 0, b.length - 6)).toBe('x'.repeat(20_000));
  });

  it('flags strings that OSC or UTF-8 cannot carry', () => {
    expect(utf8Length('a\0b')).toBe(UTF8_HAS_NUL);
    expect(utf8Length('a\ud800')).toBe(UTF8_LONE_SURROGATE);
    expect(utf8Length('\udc00a')).toBe(UTF8_LONE_SURROGATE);
    expect(utf8Length('\ud83d\ude00')).toBe(4);
  });

  it('reports the offset of the first bad byte', () => {
    expect(() => decodeUtf8(Uint8Array.of(0x61, 0x62, 0xc3, 0x28), 0, 4)).toThrow(
      expect.objectContaining({ code: 'utf8', offset: 2 }),
    );
  });
});
