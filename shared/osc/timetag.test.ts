import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IMMEDIATELY,
  isImmediate,
  msToNtpUnits,
  NTP_UNIX_OFFSET_S,
  ntpAddMs,
  ntpDiffMs,
  ntpFromHex,
  ntpFromParts,
  ntpFromUnixMs,
  ntpFromUnixNs,
  ntpFromUnixSeconds,
  ntpToHex,
  ntpToIso,
  ntpToParts,
  ntpToUnixMs,
  ntpToUnixNs,
  ntpToUnixSeconds,
} from './timetag';

const TWO32 = 1n << 32n;
const OFFSET = BigInt(NTP_UNIX_OFFSET_S);
/** Unix seconds that fit NTP era 0 (1900-01-01 .. 2036-02-07). */
const ERA0_UNIX_S = { min: -NTP_UNIX_OFFSET_S, max: 2 ** 32 - 1 - NTP_UNIX_OFFSET_S };
const ntpInEra0 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });

describe('Unix seconds <-> NTP', () => {
  it('maps the Unix epoch and half seconds exactly', () => {
    expect(ntpFromUnixSeconds(0)).toBe(OFFSET << 32n);
    expect(ntpToParts(ntpFromUnixSeconds(1.5))).toEqual({
      seconds: NTP_UNIX_OFFSET_S + 1,
      fraction: 0x8000_0000,
    });
    expect(ntpToUnixSeconds(ntpFromUnixSeconds(1_700_000_000.25))).toBe(1_700_000_000.25);
  });

  it('carries a fraction that rounds up to 2^32 into the next second', () => {
    expect(ntpFromUnixSeconds(1_000.9999999999)).toBe((1_001n + OFFSET) << 32n);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 17 }), (s) => {
        // 1 - 2^-34 is within half an NTP unit of the next second.
        expect(ntpFromUnixSeconds(s + 1 - 2 ** -34)).toBe((BigInt(s) + 1n + OFFSET) << 32n);
      }),
    );
  });

  it('round-trips within the float and 2^-32 s resolution', () => {
    fc.assert(
      fc.property(
        fc.double({ min: ERA0_UNIX_S.min, max: ERA0_UNIX_S.max - 1, noNaN: true }),
        (s) => {
          const back = ntpToUnixSeconds(ntpFromUnixSeconds(s));
          expect(Math.abs(back - s)).toBeLessThanOrEqual(2 ** -33 + Math.abs(s) * 2 ** -52 * 2);
        },
      ),
    );
  });

  it('refuses times outside NTP era 0 and non-finite input', () => {
    expect(() => ntpFromUnixSeconds(-NTP_UNIX_OFFSET_S - 1)).toThrow(RangeError);
    expect(() => ntpFromUnixSeconds(ERA0_UNIX_S.max + 1)).toThrow(RangeError);
    expect(() => ntpFromUnixSeconds(Number.NaN)).toThrow(RangeError);
  });
});

describe('Unix ms and ns <-> NTP', () => {
  it('round-trips nanoseconds exactly (an NTP unit is 0.23 ns)', () => {
    const ns = fc.bigInt({
      min: BigInt(ERA0_UNIX_S.min) * 1_000_000_000n,
      max: BigInt(ERA0_UNIX_S.max) * 1_000_000_000n,
    });
    fc.assert(fc.property(ns, (x) => ntpToUnixNs(ntpFromUnixNs(x)) === x));
  });

  it('round-trips milliseconds within the float resolution', () => {
    const ms = fc.double({
      min: ERA0_UNIX_S.min * 1000,
      max: (ERA0_UNIX_S.max - 1) * 1000,
      noNaN: true,
    });
    fc.assert(
      fc.property(ms, (x) => {
        expect(Math.abs(ntpToUnixMs(ntpFromUnixMs(x)) - x)).toBeLessThanOrEqual(
          1e-6 + Math.abs(x) * 2 ** -51,
        );
      }),
    );
  });

  it('agrees between the ms and ns conversions', () => {
    expect(ntpFromUnixMs(1_700_000_000_123.5)).toBe(ntpFromUnixNs(1_700_000_000_123_500_000n));
  });
});

