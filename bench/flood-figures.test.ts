import { describe, expect, it } from 'vitest';
import { ZERO_RECEIVE_COUNTERS } from '../shared/ipc/constants';
import { grew, refusedGrowth, tickFigures, type DueSample, type SeenTick } from './flood-figures';

const SRC = '127.0.0.1:5000';
const tick = (beat: number, source = SRC): SeenTick => ({ source, beat, playMs: 1000 + beat * 10 });
const due = (beat: number, errorMs: number, source = SRC): DueSample => ({
  key: `${source} /tick offset`,
  atMs: 1000 + beat * 10,
  dispatchErrorMs: errorMs,
});

describe('flood bench figures', () => {
  it('counts lost beats by sequence, ticks never dispatched, and early ones, for one source only', () => {
    const ticks = [tick(0), tick(1), tick(3), tick(3), tick(2, '127.0.0.1:6000')];
    const samples = [due(0, 0.02), due(1, -0.001), due(2, 0.5, '127.0.0.1:6000')];
    expect(tickFigures(SRC, 5, ticks, samples)).toMatchObject({
      sent: 5,
      lost: 2, // beats 2 and 4 (beat 2 came from another source)
      undispatched: 1, // beat 3
      early: 1,
    });
  });

  it('gives the dispatch error percentiles in µs', () => {
    const n = 200;
    const ticks = Array.from({ length: n }, (_, b) => tick(b));
    const samples = Array.from({ length: n }, (_, b) => due(b, b === n - 1 ? 5 : 0.01));
    const f = tickFigures(SRC, n, ticks, samples);
    expect(f.dispatchP50Us).toBeCloseTo(10, 6);
    expect(f.dispatchMaxUs).toBeCloseTo(5000, 6);
    expect(f.lost).toBe(0);
    expect(f.lateOver(0.5)).toBe(5); // 1 of 200, per thousand
    expect(f.lateOver(5)).toBe(0);
    expect(tickFigures(SRC, 0, [], []).lateOver(1)).toBeNaN();
  });

  it('adds up the growth of every refusal reason, and keeps an unreported kernel count null', () => {
    const before = { ...ZERO_RECEIVE_COUNTERS, capDropped: 10 };
    const after = { ...before, capDropped: 4103, budgetDropped: 7, queueFull: 1, lateDropped: 9 };
    expect(refusedGrowth(before, after)).toBe(4093 + 7 + 1);
    expect(grew(before, after, 'kernelDropped')).toBeNull();
    expect(
      grew({ ...before, kernelDropped: 3 }, { ...after, kernelDropped: 8 }, 'kernelDropped'),
    ).toBe(5);
  });
});
