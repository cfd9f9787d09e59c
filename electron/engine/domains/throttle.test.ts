import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createThrottle } from './throttle';

function setup(minIntervalMs = 250) {
  const clock = new FakeClock();
  const runs: number[] = [];
  const throttle = createThrottle({
    timers: clock,
    nowMs: () => clock.nowMs(),
    minIntervalMs,
    run: () => runs.push(clock.nowMs() - t0),
  });
  const t0 = clock.nowMs();
  return { clock, runs, throttle };
}

describe('throttle (virtual time)', () => {
  it('runs at most once per interval however often it is asked, and never drops the last ask', () => {
    const { clock, runs, throttle } = setup(250);
    for (let i = 0; i < 1000; i++) {
      throttle.request(); // 1000 asks per second for one second
      clock.advance(1);
    }
    clock.advance(1000);
    expect(runs[0]).toBe(0); // the first ask after a quiet spell runs at once
    for (let i = 1; i < runs.length; i++) expect(runs[i]! - runs[i - 1]!).toBe(250);
    expect(runs).toEqual([0, 250, 500, 750, 1000]); // the asks after 750 ms still got a run
  });

  it('runs a lone ask after a quiet spell at once, and nothing after dispose', () => {
    const { clock, runs, throttle } = setup(250);
    throttle.request();
    clock.advance(0);
    clock.advance(5000);
    throttle.request();
    clock.advance(0);
    expect(runs).toEqual([0, 5000]);
    throttle.request();
    throttle.dispose();
    clock.advance(1000);
    expect(runs).toEqual([0, 5000]);
    expect(clock.pendingTimers).toBe(0);
  });
});
