import { describe, expect, it } from 'vitest';
import { createTally, DRIFT_BEATS } from '../../scripts/soak/tally';

const anchorMs = 1_800_000_000_123.25;
const bpm = 120;
const offsetMs = 150;
/** Beat n's ideal dispatch time from the anchor alone. */
const ideal = (n: number) => anchorMs + n * 500 + offsetMs;

describe('soak tally', () => {
  it('measures no drift and the dispatch errors of beats dispatched on the grid', () => {
    const t = createTally({ anchorMs, bpm, offsetMs, expectedBeats: 100 });
    for (let n = 0; n < 100; n++) t.record(n, ideal(n) + (n % 10) * 0.01, (n % 10) * 0.01);
    const f = t.figures();
    expect(f.dispatched).toBe(100);
    expect(f.early).toBe(0);
    expect(f.lastBeat).toBe(99);
    expect(f.lastDriftMs).toBeCloseTo(0.09, 3);
    expect(f.judgedDriftMs).toBeCloseTo(0.055, 3); // median of 0.02 .. 0.09
    expect(f.dispatchErrorMs.p50).toBeCloseTo(0.045, 6);
    expect(f.dispatchErrorMs.max).toBeCloseTo(0.09, 6);
  });

  it('sees a grid that wandered even when every dispatch hit its timetag', () => {
    const t = createTally({ anchorMs, bpm, offsetMs, expectedBeats: 1000 });
    // Timetags summed from a rounded interval: 1 us a beat slow, dispatched exactly on them.
    for (let n = 0; n < 1000; n++) t.record(n, ideal(n) + n * 0.001, 0);
    const f = t.figures();
    expect(f.dispatchErrorMs.max).toBe(0);
    expect(f.judgedDriftMs).toBeCloseTo(0.9955, 3);
  });

  it('judges the median of the last beats, so one preempted dispatch is not a drift', () => {
    const t = createTally({ anchorMs, bpm, offsetMs, expectedBeats: 50 });
    for (let n = 0; n < 50; n++) t.record(n, ideal(n) + (n === 49 ? 30 : 0), n === 49 ? 30 : 0);
    const f = t.figures();
    expect(DRIFT_BEATS).toBeGreaterThan(2);
    expect(f.lastDriftMs).toBeCloseTo(30, 6);
    expect(f.judgedDriftMs).toBeCloseTo(0, 6);
  });

  it('counts a dispatch before its timetag as early', () => {
    const t = createTally({ anchorMs, bpm, offsetMs, expectedBeats: 2 });
    t.record(0, ideal(0), 0);
    t.record(1, ideal(1) - 0.01, -0.01);
    expect(t.figures().early).toBe(1);
  });

  it('gives NaN figures before anything was dispatched', () => {
    const f = createTally({ anchorMs, bpm, offsetMs, expectedBeats: 10 }).figures();
    expect(f).toMatchObject({ dispatched: 0, lastBeat: null });
    expect(f.dispatchErrorMs.p50).toBeNaN();
    expect(f.judgedDriftMs).toBeNaN();
  });
});
