/**
 * Carries a position across a change of rate or counting mode: the label stays where it was, so
 * a master at 01:00:00:12 at 25 fps goes on from 01:00:00:24 at 50 fps (the same half second)
 * and not from whatever frame count 12 means there. Labels the new count skips move to the
 * first one it has.
 */
import {
  frameToLabel,
  isSkippedLabel,
  labelToFrame,
  wrapFrame,
  type Timebase,
} from '../../../shared/timecode';

/** The frame (of the day) of `to` whose label matches frame `frame` of `from` best. */
export function relabelFrame(from: Timebase, to: Timebase, frame: number): number {
  const label = frameToLabel(from, wrapFrame(from, frame));
  const frames = Math.floor((label.frames * to.rate.base) / from.rate.base);
  const moved = { ...label, frames };
  return labelToFrame(
    to,
    isSkippedLabel(to, moved) ? { ...moved, frames: to.dropPerMinute } : moved,
  );
}
