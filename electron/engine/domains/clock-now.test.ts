/**
 * clock:now, the engine's side of the page's clock sync: it answers the engine's clock (with its
 * teaching skew, the clock its timetags are in) through the contract, validated like any command.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createEngine, type Engine } from '../engine';
import { createSkewedClock } from '../time/skewed-clock';

const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.dispose();
});

function engineOn(clock: FakeClock, offsetMs = 0): Engine {
  const skew = { offsetMs, driftPpm: 0 };
  const e = createEngine({
    clock: offsetMs === 0 ? clock : createSkewedClock(clock, skew),
    timers: clock,
    sink: { state: () => undefined, stream: () => undefined },
    clockSkew: skew,
  });
  engines.push(e);
  return e;
}

describe('clock:now', () => {
  it('answers the engine clock’s reading, in Unix ms with its fraction', async () => {
    const clock = new FakeClock({ startMs: Date.UTC(2026, 0, 1) + 0.375 });
    const result = await engineOn(clock).invoke('clock:now', {});
    expect(result).toEqual({ ok: true, value: { engineMs: Date.UTC(2026, 0, 1) + 0.375 } });
  });

  it('answers in the skewed clock when this instance is deliberately off', async () => {
    const clock = new FakeClock();
    const result = await engineOn(clock, 250).invoke('clock:now', {});
    expect(result.ok && result.value.engineMs - clock.nowMs()).toBeCloseTo(250, 6);
  });

  it('refuses a request with fields it does not take', async () => {
    const result = await engineOn(new FakeClock()).invoke('clock:now', { t1: 5 });
    expect(result.ok).toBe(false);
  });
});
