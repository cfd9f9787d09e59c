/**
 * The one error type of the timecode model. Callers branch on `code`; the message is plain
 * words for a person (a form field, the CLI, the log).
 */

/** Why a rate, a label, a frame count or a time was refused. */
export type TimecodeErrorCode =
  | 'rate' // not one of the eight SMPTE rates
  | 'drop-frame-rate' // drop-frame asked for at a rate that has none
  | 'syntax' // text that is not HH:MM:SS:FF
  | 'field-range' // hours, minutes, seconds or frames outside what the rate counts
  | 'skipped-label' // a drop-frame label that the count leaves out
  | 'frame' // a frame count that is not a whole number
  | 'seconds' // a time in seconds that is not a number
  | 'wire'; // a timecode or cue message that cannot be built as asked

/** One field of a label, for errors that point at it. */
export type TimecodeField = 'hours' | 'minutes' | 'seconds' | 'frames';

/** Thrown by the timecode functions for input that does not exist; never for a bug. */
export class TimecodeError extends Error {
  override readonly name = 'TimecodeError';

  constructor(
    readonly code: TimecodeErrorCode,
    message: string,
    /** The label field at fault, for `field-range` and `skipped-label`. */
    readonly field?: TimecodeField,
  ) {
    super(message);
  }
}
