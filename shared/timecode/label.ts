/**
 * Labels (HH:MM:SS:FF fields) and frame counts, both ways. Frame 0 is 00:00:00:00; counts wrap
 * at the end of the day (there is no 24:00:00:00), so any whole frame count has a label, and
 * every label that exists has exactly one frame of the day.
 */
import { frameFromNominal, isSkippedLabel, nominalFromFrame } from './drop-frame';
import { TimecodeError } from './errors';
import type { Timebase } from './timebase';

/** The four fields of a timecode label. */
export interface TimecodeLabel {
  hours: number;
  minutes: number;
  seconds: number;
  frames: number;
}

/** The frame count brought into the day, [0, framesPerDay): 24 h later is the same label. */
export function wrapFrame(tb: Timebase, frame: number): number {
  if (!Number.isSafeInteger(frame)) {
    throw new TimecodeError('frame', `a frame count must be a whole number, got ${frame}`);
  }
  const day = tb.framesPerDay;
  return ((frame % day) + day) % day;
}

/** The label of a frame (any whole count; wrapped into the day first). */
export function frameToLabel(tb: Timebase, frame: number): TimecodeLabel {
  const base = tb.rate.base;
  const nominal = nominalFromFrame(tb, wrapFrame(tb, frame));
  const totalSeconds = Math.floor(nominal / base);
  const totalMinutes = Math.floor(totalSeconds / 60);
  return {
    hours: Math.floor(totalMinutes / 60),
    minutes: totalMinutes % 60,
    seconds: totalSeconds % 60,
    frames: nominal % base,
  };
}

/** The frame of the day a label names; throws `TimecodeError` for a label that does not exist. */
export function labelToFrame(tb: Timebase, label: TimecodeLabel): number {
  const problem = labelProblem(tb, label);
  if (problem) throw problem;
  const nominal =
    ((label.hours * 60 + label.minutes) * 60 + label.seconds) * tb.rate.base + label.frames;
  return frameFromNominal(tb, nominal);
}

/** Why a label does not exist in this timebase, or null when it does (for forms: no throw). */
export function labelProblem(tb: Timebase, label: TimecodeLabel): TimecodeError | null {
  const base = tb.rate.base;
  const { hours, minutes, seconds, frames } = label;
  if (!isCount(hours) || hours > 23) {
    const last = formatLabel({ hours: 23, minutes: 59, seconds: 59, frames: base - 1 });
    return rangeError(
      'hours',
      `hours ${hours} do not exist: a day runs 00:00:00:00 to ${last}, then wraps to 00:00:00:00`,
    );
  }
  if (!isCount(minutes) || minutes > 59) {
    return rangeError('minutes', `minutes ${minutes} do not exist: minutes run 00 to 59`);
  }
  if (!isCount(seconds) || seconds > 59) {
    return rangeError('seconds', `seconds ${seconds} do not exist: seconds run 00 to 59`);
  }
  if (!isCount(frames) || frames >= base) {
    return rangeError(
      'frames',
      `frame ${frames} does not exist at ${tb.rate.name} fps: frames run 00 to ${base - 1}`,
    );
  }
  if (isSkippedLabel(tb, label)) {
    const drop = tb.dropPerMinute;
    const skipped = drop === 2 ? ';00 and ;01' : `;00 to ;${pad2(drop - 1)}`;
    const next = formatLabel({ ...label, frames: drop }, ';');
    return new TimecodeError(
      'skipped-label',
      `${formatLabel(label, ';')} does not exist at ${tb.name}: drop-frame skips labels ` +
        `${skipped} at the start of every minute except minutes 00, 10, 20, 30, 40 and 50 ` +
        `(this minute starts at ${next})`,
      'frames',
    );
  }
  return null;
}

/** `HH:MM:SS:FF`, or `HH:MM:SS;FF` with `';'` (the drop-frame convention). */
export function formatLabel(label: TimecodeLabel, frameSeparator: ':' | ';' = ':'): string {
  const { hours, minutes, seconds, frames } = label;
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}${frameSeparator}${pad2(frames)}`;
}

function pad2(n: number): string {
  return n < 10 && n >= 0 ? `0${n}` : String(n);
}

function isCount(n: number): boolean {
  return Number.isInteger(n) && n >= 0;
}

function rangeError(field: 'hours' | 'minutes' | 'seconds' | 'frames', message: string) {
  return new TimecodeError('field-range', message, field);
}
