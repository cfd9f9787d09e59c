/**
 * The one requestAnimationFrame loop every canvas and live readout draws in. Tasks are
 * scheduled when their data changed; a frame runs each scheduled task once. Idle: no frames.
 */

/** A drawing task; returning true asks for the next frame too (e.g. an animation in progress). */
export type FrameTask = (nowMs: number) => boolean | void;

/** See {@link createFrameLoop}. */
export interface FrameLoop {
  /** Runs `task` in the next frame (once, however often it is scheduled before then). */
  schedule(task: FrameTask): void;
  /** Forgets a scheduled task (a component unmounted). */
  cancel(task: FrameTask): void;
  dispose(): void;
}

/** The browser's frame scheduler (injected in tests). */
export interface FrameScheduler {
  request(callback: (nowMs: number) => void): number;
  cancel(handle: number): void;
}

const browserFrames: FrameScheduler = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (h) => cancelAnimationFrame(h),
};

/** Creates the loop (one per page). */
export function createFrameLoop(frames: FrameScheduler = browserFrames): FrameLoop {
  let tasks = new Set<FrameTask>();
  let handle: number | null = null;

  const frame = (nowMs: number): void => {
    handle = null;
    const due = tasks;
    tasks = new Set();
    for (const task of due) {
      try {
        if (task(nowMs) === true) tasks.add(task);
      } catch (error) {
        console.warn('[frame] a drawing task failed', error);
      }
    }
    if (tasks.size > 0) handle = frames.request(frame);
  };

  return {
    schedule(task) {
      tasks.add(task);
      handle ??= frames.request(frame);
    },
    cancel(task) {
      tasks.delete(task);
    },
    dispose() {
      if (handle !== null) frames.cancel(handle);
      handle = null;
      tasks.clear();
    },
  };
}
