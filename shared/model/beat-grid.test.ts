import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ntpFromUnixMs } from '../osc/timetag';
import {
  beatTime,
  beatsToNtpUnits,
  createBeatGrid,
  firstBeatAtOrAfter,
  rebaseGrid,
} from './beat-grid';

const TWO32 = 1n << 32n;
const anchor = ntpFromUnixMs(Date.UTC(2026, 10, 20, 12, 0, 0) + 0.123456);

describe('beat grid', () => {
  it('puts beat 144000 at 100 BPM exactly 86400 s after the anchor', () => {
    const grid = createBeatGrid(anchor, 100);
    expect(beatTime(grid, 144_000)).toBe(anchor + 86_400n * TWO32);
  });

  it('keeps every beat within half an NTP unit of its ideal time, however far from the anchor', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20_000, max: 300_000 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        (bpmMilli, n) => {
          const grid = createBeatGrid(anchor, bpmMilli / 1000);
          const units = beatTime(grid, n) - anchor;
          // ideal = n * 60 s * 2^32 * 1000 / bpmMilli: compare without dividing
          const twiceErrorScaled =
            2n * units * BigInt(bpmMilli) - 2n * BigInt(n) * 60n * TWO32 * 1000n;
          expect(twiceErrorScaled <= BigInt(bpmMilli)).toBe(true);
          expect(twiceErrorScaled > -BigInt(bpmMilli)).toBe(true);
        },
      ),
    );
  });

  it('rounds half a unit up', () => {
    // Absurd tempi chosen so that one beat lasts exactly 0.5 and 1/3 of a unit.
    expect(beatsToNtpUnits(1n, 2n * 60n * TWO32 * 1000n)).toBe(1n); // 0.5 -> 1
    expect(beatsToNtpUnits(1n, 3n * 60n * TWO32 * 1000n)).toBe(0n); // 0.33 -> 0
  });

  it('finds the first beat at or after a time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20_000, max: 300_000 }),
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 15n }),
        (bpmMilli, dt) => {
          const grid = createBeatGrid(anchor, bpmMilli / 1000, 7);
          const t = anchor + dt;
          const n = firstBeatAtOrAfter(grid, t);
          expect(n).toBeGreaterThanOrEqual(7);
          expect(beatTime(grid, n) >= t).toBe(true);
          if (n > 7) expect(beatTime(grid, n - 1) < t).toBe(true);
        },
      ),
    );
  });

  it('keeps beat n where it was when the tempo changes there, and spaces later beats by the new tempo', () => {
    const grid = createBeatGrid(anchor, 120);
    const rebased = rebaseGrid(grid, 10, 60);
    expect(beatTime(rebased, 10)).toBe(beatTime(grid, 10));
    expect(beatTime(rebased, 10)).toBe(anchor + 5n * TWO32);
    expect(beatTime(rebased, 12)).toBe(anchor + 7n * TWO32);
    expect(() => beatTime(rebased, 9)).toThrow(/before the anchor/);
  });
});
