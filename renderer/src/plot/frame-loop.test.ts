import { describe, expect, it } from 'vitest';
import { createFrameLoop, type FrameScheduler } from './frame-loop';

function manualFrames(): FrameScheduler & { pending: number; run(now?: number): void } {
  let callbacks = new Map<number, (now: number) => void>();
  let next = 1;
  return {
    request(cb) {
      callbacks.set(next, cb);
      return next++;
    },
    cancel(h) {
      callbacks.delete(h);
    },
    get pending() {
      return callbacks.size;
    },
    run(now = 0) {
      const due = callbacks;
      callbacks = new Map();
      for (const cb of due.values()) cb(now);
    },
  };
}

describe('the shared frame loop', () => {
  it('runs every scheduled task once in one frame, however often it was scheduled', () => {
    const frames = manualFrames();
    const loop = createFrameLoop(frames);
    const runs: string[] = [];
    const a = () => void runs.push('a');
    const b = () => void runs.push('b');
    loop.schedule(a);
    loop.schedule(a);
    loop.schedule(b);
    expect(frames.pending).toBe(1); // one requestAnimationFrame for everything
    frames.run();
    expect(runs).toEqual(['a', 'b']);
    expect(frames.pending).toBe(0); // idle: no more frames
  });

  it('keeps a task that asks for another frame, and forgets a cancelled one', () => {
    const frames = manualFrames();
    const loop = createFrameLoop(frames);
    let left = 3;
    const animate = () => --left > 0;
    const never = () => {
      throw new Error('cancelled tasks must not run');
    };
    loop.schedule(animate);
    loop.schedule(never);
    loop.cancel(never);
    frames.run();
    frames.run();
    frames.run();
    expect(left).toBe(0);
    expect(frames.pending).toBe(0);
  });

  it('a failing task does not stop the others', () => {
    const frames = manualFrames();
    const loop = createFrameLoop(frames);
    let ran = false;
    loop.schedule(() => {
      throw new Error('boom');
    });
    loop.schedule(() => void (ran = true));
    const warn = console.warn;
    console.warn = () => {};
    frames.run();
    console.warn = warn;
    expect(ran).toBe(true);
  });
});
