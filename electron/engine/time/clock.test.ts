import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../shared/stats/random';
import { createSystemClock } from './clock';

const START_MS = Date.UTC(2026, 11, 1, 12, 0, 0);

interface Read {
  mono: number;
  out: number;
  wall: number;
}

/**
 * Virtual time sources: a monotonic counter that moves 0.3 us with every reading (as real
 * readings take time) and by hand in between, and a wall clock that is a function of it
 * (`wallAt`), read in whole ms as `Date.now()` is. `run` reads the clock at random instants
 * (seeded) and probes it once a second, as the real clock's timer does.
 */
function rig(wallAt: (monoMs: number) => number, onStep?: (ms: number) => void) {
  let mono = 1000;
  let wall = wallAt;
  /** Makes the next probe's wall readings this much late (a tick that cannot be right). */
  let wrongMs = 0;
  const clock = createSystemClock({
    monoNow: () => (mono += 0.0003),
    wallNow: () => Math.floor(wall(mono - wrongMs)),
    originMs: wallAt(0),
    onStep,
  });
  const random = createRandom(7);
  let nextProbe = mono + 1000;
  const run = (durationMs: number, readsPerSecond = 20): Read[] => {
    const reads: Read[] = [];
    const end = mono + durationMs;
    while (mono < end) {
      mono += (-Math.log(1 - random.next()) * 1000) / readsPerSecond;
      if (mono >= nextProbe) {
        clock.probe();
        wrongMs = 0;
        nextProbe += 1000;
      }
      reads.push({ mono, out: clock.nowMs(), wall: wall(mono) });
    }
    return reads;
  };
  return {
    clock,
    run,
    setWall: (f: (monoMs: number) => number) => void (wall = f),
    wrongNextProbe: (ms: number) => void (wrongMs = ms),
  };
}

/** The output's rate over `reads` relative to the monotonic counter, minus 1, in ppm. */
function ratePpm(reads: readonly Read[]): number {
  const a = reads[0]!;
  const b = reads.at(-1)!;
  return ((b.out - a.out) / (b.mono - a.mono) - 1) * 1e6;
}

const maxError = (reads: readonly Read[]) =>
  Math.max(...reads.map((r) => Math.abs(r.out - r.wall)));

describe('createSystemClock (virtual time sources)', () => {
  it('is the wall clock to microseconds when the wall clock keeps the monotonic rate', () => {
    const { run } = rig((mono) => START_MS + 0.3172 + mono);
    run(5000);
    expect(maxError(run(20_000))).toBeLessThan(0.005);
  });

  it('follows a wall clock that gains 50 ppm on the monotonic clock: no 20 ms step later', () => {
    const steps: number[] = [];
    const { run } = rig(
      (mono) => START_MS + 250.61 + mono * 1.00005,
      (ms) => steps.push(ms),
    );
    run(10_000);
    const reads = run(600_000); // 30 ms gained: the wall clock's phase alone would have stepped
    expect(steps).toEqual([]);
    expect(maxError(reads)).toBeLessThan(0.01);
    expect(ratePpm(reads)).toBeCloseTo(50, 1);
    expect(ratePpm(reads.slice(-200))).toBeCloseTo(50, 0); // the last ~10 s alone
  });

  it('learns the rate within seconds of starting', () => {
    const { run } = rig((mono) => START_MS + 0.5 + mono * 0.99997);
    run(5000);
    const reads = run(10_000);
    expect(maxError(reads)).toBeLessThan(0.02);
    expect(ratePpm(reads)).toBeCloseTo(-30, 0);
  });

  it('learns nothing from one tick that disagrees with the others', () => {
    const { run, wrongNextProbe } = rig((mono) => START_MS + 0.25 + mono);
    run(10_000);
    wrongNextProbe(0.6); // the tick seen 0.6 ms late: taken as it is, a 0.6 ms error
    expect(maxError(run(10_000))).toBeLessThan(0.005);
  });

  it('never goes backwards, whatever the wall clock does below the step threshold', () => {
    const { run } = rig((mono) => START_MS + mono * 0.9998 + Math.sin(mono / 20_000) * 2);
    const reads = run(120_000, 200);
    for (let i = 1; i < reads.length; i++) {
      expect(reads[i]!.out).toBeGreaterThanOrEqual(reads[i - 1]!.out);
    }
    expect(maxError(reads.slice(-4000))).toBeLessThan(0.1);
  });

  it('slews a small jump of the wall clock away smoothly instead of stepping', () => {
    const steps: number[] = [];
    const { run, setWall } = rig(
      (mono) => START_MS + mono,
      (ms) => steps.push(ms),
    );
    run(10_000);
    setWall((mono) => START_MS + mono + 8);
    const slewing = run(40_000);
    expect(steps).toEqual([]);
    // Over every ~0.5 s (closer readings differ by little more than a double's resolution).
    for (let i = 10; i < slewing.length; i += 10) {
      expect(ratePpm(slewing.slice(i - 10, i + 1))).toBeLessThanOrEqual(1002); // never a jump
    }
    expect(maxError(slewing.slice(-100))).toBeLessThan(0.01);
  });

  it('steps at once when the wall clock jumps by more than 20 ms, and reports the step', () => {
    const steps: number[] = [];
    const { run, setWall, clock } = rig(
      (mono) => START_MS + mono,
      (ms) => steps.push(ms),
    );
    run(5000);
    setWall((mono) => START_MS + mono - 3_600_000);
    const after = clock.nowMs();
    expect(steps).toHaveLength(1);
    expect(steps[0]).toBeCloseTo(-3_600_000, -1);
    expect(after).toBeLessThan(START_MS);
    expect(maxError(run(5000))).toBeLessThan(0.51); // then the half ms it could not know...
    expect(maxError(run(5000))).toBeLessThan(0.01); // ...is slewed away
  });
});
