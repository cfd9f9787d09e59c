import { describe, expect, it } from 'vitest';
import {
  formatOffset,
  msFromPosition,
  nudgeOffset,
  OFFSET_MAX_MS,
  positionFromMs,
  SLIDER_STEPS,
  snapOffset,
} from './offset-scale';

describe('the forward-offset slider scale', () => {
  it('spans 0 to 2000 ms with 100 ms at half travel', () => {
    expect(msFromPosition(0)).toBe(0);
    expect(msFromPosition(SLIDER_STEPS / 2)).toBe(100);
    expect(msFromPosition(SLIDER_STEPS)).toBe(OFFSET_MAX_MS);
  });

  it('is fine near 0-100 ms and coarse near 2 s', () => {
    const stepAt = (ms: number): number => {
      const p = positionFromMs(ms);
      return msFromPosition(p + 1) - msFromPosition(p);
    };
    expect(stepAt(1)).toBeLessThanOrEqual(0.1);
    expect(stepAt(10)).toBeLessThanOrEqual(0.1);
    expect(stepAt(90)).toBeLessThanOrEqual(1);
    expect(stepAt(1900)).toBeGreaterThanOrEqual(5);
  });

  it('never goes backwards along the slider', () => {
    let previous = -1;
    for (let p = 0; p <= SLIDER_STEPS; p++) {
      const ms = msFromPosition(p);
      expect(ms).toBeGreaterThanOrEqual(previous);
      previous = ms;
    }
  });

  it('puts any offset at a position that reads back within one step of it', () => {
    for (const ms of [0, 0.5, 3, 12.5, 50, 100, 250, 480, 999, 1500, 2000]) {
      const p = positionFromMs(ms);
      const step = Math.max(msFromPosition(p + 1) - msFromPosition(p), 0.1);
      expect(Math.abs(msFromPosition(p) - ms)).toBeLessThanOrEqual(step);
    }
  });

  it('snaps to 0.1 ms below 100 ms, 1 ms below 1 s, 5 ms above, and clamps', () => {
    expect(snapOffset(12.345)).toBe(12.3);
    expect(snapOffset(123.4)).toBe(123);
    expect(snapOffset(1234)).toBe(1235);
    expect(snapOffset(-5)).toBe(0);
    expect(snapOffset(9999)).toBe(2000);
  });

  it('reads calmly', () => {
    expect(formatOffset(12.3)).toBe('12.3 ms');
    expect(formatOffset(250)).toBe('250 ms');
    expect(formatOffset(1250)).toBe('1.25 s');
  });

  it('moves by one snap step per arrow press, so the keyboard never sticks near 0', () => {
    expect(nudgeOffset(0, 1)).toBe(0.1);
    expect(nudgeOffset(0.1, -1)).toBe(0);
    expect(nudgeOffset(0, -1)).toBe(0);
    expect(nudgeOffset(99.9, 1)).toBe(100);
    expect(nudgeOffset(100, -1)).toBe(99.9);
    expect(nudgeOffset(100, 1)).toBe(101);
    expect(nudgeOffset(1000, -1)).toBe(999);
    expect(nudgeOffset(1000, 1)).toBe(1005);
    expect(nudgeOffset(2000, 1)).toBe(2000);
    expect(nudgeOffset(50, 10)).toBe(51);
    // Each press lands where the slider can show it: a different position or the same value.
    for (let ms = 0; ms < 100; ms = nudgeOffset(ms, 1)) {
      expect(nudgeOffset(ms, 1)).toBeGreaterThan(ms);
    }
  });
});
