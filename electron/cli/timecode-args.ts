/**
 * Command-line words the timecode commands share: the rate, the count, and the client's cue list
 * (`--cue LABEL=/address,arg...`). Every mistake is a {@link UsageError} in plain words.
 */
import type { OscArg } from '../../shared/osc';
import { TimecodeError, createTimebase, parseFrame, type Timebase } from '../../shared/timecode';
import type { ClientCue } from '../engine/timecode';
import { UsageError } from './args';
import { parseSendArgs } from './send-args';

/** The timebase of `--fps R [--df]`. */
export function parseTimebase(fps: string, isDropFrame: boolean): Timebase {
  try {
    return createTimebase(fps, isDropFrame);
  } catch (error) {
    if (error instanceof TimecodeError) throw new UsageError(`--fps: ${error.message}`);
    throw error;
  }
}

/** A label's frame of the day, with the option's name in the error. */
export function parseLabelOption(tb: Timebase, text: string, what: string): number {
  try {
    return parseFrame(tb, text);
  } catch (error) {
    if (error instanceof TimecodeError) throw new UsageError(`${what}: ${error.message}`);
    throw error;
  }
}

/** `--count N`: a whole number from 1, or Infinity when absent. */
export function parseCount(text: string | undefined): number {
  if (text === undefined) return Infinity;
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`--count must be a whole number from 1, got "${text}"`);
  }
  return n;
}

/**
 * One `--cue LABEL=/address,arg,...`: at LABEL send /address with the arguments (whole numbers
 * as i, other numbers as f, the rest as strings). An address ending in `_tc` also carries the
 * label, as the seed's `/trigger/action_tc` and `/cue/video_tc` do.
 */
export function parseCueOption(tb: Timebase, text: string, index: number): ClientCue {
  const eq = text.indexOf('=');
  if (eq < 0) {
    throw new UsageError(
      `--cue must look like LABEL=/address,arg... (e.g. 00:00:10:00=/cue/lighting,Scene Bright), got "${text}"`,
    );
  }
  const frame = parseLabelOption(tb, text.slice(0, eq), '--cue');
  const [address = '', ...words] = text.slice(eq + 1).split(',');
  if (!/^\/[^\s#*,?[\]{}]*$/.test(address)) {
    throw new UsageError(
      `--cue address must start with / and contain no spaces or #*,?[]{}, got "${address}"`,
    );
  }
  const args: OscArg[] = parseSendArgs(words);
  return { id: `cue-${index + 1}`, frame, address, args, withTimecode: address.endsWith('_tc') };
}
