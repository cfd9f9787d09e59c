import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../stats/random';
import { createClockEstimator, type ClockEstimator } from './estimator';
import { sampleFromExchange } from './sample';
import {
  simulateExchange,
  trueOffsetMs,
  type PeerClockModel,
} from './simulated-exchange.test-util';

const START_MS = Date.UTC(2026, 11, 1, 12, 0, 0);
const peer = (offsetMs: number, driftPpm = 0): PeerClockModel => ({
  offsetMs,
  driftPpm,
  epochMs: START_MS,
});

/** Feeds `n` exchanges every `everyMs`, with legs drawn by `legs`; returns the last send time. */
function feed(
  e: ClockEstimator,
  p: PeerClockModel,
  n: number,
  legs: (i: number) => [number, number] | null,
  { fromMs = START_MS, everyMs = 250 } = {},
): number {
  let at = fromMs;
  for (let i = 0; i < n; i++) {
    at = fromMs + i * everyMs;
    const leg = legs(i);
    if (leg) e.add(sampleFromExchange(simulateExchange(p, at, leg[0], leg[1])));
  }
  return at;
}

/** A LAN-like leg: a floor plus an exponential tail (queueing), ms. */
const jittery = (r: Random, floorMs = 0.3, meanTailMs = 2) =>
  floorMs - meanTailMs * Math.log(1 - r.next());

describe('sampleFromExchange', () => {
  it('reads the offset exactly over a symmetric path and takes the processing time out of the rtt', () => {
    const s = sampleFromExchange(simulateExchange(peer(250), START_MS, 3, 3, 0.7));
    expect(s.offsetMs).toBeCloseTo(250, 6);
    expect(s.rttMs).toBeCloseTo(6, 6);
  });

  it('is off by half the asymmetry, which half the round trip always covers', () => {
    const s = sampleFromExchange(simulateExchange(peer(-40), START_MS, 9, 1));
    expect(s.offsetMs).toBeCloseTo(-40 + 4, 6);
    expect(s.rttMs).toBeCloseTo(10, 6);
    expect(Math.abs(s.offsetMs - -40)).toBeLessThanOrEqual(s.rttMs / 2);
  });
});

