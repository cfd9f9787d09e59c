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
});
