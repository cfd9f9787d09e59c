import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ring-buffer';

describe('RingBuffer', () => {
  it('keeps only the most recent `capacity` values, oldest first', () => {
    const r = new RingBuffer(3);
    for (const v of [1, 2, 3, 4, 5]) r.push(v);
    expect(r.size).toBe(3);
    expect(r.totalPushed).toBe(5);
    expect([...r.toArray()]).toEqual([3, 4, 5]);
    expect(r.at(0)).toBe(3);
    expect(r.at(-1)).toBe(5);
    expect(r.at(3)).toBeUndefined();
  });

  it('never holds more than its capacity whatever is pushed (bounded memory)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.double()), (cap, values) => {
        const r = new RingBuffer(cap);
        for (const v of values) r.push(v);
        expect(r.size).toBe(Math.min(cap, values.length));
        expect([...r.toArray()]).toEqual(values.slice(-cap).length ? values.slice(-cap) : []);
      }),
    );
  });

  it('forgets everything on clear but keeps working', () => {
    const r = new RingBuffer(2);
    r.push(1);
    r.push(2);
    r.push(3);
    r.clear();
    expect(r.size).toBe(0);
    r.push(7);
    expect([...r.toArray()]).toEqual([7]);
  });

  it('refuses a capacity below one', () => {
    expect(() => new RingBuffer(0)).toThrow(/capacity/);
  });
});