describe('offsets in milliseconds', () => {
  /** Nearest NTP unit to k ms, computed in bigint (no ties exist: 2^32 * k mod 1000 is never 500). */
  const unitsOfWholeMs = (k: bigint): bigint => {
    const twice = 2n * k * TWO32;
    const q = (twice + (twice >= 0n ? 1000n : -1000n)) / 2000n;
    return q;
  };

  it('adds whole milliseconds exactly, over a range of centuries', () => {
    const base = (OFFSET + 1_000_000_000n) << 32n;
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (k) => {
        expect(ntpAddMs(base, k) - base).toBe(unitsOfWholeMs(BigInt(k)));
        expect(msToNtpUnits(k)).toBe(unitsOfWholeMs(BigInt(k)));
      }),
    );
  });

  it('measures the difference back to within half an NTP unit', () => {
    fc.assert(
      fc.property(ntpInEra0, fc.double({ min: -1e9, max: 1e9, noNaN: true }), (t, d) => {
        fc.pre(t + msToNtpUnits(d) >= 0n && t + msToNtpUnits(d) < 1n << 64n);
        const halfUnitMs = 1000 / 2 ** 33;
        expect(Math.abs(ntpDiffMs(ntpAddMs(t, d), t) - d)).toBeLessThanOrEqual(
          halfUnitMs + Math.abs(d) * 2 ** -50,
        );
      }),
    );
  });

  it('resolves sub-millisecond offsets (1 us is 4295 units)', () => {
    expect(msToNtpUnits(0.001)).toBe(4295n);
    expect(msToNtpUnits(-0.001)).toBe(-4295n);
    expect(ntpDiffMs(ntpAddMs(IMMEDIATELY + TWO32, 1.5), IMMEDIATELY + TWO32)).toBeCloseTo(1.5, 6);
  });
});

describe('hex and ISO text', () => {
  it("prints oscdump's SSSSSSSS.FFFFFFFF in lower case and parses it back", () => {
    expect(ntpToHex(0x83aa7e80_80000000n)).toBe('83aa7e80.80000000');
    expect(ntpToHex(1n)).toBe('00000000.00000001');
    expect(ntpFromHex('E9A3B5C4.4000000A')).toBe(0xe9a3b5c4_4000000an);
    fc.assert(fc.property(ntpInEra0, (t) => ntpFromHex(ntpToHex(t)) === t));
  });

  it('rejects text that is not SSSSSSSS.FFFFFFFF', () => {
    expect(() => ntpFromHex('83aa7e80')).toThrow(SyntaxError);
    expect(() => ntpFromHex('83aa7e8.80000000')).toThrow(SyntaxError);
  });

  it('prints ISO 8601 UTC with microseconds, rounded, carrying into the next second', () => {
    expect(ntpToIso(ntpFromUnixNs(1_700_000_000_123_456_789n))).toBe('2023-11-14T22:13:20.123457Z');
    expect(ntpToIso(ntpFromUnixNs(1_700_000_000_999_999_600n))).toBe('2023-11-14T22:13:21.000000Z');
    expect(ntpToIso(ntpFromUnixNs(-1_500_000n))).toBe('1969-12-31T23:59:59.998500Z');
    expect(ntpToIso(1n)).toBe('immediately');
    expect(ntpToIso(0n)).toBe('immediately');
  });
});

describe('wire words and "immediately"', () => {
  it('splits and joins the two 32-bit words', () => {
    fc.assert(
      fc.property(ntpInEra0, (t) => {
        const { seconds, fraction } = ntpToParts(t);
        return ntpFromParts(seconds, fraction) === t;
      }),
    );
    expect(() => ntpFromParts(2 ** 32, 0)).toThrow(RangeError);
    expect(() => ntpFromParts(0, -1)).toThrow(RangeError);
  });

  it('treats 1 (OSC 1.0) and 0 (liblo) as immediate, and nothing later', () => {
    expect(isImmediate(IMMEDIATELY)).toBe(true);
    expect(isImmediate(0n)).toBe(true);
    expect(isImmediate(2n)).toBe(false);
  });
});
