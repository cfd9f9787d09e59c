import { describe, expect, it } from 'vitest';
import {
  displayErrorsMs,
  driftFramesIn10Min,
  overrunPerFrameMs,
  pairDifferencesMs,
  sendErrorsUs,
  type FrameSend,
} from './timecode-figures';

/** Frames 40 ms apart, each sent `lateMs(k)` after its instant. */
const sends = (n: number, lateMs: (k: number) => number): FrameSend[] =>
  Array.from({ length: n }, (_, k) => ({
    frame: k,
    instantMs: 1000 + k * 40,
    sentMs: 1000 + k * 40 + lateMs(k),
  }));

describe('timecode bench figures', () => {
  it('gives each send error in µs, sent minus due', () => {
    expect(sendErrorsUs(sends(3, (k) => [0.05, 0.2, -0.01][k]!))).toEqual([
      expect.closeTo(50, 6),
      expect.closeTo(200, 6),
      expect.closeTo(-10, 6),
    ]);
  });

  it('reads the per-frame overrun of a generator that falls behind steadily', () => {
    expect(overrunPerFrameMs(sends(100, (k) => 0.4 * k))).toBeCloseTo(0.4, 9);
  });

  it('is not pulled by one late frame at the start, as a first-to-last slope would be', () => {
    const overrun = overrunPerFrameMs(sends(500, (k) => (k === 0 ? 3 : 0.1)));
    expect(Math.abs(overrun)).toBeLessThan(0.0001);
  });

  it('turns an overrun into frames behind after ten minutes', () => {
    // 1 ms per 40 ms frame: 600 s / 41 ms = 14634.1 frames sent instead of 15000.
    expect(driftFramesIn10Min(1, 40)).toBeCloseTo(15000 - 600000 / 41, 6);
    expect(driftFramesIn10Min(0, 40)).toBe(0);
  });

  it('compares when two clients showed the frames both showed', () => {
    const a = new Map([
      [1, 100],
      [2, 140.4],
      [3, 180],
    ]);
    const b = new Map([
      [2, 140],
      [3, 180.25],
      [4, 220],
    ]);
    expect(pairDifferencesMs(a, b)).toEqual([expect.closeTo(0.4, 9), expect.closeTo(0.25, 9)]);
  });

  it('measures display errors against the frame instant plus the forward offset', () => {
    const shown = new Map([
      [0, 1100.1],
      [1, 1139.9],
      [7, 5000],
    ]);
    const instants = new Map([
      [0, 1000],
      [1, 1040],
    ]);
    expect(displayErrorsMs(shown, (k) => instants.get(k), 100)).toEqual([
      expect.closeTo(0.1, 9),
      expect.closeTo(-0.1, 9),
    ]);
  });
});
