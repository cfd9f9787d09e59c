import { describe, expect, it } from 'vitest';
import { Timeline } from './timeline';

const drain = (t: Timeline<string>): string[] => {
  const out: string[] = [];
  for (let e = t.shift(); e; e = t.shift()) out.push(e.value);
  return out;
};

describe('Timeline', () => {
  it('releases events in time order whatever the insertion order', () => {
    const t = new Timeline<string>();
    for (const [time, v] of [
      [30, 'c'],
      [10, 'a'],
      [50, 'e'],
      [20, 'b'],
      [40, 'd'],
    ] as const)
      t.add(time, v);
    expect(drain(t)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps insertion order among events due at the same time', () => {
    const t = new Timeline<string>();
    ['x1', 'x2', 'x3', 'x4'].forEach((v) => t.add(5, v));
    t.add(1, 'first');
    expect(drain(t)).toEqual(['first', 'x1', 'x2', 'x3', 'x4']);
  });

  it('cancels an event anywhere in the heap and keeps the rest ordered', () => {
    const t = new Timeline<string>();
    const ids = [5, 3, 8, 1, 9, 2].map((time) => t.add(time, `t${time}`)!.id);
    expect(t.cancel(ids[2]!)).toBe(true);
    expect(t.cancel(ids[2]!)).toBe(false);
    expect(drain(t)).toEqual(['t1', 't2', 't3', 't5', 't9']);
  });

  it('reschedules an event to a new time', () => {
    const t = new Timeline<string>();
    const a = t.add(1, 'a')!;
    t.add(2, 'b');
    t.add(3, 'c');
    expect(t.reschedule(a.id, 2.5)).toBe(true);
    expect(drain(t)).toEqual(['b', 'a', 'c']);
    expect(t.reschedule(a.id, 0)).toBe(false);
  });

  it('refuses events beyond its capacity instead of growing', () => {
    const t = new Timeline<string>(3);
    expect(t.add(1, 'a')).not.toBeNull();
    expect(t.add(2, 'b')).not.toBeNull();
    expect(t.add(3, 'c')).not.toBeNull();
    expect(t.add(4, 'd')).toBeNull();
    expect(t.size).toBe(3);
  });

  it('stays ordered under many random adds and cancels', () => {
    const t = new Timeline<number>();
    let seed = 42;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const live = new Map<number, number>();
    for (let i = 0; i < 2000; i++) {
      const time = Math.floor(rand() * 500);
      live.set(t.add(time, time)!.id, time);
      if (rand() < 0.3) {
        const ids = [...live.keys()];
        const victim = ids[Math.floor(rand() * ids.length)]!;
        t.cancel(victim);
        live.delete(victim);
      }
    }
    const out: number[] = [];
    for (let e = t.shift(); e; e = t.shift()) out.push(e.value);
    expect(out).toEqual([...live.values()].sort((a, b) => a - b));
  });
});