describe('createClockEstimator', () => {
  it('has no estimate before its first sample', () => {
    const e = createClockEstimator();
    expect(e.estimate(START_MS)).toBeNull();
    expect(e.offsetAt(START_MS)).toBeNull();
    expect(e.state).toBe('measuring');
  });

  it('keeps a constant asymmetry within its bound, and says it cannot do better', () => {
    const e = createClockEstimator();
    const p = peer(250);
    const last = feed(e, p, 40, () => [8, 2]);
    const est = e.estimate(last)!;
    expect(est.offsetMs - trueOffsetMs(p, last)).toBeCloseTo(3, 3); // (8 - 2) / 2, unknowable
    expect(est.errorBoundMs).toBeGreaterThanOrEqual(3);
    expect(est.errorBoundMs).toBeLessThan(5.1);
    expect(est.rttMs).toBeCloseTo(10, 3);
  });

  it('converges through jitter to well under a millisecond, the truth always inside the bound', () => {
    const r = createRandom(7);
    const e = createClockEstimator();
    const p = peer(-1234.5);
    for (let i = 0; i < 80; i++) {
      const at = feed(e, p, 1, () => [jittery(r), jittery(r)], { fromMs: START_MS + i * 250 });
      const est = e.estimate(at)!;
      expect(Math.abs(est.offsetMs - trueOffsetMs(p, at))).toBeLessThanOrEqual(est.errorBoundMs);
    }
    const est = e.estimate(START_MS + 79 * 250)!;
    expect(est.state).toBe('converged');
    expect(Math.abs(est.offsetMs - p.offsetMs)).toBeLessThan(0.3);
    expect(est.errorBoundMs).toBeLessThan(1.5);
    expect(est.bestRttMs).toBeLessThan(est.rttMs);
  });

  it('stays measuring while the round trips are too slow to promise the threshold', () => {
    const e = createClockEstimator({ convergedBoundMs: 5 });
    feed(e, peer(10), 30, () => [12, 12]);
    expect(e.state).toBe('measuring');
    expect(e.estimate(START_MS + 30 * 250)!.errorBoundMs).toBeGreaterThan(5);
  });

  it('waits for its minimum number of samples before it says converged', () => {
    const e = createClockEstimator({ minSamples: 8 });
    feed(e, peer(10), 7, () => [0.2, 0.2]);
    expect(e.state).toBe('measuring');
    feed(e, peer(10), 1, () => [0.2, 0.2], { fromMs: START_MS + 7 * 250 });
    expect(e.state).toBe('converged');
  });

  it('converges through heavy loss from the samples that did arrive', () => {
    const r = createRandom(3);
    const e = createClockEstimator();
    const p = peer(77);
    const last = feed(e, p, 80, () => (r.next() < 0.6 ? null : [jittery(r), jittery(r)]));
    const est = e.estimate(last)!;
    expect(est.samples).toBeLessThan(50);
    expect(est.state).toBe('converged');
    expect(Math.abs(est.offsetMs - trueOffsetMs(p, last))).toBeLessThanOrEqual(est.errorBoundMs);
  });

  it('recovers the drift within a few ppm over a minute of pings, and extrapolates within its bound', () => {
    const r = createRandom(11);
    const e = createClockEstimator();
    const p = peer(250, 50);
    const last = feed(e, p, 64, () => [jittery(r, 0.2, 0.5), jittery(r, 0.2, 0.5)], {
      everyMs: 1000,
    });
    const est = e.estimate(last)!;
    expect(est.driftPpm).toBeGreaterThan(45);
    expect(est.driftPpm).toBeLessThan(55);
    const later = last + 10_000; // no sample for 10 s: the bound must have grown to cover it
    const ahead = e.estimate(later)!;
    expect(ahead.errorBoundMs).toBeGreaterThan(est.errorBoundMs);
    expect(Math.abs(ahead.offsetMs - trueOffsetMs(p, later))).toBeLessThanOrEqual(
      ahead.errorBoundMs,
    );
  });

  it('does not estimate a drift from a short span, and bounds it by the largest drift believed', () => {
    const e = createClockEstimator({ minDriftSpanMs: 5000, maxDriftPpm: 500 });
    const last = feed(e, peer(0, 200), 12, () => [0.1, 0.1]); // 2.75 s
    const est = e.estimate(last)!;
    expect(est.driftPpm).toBe(0);
    const later = e.estimate(last + 1000)!;
    expect(later.errorBoundMs - est.errorBoundMs).toBeCloseTo(0.5, 2); // 500 ppm x 1 s
  });

  it('ignores one wild sample without starting over', () => {
    const e = createClockEstimator();
    const p = peer(5);
    feed(e, p, 20, () => [0.3, 0.3]);
    const verdict = e.add(
      sampleFromExchange(simulateExchange(peer(60), START_MS + 5000, 0.3, 0.3)),
    );
    expect(verdict).toBe('suspect');
    feed(e, p, 5, () => [0.3, 0.3], { fromMs: START_MS + 5250 });
    const est = e.estimate(START_MS + 6250)!;
    expect(est.steps).toBe(0);
    expect(est.offsetMs).toBeCloseTo(5, 1);
  });

  it('follows a step of the peer clock after three agreeing samples, and bounds the new offset', () => {
    const e = createClockEstimator();
    feed(e, peer(5), 30, () => [0.4, 0.4]);
    expect(e.state).toBe('converged');
    const stepped = peer(5 + 40);
    const from = START_MS + 30 * 250;
    const verdicts = [0, 1, 2].map((i) =>
      e.add(sampleFromExchange(simulateExchange(stepped, from + i * 250, 0.4, 0.4))),
    );
    expect(verdicts).toEqual(['suspect', 'suspect', 'step']);
    const est = e.estimate(from + 500)!;
    expect(est.steps).toBe(1);
    expect(est.samples).toBe(3);
    expect(est.state).toBe('measuring');
    expect(Math.abs(est.offsetMs - 45)).toBeLessThanOrEqual(est.errorBoundMs);
    feed(e, stepped, 10, () => [0.4, 0.4], { fromMs: from + 750 });
    expect(e.state).toBe('converged');
  });

  it('follows a step of the local clock the same way (the offset jumps the other way)', () => {
    const e = createClockEstimator();
    feed(e, peer(0), 30, () => [0.4, 0.4]);
    // Our clock jumped 100 ms ahead: every later sample reads the peer 100 ms behind.
    const last = feed(e, peer(-100), 6, () => [0.4, 0.4], { fromMs: START_MS + 30_000 });
    const est = e.estimate(last)!;
    expect(est.steps).toBe(1);
    expect(est.offsetMs).toBeCloseTo(-100, 2);
  });

  it('gives the same offset on its hot path as in its estimate', () => {
    const e = createClockEstimator();
    const last = feed(e, peer(12, 30), 40, (i) => [0.3 + (i % 3) * 0.1, 0.3], { everyMs: 500 });
    expect(e.offsetAt(last + 123)).toBeCloseTo(e.estimate(last + 123)!.offsetMs, 9);
  });

  it('keeps at most its capacity of samples, the newest', () => {
    const e = createClockEstimator({ capacity: 16 });
    feed(e, peer(1), 40, () => [0.3, 0.3]);
    expect(e.size).toBe(16);
    e.reset();
    expect(e.size).toBe(0);
    expect(e.estimate(START_MS)).toBeNull();
  });

  it('rejects a sample that is not a number', () => {
    const e = createClockEstimator();
    expect(e.add({ localMs: START_MS, offsetMs: Number.NaN, rttMs: 1 })).toBe('rejected');
    expect(e.size).toBe(0);
  });

  it.each([1, 2, 3, 4, 5, 6])(
    'never claims a bound the truth falls outside (random path and clocks, seed %i)',
    (seed) => {
      const r = createRandom(seed);
      const p = peer((r.next() - 0.5) * 4000, (r.next() - 0.5) * 200);
      const asym = r.next() * 5;
      const e = createClockEstimator();
      for (let i = 0; i < 120; i++) {
        const at = START_MS + i * 500;
        e.add(sampleFromExchange(simulateExchange(p, at, asym + jittery(r), jittery(r))));
        const est = e.estimate(at)!;
        expect(Math.abs(est.offsetMs - trueOffsetMs(p, at))).toBeLessThanOrEqual(
          est.errorBoundMs + 1e-6,
        );
      }
    },
  );
});
