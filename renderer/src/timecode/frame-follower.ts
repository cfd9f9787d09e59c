/**
 * What a timecode display shows at a moment: the newest frame whose instant (`playMs`) has come,
 * counted on at the rate from that instant until the next one arrives, so a display drawn at
 * 60 fps never freezes between 25 fps frames (or while a plain frame is a little late). Counting
 * stops `countOnMs` after the last frame: a master that went quiet is not invented for long.
 */
import { formatFrame, frameToLabel, skippedLabels, wrapFrame } from '../../../shared/timecode';
import type { Timebase, TimecodeLabel } from '../../../shared/timecode';
import type { Ring } from '../store/ring';
import type { ClientLockState, TimecodeFrameItem } from './timecode-types';

/** A frame on the display. */
export interface ShownFrame {
  frame: number;
  label: string;
  state: ClientLockState;
  /** True when counted on from the last frame rather than received as it is. */
  isCounted: boolean;
}

/** See the file comment. */
export interface FrameFollower {
  /** Takes the newest frame due by `nowMs`; true when frames are still waiting for their instant. */
  take(ring: Ring<TimecodeFrameItem>, nowMs: number): boolean;
  /** The frame to show at `nowMs` (null before the first); counts on only when `isRunning`. */
  shownAt(
    nowMs: number,
    tb: Timebase,
    isRunning: boolean,
    dropFrameSeparator: boolean,
  ): ShownFrame | null;
  /** The instant of the frame taken last, or null. */
  readonly lastPlayMs: number | null;
  reset(): void;
}

/** How long a display counts on past its last frame (the client's "lost" threshold). */
export const COUNT_ON_MS = 2000;

/** Creates a follower for one role's frames. */
export function createFrameFollower(countOnMs = COUNT_ON_MS): FrameFollower {
  let current: TimecodeFrameItem | null = null;
  return {
    take(ring, nowMs) {
      let isWaiting = false;
      for (const item of ring.newest(ring.capacity)) {
        if (item.playMs > nowMs) {
          isWaiting = true;
          continue;
        }
        if (current === null || item.playMs > current.playMs) current = item;
        break; // newest first: everything older is behind the one taken
      }
      return isWaiting;
    },
    shownAt(nowMs, tb, isRunning, dropFrameSeparator) {
      if (current === null) return null;
      const frameMs = (1000 * tb.rate.den) / tb.rate.num;
      const elapsedMs = Math.min(nowMs - current.playMs, countOnMs);
      const ahead = isRunning ? Math.max(0, Math.floor(elapsedMs / frameMs)) : 0;
      if (ahead === 0) return { ...pick(current), isCounted: false };
      const frame = wrapFrame(tb, current.frame + ahead);
      return {
        frame,
        label: formatFrame(tb, frame, { dropFrameSeparator }),
        state: current.state,
        isCounted: true,
      };
    },
    get lastPlayMs() {
      return current?.playMs ?? null;
    },
    reset() {
      current = null;
    },
  };
}

function pick(item: TimecodeFrameItem): Omit<ShownFrame, 'isCounted'> {
  return { frame: item.frame, label: item.label, state: item.state };
}

/**
 * The labels drop-frame skipped between two frames shown one after the other (a step of a few
 * frames at most: a display frame may cover two at 59.94), or [] when none were.
 */
export function skippedBetween(tb: Timebase, fromFrame: number, toFrame: number): TimecodeLabel[] {
  if (tb.dropPerMinute === 0) return [];
  const step = wrapFrame(tb, toFrame - fromFrame);
  if (step === 0 || step > 4) return [];
  for (let i = 1; i <= step; i++) {
    const label = frameToLabel(tb, fromFrame + i);
    if (label.seconds === 0 && label.frames === tb.dropPerMinute) {
      const skipped = skippedLabels(tb, label.minutes, label.hours);
      if (skipped.length > 0) return skipped;
    }
  }
  return [];
}
