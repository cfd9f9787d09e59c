/**
 * The client's estimate of the master's timecode, and how far it trusts it (the lock criteria
 * and thresholds are TIMECODE_CHASE in shared/timecode/settings.ts). Pure logic on given
 * instants: each received frame has an instant (its arrival when plain, its timetag when
 * bundled); the estimate is a frame anchor that keeps counting between messages (freewheel).
 *
 * Each received frame is compared with the estimate at its instant: the error is how much
 * earlier (positive) or later than expected it came, in ms and in frames. Agreeing frames nudge
 * the estimate's phase (a fraction of the error while locked, all of it while acquiring); a
 * frame that disagrees while locked starts a candidate jump, followed once it is confirmed by
 * consecutive frames (a locate on the master), so one stray packet never moves the count.
 */
import { ntpDiffMs, type NtpTime } from '../../../shared/osc/timetag';
import { TIMECODE_CHASE, type Timebase } from '../../../shared/timecode';
import type { ClientLockState } from '../../../shared/ipc/domains/timecode';
import { anchorFrameAt, anchorInstant, frameMs, type FrameAnchor } from './anchor';

/** How one received frame compared with the estimate. */
export interface ChaseReport {
  /** The received frame as a continuous count near the estimate. */
  frame: number;
  /** The estimate's frame at the received instant (continuous). */
  estimateFrame: number;
  /** Received minus estimated, in frames (0 for the first frame heard: nothing to compare). */
  errorFrames: number;
  /** The same in ms: positive when the frame came earlier than the estimate expected it. */
  errorMs: number;
  /** The estimate was moved to this frame outright (first frame, or a confirmed jump). */
  isReanchored: boolean;
}

/** The chase state. Thread: the engine's. */
export interface Chase {
  /** Takes one received frame (of the day) with its instant and arrival. */
  receive(frameOfDay: number, instantNtp: NtpTime, arrivalMs: number): ChaseReport;
  /** The trust in the estimate at `nowMs`. */
  stateAt(nowMs: number): ClientLockState;
  /**
   * True while the estimate is one to act on: locked or freewheeling, or locked with a jump not
   * yet confirmed (one late packet must not cost a cue).
   */
  isFollowingAt(nowMs: number): boolean;
  /** The estimate, or null before the first frame (and after reset). */
  readonly anchor: FrameAnchor | null;
  /** Forgets everything: stopped. */
  reset(): void;
}

interface Candidate {
  anchor: FrameAnchor;
  count: number;
}

/** Creates a chase for one timebase (a change of timebase is a new chase). */
export function createChase(tb: Timebase): Chase {
  const { toleranceFrames, lockFrames, freewheelAfterFrames, lostAfterMs, jumpFrames, phaseGain } =
    TIMECODE_CHASE;
  const rate = tb.rate;
  const oneFrameMs = frameMs(rate);
  let anchor: FrameAnchor | null = null;
  let agreeing = 0;
  let candidate: Candidate | null = null;
  let lastHeardMs = -Infinity;

  /** The count congruent to `frameOfDay` nearest `near`. */
  const continuous = (frameOfDay: number, near: number): number => {
    const day = tb.framesPerDay;
    return frameOfDay + day * Math.round((near - frameOfDay) / day);
  };

  const compare = (a: FrameAnchor, frameOfDay: number, instantNtp: NtpTime) => {
    const estimateFrame = anchorFrameAt(a, instantNtp);
    const frame = continuous(frameOfDay, estimateFrame);
    const expectedNtp = anchorInstant(a, frame);
    const errorMs = ntpDiffMs(expectedNtp, instantNtp);
    return { frame, estimateFrame, expectedNtp, errorMs, errorFrames: errorMs / oneFrameMs };
  };

  const agrees = (errorFrames: number): boolean => Math.abs(errorFrames) <= toleranceFrames;

  return {
    receive(frameOfDay, instantNtp, arrivalMs) {
      const silentMs = arrivalMs - lastHeardMs;
      lastHeardMs = arrivalMs;
      if (silentMs > lostAfterMs) agreeing = 0; // heard again after being lost: acquire anew
      if (anchor === null) {
        anchor = { atNtp: instantNtp, frame: frameOfDay, rate };
        agreeing = 1;
        candidate = null;
        return {
          frame: frameOfDay,
          estimateFrame: frameOfDay,
          errorFrames: 0,
          errorMs: 0,
          isReanchored: true,
        };
      }
      const c = compare(anchor, frameOfDay, instantNtp);
      const report = {
        frame: c.frame,
        estimateFrame: c.estimateFrame,
        errorFrames: c.errorFrames,
        errorMs: c.errorMs,
      };
      const isLocked = agreeing >= lockFrames;
      if (agrees(c.errorFrames)) {
        candidate = null;
        agreeing++;
        // Moves the phase, keeping the reference frame: instants stay exact from one base.
        const gain = BigInt(isLocked ? phaseGain : 1);
        anchor = { ...anchor, atNtp: anchor.atNtp + (instantNtp - c.expectedNtp) / gain };
        return { ...report, isReanchored: false };
      }
      const heard: FrameAnchor = { atNtp: instantNtp, frame: frameOfDay, rate };
      if (!isLocked) {
        // Not following anything yet: follow what is heard.
        anchor = heard;
        agreeing = 1;
        return { ...report, isReanchored: true };
      }
      const isConfirming =
        candidate !== null && agrees(compare(candidate.anchor, frameOfDay, instantNtp).errorFrames);
      candidate = { anchor: heard, count: isConfirming ? candidate!.count + 1 : 1 };
      if (candidate.count < jumpFrames) return { ...report, isReanchored: false };
      anchor = candidate.anchor;
      agreeing = Math.max(lockFrames, jumpFrames);
      candidate = null;
      return { ...report, isReanchored: true };
    },
    stateAt(nowMs) {
      if (anchor === null) return 'stopped';
      const silentMs = nowMs - lastHeardMs;
      if (silentMs > lostAfterMs || candidate !== null || agreeing < lockFrames) return 'lost';
      return silentMs > freewheelAfterFrames * oneFrameMs ? 'freewheel' : 'locked';
    },
    isFollowingAt(nowMs) {
      return anchor !== null && nowMs - lastHeardMs <= lostAfterMs && agreeing >= lockFrames;
    },
    get anchor() {
      return anchor;
    },
    reset() {
      anchor = null;
      agreeing = 0;
      candidate = null;
      lastHeardMs = -Infinity;
    },
  };
}
