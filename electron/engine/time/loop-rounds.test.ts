import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createLoopRounds } from './loop-rounds';

describe('sharing the thread with the event loop before a precise target', () => {
  it('while the loop is idle, sleeps a slice before each round, and keeps the last slice for the precise wait', () => {
    const clock = new FakeClock();
    const rounds = createLoopRounds({ clock, timers: clock, sliceMs: 0.5 });
    const before = clock.nowMs();
    expect(rounds.shouldGive(2, false)).toBe(true);
    expect(clock.nowMs() - before).toBeCloseTo(0.5, 6); // slept a slice
    expect(rounds.shouldGive(0.55, false)).toBe(false); // a slice and a round no longer fit
    expect(rounds.isBusy).toBe(false);
  });

  it('while the loop is busy, gives every round that fits without sleeping, down to a round’s length', () => {
    const clock = new FakeClock();
    const rounds = createLoopRounds({ clock, timers: clock });
    rounds.record(0.04); // a round that read datagrams
    expect(rounds.isBusy).toBe(true);
    const before = clock.nowMs();
    expect(rounds.shouldGive(0.3, false)).toBe(true);
    expect(clock.nowMs()).toBe(before); // no sleep
    expect(rounds.shouldGive(0.09, false)).toBe(false); // within a round (0.1 ms at least)
  });

  it('spins through a longer stretch when rounds have been taking longer', () => {
    const clock = new FakeClock();
    const rounds = createLoopRounds({ clock, timers: clock });
    for (let i = 0; i < 200; i++) rounds.record(0.8);
    expect(rounds.shouldGive(0.8, false)).toBe(false);
    expect(rounds.shouldGive(0.9, false)).toBe(true);
  });

  it('gives a round after a long run of dispatches, whatever remains', () => {
    const clock = new FakeClock();
    const rounds = createLoopRounds({ clock, timers: clock });
    expect(rounds.shouldGive(0, true)).toBe(true);
  });
});
