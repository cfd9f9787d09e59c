import { describe, expect, it } from 'vitest';
import { createWakeMargin } from './wake-margin';

describe('adaptive wake margin', () => {
  it('starts at its minimum and stays there while sleeps wake on time', () => {
    const m = createWakeMargin({ minMs: 0.2 });
    expect(m.currentMs).toBe(0.2);
    for (let i = 0; i < 100; i++) m.record(0.01);
    expect(m.currentMs).toBe(0.2);
  });

  it('grows to cover the worst recent overshoot plus a guard, up to its maximum', () => {
    const m = createWakeMargin({ minMs: 0.2, maxMs: 1.5, guardMs: 0.05 });
    m.record(0.6);
    expect(m.currentMs).toBeCloseTo(0.65, 12);
    m.record(4);
    expect(m.currentMs).toBe(1.5);
  });

  it('forgets an overshoot once it has left the window', () => {
    const m = createWakeMargin({ minMs: 0.2, window: 8 });
    m.record(0.9);
    for (let i = 0; i < 7; i++) m.record(0);
    expect(m.currentMs).toBeGreaterThan(0.9);
    m.record(0);
    expect(m.currentMs).toBe(0.2);
  });

  it('ignores early wake-ups', () => {
    const m = createWakeMargin({ minMs: 0.2 });
    m.record(-3);
    expect(m.currentMs).toBe(0.2);
  });

  it('at a quantile, forgets a rare long one after 8 records, and follows a slower regime at once', () => {
    const m = createWakeMargin({ minMs: 0.1, maxMs: 2, guardMs: 0.05, quantile: 0.9 });
    for (let i = 0; i < 64; i++) m.record(0.2);
    m.record(5);
    expect(m.currentMs).toBe(2); // just seen: followed
    for (let i = 0; i < 8; i++) m.record(0.2);
    expect(m.currentMs).toBeCloseTo(0.25, 12); // 1 in 64: left out
    for (let i = 0; i < 64; i++) m.record(i % 4 === 0 ? 1 : 0.2); // a quarter long: followed
    m.record(0.2); // ...even when the last few were short
    for (let i = 0; i < 8; i++) m.record(0.2);
    expect(m.currentMs).toBeCloseTo(1.05, 12);
  });
});
