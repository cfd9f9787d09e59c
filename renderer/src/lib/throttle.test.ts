import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createThrottle } from './throttle';

describe('createThrottle', () => {
  it('runs the first call at once and the newest of a burst once per interval', () => {
    const timers = new FakeClock({ startMs: 0 });
    const seen: number[] = [];
    const send = createThrottle((v: number) => seen.push(v), 50, timers);
    send(1);
    send(2);
    send(3);
    expect(seen).toEqual([1]);
    timers.advance(50);
    expect(seen).toEqual([1, 3]);
    timers.advance(500);
    expect(seen).toEqual([1, 3]);
  });

  it('never exceeds one call per interval while called on every frame for a second', () => {
    const timers = new FakeClock({ startMs: 0 });
    const at: number[] = [];
    const send = createThrottle(() => at.push(timers.now()), 50, timers);
    for (let t = 0; t < 1000; t += 16) {
      send();
      timers.advance(16);
    }
    timers.advance(100);
    expect(at.length).toBeLessThanOrEqual(21); // <= 20/s, plus the trailing call
    for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(50);
  });

  it('flush sends a waiting value now; cancel drops it', () => {
    const timers = new FakeClock({ startMs: 0 });
    const seen: number[] = [];
    const send = createThrottle((v: number) => seen.push(v), 50, timers);
    send(1);
    send(2);
    expect(send.isPending).toBe(true);
    send.flush();
    expect(seen).toEqual([1, 2]);
    send(3);
    send.cancel();
    timers.advance(100);
    expect(seen).toEqual([1, 2]);
    expect(send.isPending).toBe(false);
  });
});
