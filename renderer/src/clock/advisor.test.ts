import { describe, expect, it } from 'vitest';
import { ADVISOR_MIN_TICKS, adviseForwardOffset, lateRateFor, transportDelaysMs } from './advisor';

/** Leads measured under F for the given transport delays (lead = F + lookahead - d). */
const leadsFor = (delaysMs: number[], offsetMs: number, lookaheadMs = 0): number[] =>
  delaysMs.map((d) => offsetMs + lookaheadMs - d);

/** 1000 delays: 5 ms plus up to 3 ms of jitter, and one 30 ms outlier. */
const delays = [...Array.from({ length: 999 }, (_, i) => 5 + (3 * i) / 998), 30];

describe('the forward-offset advisor', () => {
  it('recovers the transport delays from the leads and the F they were measured with', () => {
    expect(transportDelaysMs([95, 90, Number.NaN], 100, 0)).toEqual([5, 10]);
    expect(transportDelaysMs([95], 100, 20)).toEqual([25]);
  });

  it('suggests p99.9 of the delay + sync error + 2 ms, rounded up to a whole ms', () => {
    const advice = adviseForwardOffset({
      leadsMs: leadsFor(delays, 200),
      offsetMs: 200,
      lookaheadMs: 0,
      syncErrorMs: 1.5,
    })!;
    expect(advice.n).toBe(1000);
    // p99.9 of 1000 values (type 7) lies between the two largest: 8 + 0.001 * 999 * (30 - 8).
    const p999 = 8 + (30 - 8) * (999 * 0.999 - 998);
    expect(advice.delayQuantileMs).toBeCloseTo(p999, 9);
    expect(advice.delayMaxMs).toBe(30);
    expect(advice.suggestedOffsetMs).toBe(Math.ceil(p999 + 1.5 + 2));
    // Only the 30 ms outlier is later than the suggested F.
    expect(advice.predictedLateRate).toBeCloseTo(0.001, 9);
    expect(advice.currentLateRate).toBe(0);
  });

  it('takes the lookahead off: a sender that sends early needs less F', () => {
    const a = adviseForwardOffset({
      leadsMs: leadsFor(delays, 50, 0),
      offsetMs: 50,
      lookaheadMs: 0,
      syncErrorMs: 0,
    })!;
    const b = adviseForwardOffset({
      leadsMs: leadsFor(delays, 50, 5),
      offsetMs: 50,
      lookaheadMs: 5,
      syncErrorMs: 0,
    })!;
    expect(b.delayQuantileMs).toBeCloseTo(a.delayQuantileMs, 9);
    expect(b.suggestedOffsetMs).toBe(a.suggestedOffsetMs - 5);
  });

  it('reports the late rate of the current F when it is too small', () => {
    const advice = adviseForwardOffset({
      leadsMs: leadsFor(delays, 6),
      offsetMs: 6,
      lookaheadMs: 0,
      syncErrorMs: 0,
    })!;
    const expected = delays.filter((d) => d > 6).length / delays.length;
    expect(advice.currentLateRate).toBeCloseTo(expected, 9);
    expect(advice.currentLateRate).toBeGreaterThan(0.5);
    expect(advice.suggestedOffsetMs).toBeGreaterThan(6);
  });

  it('stays within the metronome’s limits for F', () => {
    const far = adviseForwardOffset({
      leadsMs: leadsFor(Array(50).fill(5000), 2000),
      offsetMs: 2000,
      lookaheadMs: 0,
      syncErrorMs: 0,
    })!;
    expect(far.suggestedOffsetMs).toBe(2000);
    expect(far.predictedLateRate).toBe(1);
    const early = adviseForwardOffset({
      leadsMs: leadsFor(Array(50).fill(1), 100, 50),
      offsetMs: 100,
      lookaheadMs: 50,
      syncErrorMs: 0,
    })!;
    expect(early.suggestedOffsetMs).toBe(0);
  });

  it('gives no advice from too few ticks', () => {
    const few = leadsFor(delays.slice(0, ADVISOR_MIN_TICKS - 1), 100);
    expect(
      adviseForwardOffset({ leadsMs: few, offsetMs: 100, lookaheadMs: 0, syncErrorMs: 0 }),
    ).toBeNull();
  });

  it('counts a delay equal to the budget as on time', () => {
    expect(lateRateFor([5, 10, 11], 10, 0)).toBeCloseTo(1 / 3, 9);
    expect(lateRateFor([], 10, 0)).toBe(0);
  });
});
