/**
 * Calls back once per frame at the frame's exact instant on an anchor, on the precise scheduler:
 * the master sends on it, the client counts on it between messages. One frame is queued at a
 * time; each instant comes from the anchor (anchor.ts), so after an hour frame k is still due
 * on its exact NTP tick. Frames whose moment passed by more than half a frame (a stalled machine)
 * are skipped and counted, never sent in a burst. A frame is never called twice in a row of one
 * run, even when a nudged anchor moves an instant that already fired past now, and a nudge never
 * drops the frame that was just due.
 */
import type { NtpTime } from '../../../shared/osc/timetag';
import type { Clock } from '../time/clock';
import type { Scheduler } from '../time/scheduler';
import { anchorInstant, anchorNextFrame, frameUnits, type FrameAnchor } from './anchor';

/** What the ticker uses. */
export interface FrameTickerDeps {
  clock: Clock;
  scheduler: Scheduler;
  /** Frame `frame` is due now; `instantNtp` is its exact first tick. */
  onFrame: (frame: number, instantNtp: NtpTime) => void;
  /** The scheduler's queue was full: the ticker stopped. */
  onError?: (error: Error) => void;
}

/** A ticker: stopped, or running on one anchor. Thread: the engine's. */
export interface FrameTicker {
  /**
   * Runs on `anchor` from frame `from` on (default: the frame starting at or after now). With
   * `after`, frames up to and including it are not called again (a nudge, not a jump).
   */
  start(anchor: FrameAnchor, options?: { from?: number; after?: number }): void;
  stop(): void;
  readonly isRunning: boolean;
  readonly anchor: FrameAnchor | null;
  /** The last frame called back in this run, or null. */
  readonly lastFrame: number | null;
  /** The frame queued next (while running). */
  readonly next: number;
  /** Frames skipped because their moment had passed. */
  readonly skipped: number;
}

/** Creates a stopped ticker. */
export function createFrameTicker(deps: FrameTickerDeps): FrameTicker {
  const { clock, scheduler } = deps;
  let anchor: FrameAnchor | null = null;
  let next = 0;
  let lastFrame: number | null = null;
  let pendingId: number | null = null;
  let skipped = 0;

  const cancel = (): void => {
    if (pendingId !== null) scheduler.cancel(pendingId);
    pendingId = null;
  };

  const arm = (): void => {
    const a = anchor!;
    // A frame is still worth calling while less than half of it has gone by.
    const earliest = clock.nowNtp() - frameUnits(a.rate) / 2n;
    if (anchorInstant(a, next) < earliest) {
      const resume = anchorNextFrame(a, earliest);
      skipped += resume - next;
      next = resume;
    }
    const frame = next;
    const instant = anchorInstant(a, frame);
    pendingId = scheduler.schedule(instant, () => fire(frame, instant));
    if (pendingId === null) {
      anchor = null;
      deps.onError?.(new Error('[timecode] the scheduler queue is full: frames stopped'));
    }
  };

  const fire = (frame: number, instant: NtpTime): void => {
    pendingId = null;
    next = frame + 1;
    lastFrame = frame;
    const before = anchor;
    deps.onFrame(frame, instant);
    // onFrame may have stopped or restarted the ticker.
    if (anchor !== null && anchor === before && pendingId === null) arm();
  };

  return {
    start(a, options = {}) {
      cancel();
      anchor = a;
      // A nudge resumes right after the last frame called: a frame whose instant passed a moment
      // ago but whose timer had not run yet (the nudging message came first) is still called;
      // arm() skips it only when more than half of it has gone by.
      next =
        options.from ??
        (options.after !== undefined ? options.after + 1 : anchorNextFrame(a, clock.nowNtp()));
      if (options.after === undefined) lastFrame = null;
      arm();
    },
    stop() {
      cancel();
      anchor = null;
    },
    get isRunning() {
      return anchor !== null;
    },
    get anchor() {
      return anchor;
    },
    get lastFrame() {
      return lastFrame;
    },
    get next() {
      return next;
    },
    get skipped() {
      return skipped;
    },
  };
}
