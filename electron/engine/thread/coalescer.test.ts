import { describe, expect, it } from 'vitest';
import type { ContractEvent, StreamItem } from '../../../shared/ipc';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createCoalescer } from './coalescer';

const frameMs = 1000 / 60;

function setup(streams = { 'stream:log': { maxPerFrame: 3, isTimed: false } }) {
  const clock = new FakeClock();
  const frames: Array<{ atMs: number; event: ContractEvent }> = [];
  const c = createCoalescer({
    streams,
    frameMs,
    nowMs: () => clock.nowMs(),
    setTimer: (cb, ms) => clock.setTimer(cb, ms),
    clearTimer: (h) => clock.clearTimer(h),
    emit: (event) => frames.push({ atMs: clock.nowMs(), event }),
  });
  return { clock, frames, c };
}

const line = (text: string): StreamItem<'stream:log'> => ({
  atMs: 0,
  level: 'info',
  tag: 't',
  text,
});

describe('stream coalescer', () => {
  it('emits at most one frame per display frame however fast items arrive', () => {
    const { clock, frames, c } = setup({ 'stream:log': { maxPerFrame: 1000, isTimed: false } });
    for (let i = 0; i < 600; i++) {
      c.stream('stream:log', () => line(`${i}`));
      clock.advance(1); // 1000 items/s for 0.6 s
    }
    clock.advance(100);
    const times = frames.map((f) => f.atMs);
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(frameMs - 1e-9);
    expect(frames.length).toBeLessThanOrEqual(Math.ceil(600 / frameMs) + 1);
    const items = frames.flatMap((f) => (f.event.payload as { items: unknown[] }).items);
    expect(items).toHaveLength(600); // batched, nothing lost below the cap
  });

  it('keeps only the newest state, read when the frame goes out', () => {
    const { clock, frames, c } = setup();
    let value = 1;
    const read = () => ({ value }) as never;
    c.state('engine:changed', read);
    value = 2;
    c.state('engine:changed', read);
    value = 3;
    clock.advance(frameMs);
    expect(frames.map((f) => f.event)).toEqual([
      { channel: 'engine:changed', payload: { value: 3 } },
    ]);
  });

  it('caps a frame at maxPerFrame, counts the rest as dropped and never builds them', () => {
    const { clock, frames, c } = setup();
    let built = 0;
    for (let i = 0; i < 10; i++) c.stream('stream:log', () => (built++, line(`${i}`)));
    clock.advance(frameMs);
    expect(built).toBe(3);
    expect(frames[0]!.event.payload).toEqual({
      items: [line('0'), line('1'), line('2')],
      dropped: 7,
    });
  });

  it('flushes a timed item at once when its play time is near, and waits when it is far', () => {
    const streams = {
      'stream:log': { maxPerFrame: 100, isTimed: false },
      'stream:ticks': { maxPerFrame: 100, isTimed: true },
    };
    const { clock, frames, c } = setup(streams as never);
    const tick = (playMs: number) => ({ playNtp: '', playMs }) as never;
    c.stream('stream:log', () => line('x')); // arms a normal frame first
    clock.advance(0);
    expect(frames).toHaveLength(1); // the first frame of a quiet coalescer goes out at once
    c.stream('stream:ticks' as never, () => tick(clock.nowMs() + 500));
    clock.advance(1);
    expect(frames).toHaveLength(1); // far ahead: waits for the next frame
    c.stream('stream:ticks' as never, () => tick(clock.nowMs() + 5));
    clock.advance(0);
    expect(frames).toHaveLength(2); // near: flushed now, with the far one in the same batch
    expect((frames[1]!.event.payload as { items: unknown[] }).items).toHaveLength(2);
  });

  it('emits nothing after dispose', () => {
    const { clock, frames, c } = setup();
    c.stream('stream:log', () => line('x'));
    c.dispose();
    clock.advance(1000);
    expect(frames).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });
});
