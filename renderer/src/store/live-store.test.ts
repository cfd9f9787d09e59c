import { describe, expect, it } from 'vitest';
import { message, sample } from '../testing/fixtures';
import { createLiveStore } from './live-store';
import { createRing } from './ring';
import { createSampleRing, MAX_PLOT_STREAMS } from './sample-ring';

describe('the ring buffers behind the live plot and the log', () => {
  it('a ring keeps only the newest items, newest first, and counts all of them', () => {
    const ring = createRing<number>(3);
    for (let i = 1; i <= 5; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect(ring.total).toBe(5);
    expect(ring.newest(10)).toEqual([5, 4, 3]);
    expect(ring.newest(2, (n) => n % 2 === 1)).toEqual([5, 3]);
    ring.clear();
    expect(ring.newest(10)).toEqual([]);
  });

  it('the sample ring stays at its capacity however many samples arrive', () => {
    const ring = createSampleRing(64);
    for (let i = 0; i < 10_000; i++) ring.push(sample({ atMs: i, leadMs: i % 7 === 0 ? null : i }));
    expect(ring.size).toBe(64);
    expect(ring.total).toBe(10_000);
    expect(ring.atMs.length).toBe(64);
    // Oldest first: the last 64 in order.
    expect(ring.atMs[ring.indexOf(0)]).toBe(10_000 - 64);
    expect(ring.atMs[ring.indexOf(63)]).toBe(9999);
    expect(Number.isNaN(ring.leadMs[ring.indexOf(63 - (9999 % 7))]!)).toBe(true);
  });

  it('tells a bounded number of streams apart', () => {
    const ring = createSampleRing(8);
    for (let i = 0; i < MAX_PLOT_STREAMS + 5; i++) ring.push(sample({ key: `s${i}` }));
    expect(ring.streams.length).toBe(MAX_PLOT_STREAMS);
    expect(Math.max(...ring.stream)).toBe(MAX_PLOT_STREAMS - 1);
  });

  it('the live store bumps versions for subscribers and never grows past its rings', () => {
    const live = createLiveStore({ sampleCapacity: 100, messageCapacity: 50 });
    const versions: number[] = [];
    live.subscribe((s) => versions.push(s.sampleVersion));
    for (let f = 0; f < 40; f++) {
      live.getState().pushSamples(
        Array.from({ length: 10 }, (_, i) => sample({ atMs: f * 10 + i })),
        0,
      );
      live.getState().pushMessages([message(), message()], 1);
    }
    const s = live.getState();
    expect(s.samples.size).toBe(100);
    expect(s.messages.size).toBe(50);
    expect(s.messages.total).toBe(80);
    expect(s.dropped.messages).toBe(40);
    expect(versions.at(-1)).toBe(40);
    s.clearSamples();
    expect(live.getState().samples.size).toBe(0);
  });

  it('keeps upcoming beats to flash, but not ones the late policy dropped', () => {
    const live = createLiveStore();
    const tick = {
      playNtp: '0',
      arrivalMs: 0,
      leadMs: 5,
      classification: 'future',
      isLate: false,
      accent: false,
      beat: null,
      source: 'x',
      address: '/tick',
      mode: 'forward',
    } as const;
    live.getState().pushTicks([
      { ...tick, playMs: 10, isDropped: false },
      { ...tick, playMs: 20, isDropped: true },
    ]);
    expect(
      live
        .getState()
        .upcoming.newest(10)
        .map((b) => b.playMs),
    ).toEqual([10]);
  });
});
