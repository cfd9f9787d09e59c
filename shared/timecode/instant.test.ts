import { describe, expect, it } from 'vitest';
import { ntpFromUnixMs } from '../osc/timetag';
import { firstFrameAtOrAfter, frameAt, frameInstant } from './instant';
import { FRAME_RATES, frameRate } from './rate';

const TWO32 = 1n << 32n;
const start = ntpFromUnixMs(Date.UTC(2026, 10, 20, 9)) + 12_345n;
const r2997 = frameRate('29.97');

/** The exact start of frame k as a rational k x den x 2^32 / num ticks, rounded up. */
const exactTicks = (k: bigint, num: bigint, den: bigint) => (k * den * TWO32 + num - 1n) / num;

describe('frame instants in NTP units', () => {
  it('lands on whole seconds exactly where k x 1001 / 30000 is whole, after an hour and a day', () => {
    expect(frameInstant(start, 30_000, r2997)).toBe(start + 1001n * TWO32);
    expect(frameInstant(start, 120_000, r2997)).toBe(start + 4004n * TWO32);
    expect(frameInstant(start, 2_610_000, r2997)).toBe(start + 87_087n * TWO32);
  });

  it.each([
    ['an hour of NDF labels', 108_000],
    ['an hour of DF labels', 107_892],
    ['a DF day', 2_589_408],
    ['a NDF day', 2_592_000],
  ])('is exact to the tick at the end of %s (frame %i)', (_, k) => {
    const got = frameInstant(start, k, r2997);
    expect(got).toBe(start + exactTicks(BigInt(k), 30_000n, 1001n));
    // Not early, and less than one tick late: 0 <= got x num - k x den x 2^32 < num.
    const excess = (got - start) * 30_000n - BigInt(k) * 1001n * TWO32;
    expect(excess >= 0n && excess < 30_000n).toBe(true);
  });

  it('is not what summing frame durations in floats gives', () => {
    let summedS = 0;
    for (let k = 0; k < 120_000; k++) summedS += 1001 / 30_000;
    const summedTicks = BigInt(Math.round(summedS * 2 ** 32));
    expect(frameInstant(start, 120_000, r2997) - start).toBe(4004n * TWO32);
    expect(summedTicks).not.toBe(4004n * TWO32);
    // And the float product k x (1001/30000) is off too.
    expect(120_000 * (1001 / 30_000)).not.toBe(4004);
  });

  it.each(FRAME_RATES.map((r) => [r.name, r] as const))(
    'at %s fps maps every frame instant back to its frame, and the tick before to the one before',
    (_, rate) => {
      for (let k = -50; k < 20_000; k++) {
        const t = frameInstant(start, k, rate);
        if (frameAt(start, t, rate) !== k || frameAt(start, t - 1n, rate) !== k - 1) {
          expect.fail(
            `frame ${k} at ${rate.name} fps: instant ${t} maps to ${frameAt(start, t, rate)}`,
          );
        }
      }
      expect(frameAt(start, frameInstant(start, 2_000_000_000, rate), rate)).toBe(2_000_000_000);
    },
  );

  it('counts frames before the start as negative', () => {
    const r25 = frameRate('25');
    expect(frameAt(start, start - 1n, r25)).toBe(-1);
    expect(frameInstant(start, -1, r25)).toBe(start - TWO32 / 25n);
    expect(frameInstant(start, -25, r25)).toBe(start - TWO32);
  });

  it('names the next frame a sender owes: the current one on its first tick, else the next', () => {
    const t = frameInstant(start, 500, r2997);
    expect(firstFrameAtOrAfter(start, t, r2997)).toBe(500);
    expect(firstFrameAtOrAfter(start, t + 1n, r2997)).toBe(501);
    expect(firstFrameAtOrAfter(start, t - 1n, r2997)).toBe(500);
  });

  it('refuses a frame count that is not whole', () => {
    expect(() => frameInstant(start, 1.5, r2997)).toThrow(
      expect.objectContaining({ code: 'frame' }),
    );
  });
});
