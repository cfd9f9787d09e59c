import { describe, expect, it } from 'vitest';
import { createClockMapper, fitClock, toContextSec, toHostMs, type ClockPair } from './clock-map';

/** Pairs of a context clock that started at `offsetSec` and runs `ppm` fast, every `stepMs`. */
function line(n: number, { offsetSec = 12.5, ppm = 0, stepMs = 21.33, fromMs = 5000 } = {}) {
  return Array.from({ length: n }, (_, i): ClockPair => {
    const hostMs = fromMs + i * stepMs;
    return { hostMs, contextSec: offsetSec + ((1 + ppm * 1e-6) * hostMs) / 1000 };
  });
}
const offMs = (fitted: number | null, exact: number) => Math.abs(fitted! - exact) * 1000;

// The fit itself (outliers, scatter, degenerate input) is tested in shared/time/robust-fit.test.ts.
describe('fitClock', () => {
  it('recovers an exact line, rate included, and maps both ways', () => {
    const fit = fitClock(line(100, { ppm: 80 }))!;
    expect(fit.rate).toBeCloseTo(1.00008, 9);
    expect(fit.residualSdMs).toBeLessThan(1e-6);
    expect(toContextSec(fit, 20_000)).toBeCloseTo(12.5 + 20 * 1.00008, 9);
    expect(toHostMs(fit, toContextSec(fit, 7777.25))).toBeCloseTo(7777.25, 6);
  });

  it('keeps full precision at realistic magnitudes (hours of page time)', () => {
    const fit = fitClock(line(50, { fromMs: 3.6e7, offsetSec: -36_000 }))!;
    expect(offMs(toContextSec(fit, 3.6e7 + 500), 0.5)).toBeLessThan(1e-6);
  });

  it('uses a given rate, estimates none from a short span, and clamps an absurd one', () => {
    expect(fitClock(line(100, { ppm: 80 }), { rate: 1 })!.rate).toBe(1);
    expect(fitClock(line(10, { ppm: 500, stepMs: 50 }))!.rate).toBe(1);
    expect(fitClock(line(100, { ppm: 5000 }), { maxRatePpm: 200 })!.rate).toBeCloseTo(1.0002, 9);
  });

  it('is null without pairs and exact with one', () => {
    expect(fitClock([])).toBeNull();
    expect(toContextSec(fitClock([{ hostMs: 1000, contextSec: 2 }])!, 1500)).toBe(2.5);
  });
});

describe('createClockMapper', () => {
  it('fits the offset over its window only, and holds at most its capacity', () => {
    const mapper = createClockMapper({ windowMs: 1000, capacity: 30 });
    for (const p of line(100, { stepMs: 20 })) mapper.add(p);
    expect(mapper.fit!.pairs).toBe(30);
    const wide = createClockMapper({ windowMs: 1000, capacity: 500 });
    for (const p of line(100, { stepMs: 20 })) wide.add(p);
    expect(wide.fit!.pairs).toBe(51);
  });

  it('ignores a repeated pair (no new audio callback since the last poll)', () => {
    const mapper = createClockMapper();
    const [a] = line(1);
    mapper.add(a!);
    mapper.add({ ...a! });
    expect(mapper.fit!.pairs).toBe(1);
  });

  it('is settled once the recent pairs scatter little, not while they wander', () => {
    const mapper = createClockMapper({ settleWindowMs: 3000, settleSdMs: 0.5 });
    // The first seconds: the estimate wanders by +-4 ms (audio server converging).
    for (const p of line(200, { stepMs: 20 })) {
      const wander = 0.004 * Math.sin((p.hostMs - 5000) / 400);
      mapper.add({ ...p, contextSec: p.contextSec + wander });
      if (p.hostMs > 8000) expect(mapper.isSettled).toBe(false);
    }
    line(150, { stepMs: 20, fromMs: 9000 }).forEach((p) => mapper.add(p));
    expect(mapper.isSettled).toBe(true);
  });

  it('learns a sound card drift from settled pairs over a long span, following it slowly', () => {
    const mapper = createClockMapper({ minRateSpanMs: 20_000, maxRateSlewPpmPerSec: 1 });
    const pairs = line(2400, { ppm: 60, stepMs: 50 }); // 120 s
    pairs.slice(0, 200).forEach((p) => mapper.add(p));
    expect(mapper.fit!.rate).toBe(1); // 10 s: not yet
    pairs.slice(200, 600).forEach((p) => mapper.add(p));
    const ppmAt30s = (mapper.fit!.rate - 1) * 1e6;
    expect(ppmAt30s).toBeGreaterThan(0);
    expect(ppmAt30s).toBeLessThanOrEqual(10); // 1 ppm/s since the 20 s span was reached
    pairs.slice(600).forEach((p) => mapper.add(p));
    expect((mapper.fit!.rate - 1) * 1e6).toBeCloseTo(60, 3);
    expect(offMs(mapper.toContextSec(125_000), 12.5 + 125 * 1.00006)).toBeLessThan(1e-6);
  });

  it('with the rate still unknown, a drifting card costs a constant lag, not jitter', () => {
    const mapper = createClockMapper({ windowMs: 8000 });
    const pairs = line(500, { ppm: 100, stepMs: 20 }); // 10 s
    pairs.forEach((p) => mapper.add(p));
    const a = mapper.toContextSec(15_000)!;
    const b = mapper.toContextSec(15_500)!;
    expect(Math.abs((b - a) * 1000 - 500)).toBeLessThan(1e-6);
    expect(offMs(a, 12.5 + 15 * 1.0001)).toBeLessThan(1); // 100 ppm x (4 s lag + 1 s ahead)
    expect(mapper.add(pairs[pairs.length - 1]!)).toBe(false);
  });

  it('follows a real step once three pairs in a row confirm it, but not a single outlier', () => {
    const mapper = createClockMapper({ stepMs: 5, stepConfirmations: 3 });
    line(50).forEach((p) => mapper.add(p));
    const jumped = line(10, { fromMs: 7000, offsetSec: 12.5 - 0.04 });
    mapper.add(jumped[0]!);
    expect(offMs(mapper.toContextSec(7000), 12.5 + 7)).toBeLessThan(1e-6);
    mapper.add(jumped[1]!);
    mapper.add(jumped[2]!);
    expect(mapper.steps).toBe(1);
    expect(offMs(mapper.toContextSec(7100), 12.46 + 7.1)).toBeLessThan(1e-6);
    mapper.add({ hostMs: 7200, contextSec: 12.46 + 7.2 + 0.05 });
    mapper.add(jumped[9]!);
    expect(mapper.steps).toBe(1);
    expect(offMs(mapper.toContextSec(7300), 12.46 + 7.3)).toBeLessThan(1e-6);
  });

  it('is null until the first pair and after reset', () => {
    const mapper = createClockMapper();
    expect(mapper.toContextSec(1)).toBeNull();
    mapper.add({ hostMs: 1, contextSec: 1 });
    mapper.reset();
    expect(mapper.fit).toBeNull();
    expect(mapper.isSettled).toBe(false);
  });
});
