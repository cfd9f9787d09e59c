import { describe, expect, it } from 'vitest';
import { ntpAddMs, ntpFromUnixMs } from '../osc/timetag';
import { createIntervalTracker } from './interval-error';

const none = { timetag: null, sentMs: null };

describe('interval error', () => {
  it('takes the nominal interval from the timetags when both events have one', () => {
    const t = createIntervalTracker();
    const t0 = ntpFromUnixMs(1_000_000);
    expect(t.next(10, { timetag: t0, sentMs: 0 })).toBeNull();
    const e = t.next(510.3, { timetag: ntpAddMs(t0, 500), sentMs: 900 });
    expect(e).toMatchObject({ nominalFrom: 'timetag' });
    expect(e!.nominalMs).toBeCloseTo(500, 9);
    expect(e!.errorMs).toBeCloseTo(0.3, 9);
  });

  it('falls back to the send times when there are no timetags', () => {
    const t = createIntervalTracker();
    t.next(100, { timetag: null, sentMs: 0 });
    const e = t.next(612, { timetag: null, sentMs: 500 });
    expect(e).toEqual({ intervalMs: 512, nominalMs: 500, errorMs: 12, nominalFrom: 'sent' });
  });

  it('falls back to the median recent interval for plain ticks', () => {
    const t = createIntervalTracker(5);
    const arrivals = [0, 500, 1000, 1530, 2000, 2500];
    const errors = arrivals.map((a) => t.next(a, none)?.errorMs ?? null);
    // intervals 500, 500, 530, 470, 500: medians 500 throughout
    expect(errors).toEqual([null, 0, 0, 30, -30, 0]);
  });

  it('starts over after reset', () => {
    const t = createIntervalTracker();
    t.next(0, none);
    t.reset();
    expect(t.next(100, none)).toBeNull();
  });
});
