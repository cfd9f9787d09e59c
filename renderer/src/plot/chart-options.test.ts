import { describe, expect, it } from 'vitest';
import { leadRange } from './chart-options';

describe('the lead axis', () => {
  it('hugs the data when the lead is far from late, so jitter stays visible', () => {
    const [lo, hi] = leadRange(270, 300);
    expect(lo).toBeGreaterThan(255);
    expect(hi).toBeLessThan(310);
  });

  it('shows the late line (0) once the lead comes near it, and below it when late', () => {
    expect(leadRange(20, 40)[0]).toBeLessThan(0);
    expect(leadRange(-8, 30)[0]).toBeLessThan(-8);
  });

  it('has a sensible range before any tick', () => {
    expect(leadRange(null, null)).toEqual([0, 10]);
  });
});
