/**
 * A timebase: a frame rate and how its labels count (drop-frame or not). Everything that turns
 * frames into labels takes one, so the rule is checked once, where it is chosen.
 */
import { TimecodeError } from './errors';
import { hasDropFrame, parseFrameRate, type FrameRate } from './rate';

/** A frame rate plus its counting mode, with the constants the label math needs. */
export interface Timebase {
  readonly rate: FrameRate;
  /** Drop-frame: labels ;00-;01 (29.97) or ;00-;03 (59.94) skipped each minute but every 10th. */
  readonly dropFrame: boolean;
  /** Labels skipped at the start of each minute not divisible by 10 (0 when not drop-frame). */
  readonly dropPerMinute: number;
  /** Frames from 00:00:00:00 to the wrap back to 00:00:00:00 (there is no 24:00:00:00). */
  readonly framesPerDay: number;
  /** E.g. '29.97 DF', '25', '29.97 NDF' ('NDF' only where drop-frame exists). */
  readonly name: string;
}

/** Minutes in a day, and how many of them keep all their labels (00, 10, 20, ...). */
const MINUTES_PER_DAY = 24 * 60;
const KEPT_MINUTES_PER_DAY = MINUTES_PER_DAY / 10;

/**
 * The timebase for a rate (or its text, as `parseFrameRate` reads it). Drop-frame at a rate
 * other than 29.97 or 59.94 throws a `TimecodeError` with code 'drop-frame-rate'.
 */
export function createTimebase(rate: FrameRate | string, dropFrame = false): Timebase {
  const r = typeof rate === 'string' ? parseFrameRate(rate) : rate;
  if (dropFrame && !hasDropFrame(r)) {
    throw new TimecodeError(
      'drop-frame-rate',
      `drop-frame exists only at 29.97 and 59.94 fps, not at ${r.name} fps: ` +
        `${r.name} fps labels count every frame`,
    );
  }
  const dropPerMinute = dropFrame ? (r.base / 30) * 2 : 0;
  const framesPerDay = r.base * 86_400 - dropPerMinute * (MINUTES_PER_DAY - KEPT_MINUTES_PER_DAY);
  const mode = dropFrame ? ' DF' : hasDropFrame(r) ? ' NDF' : '';
  return { rate: r, dropFrame, dropPerMinute, framesPerDay, name: `${r.name}${mode}` };
}
