/**
 * The timecode on the wire, defined once: the master encodes with it, the client parses it.
 *
 * seed (default, what the seed programs expect): `/sync/timecode ,s "HH:MM:SS:FF"`, one plain
 *   message per frame to UDP 5006; the label uses ':' before the frames, drop-frame or not.
 * extended (opt-in, Syncroscope peers): `/sync/timecode ,sisst label frame rate mode frameNtp`
 *   frame: int32 frame of the day; rate: its name ("29.97"); mode: "df" | "ndf"; frameNtp: the
 *   exact first tick of the frame on the master's clock, so a client can measure how late it
 *   heard it. The label stays first so a seed-style reader of the first argument still works.
 */
import type { OscArg, OscMessage } from '../osc';
import type { NtpTime } from '../osc/timetag';
import { TimecodeError } from './errors';
import { wrapFrame } from './label';
import { formatFrame, parseLabel, type ParsedLabel } from './label-text';
import { FRAME_RATES, hasDropFrame, type FrameRate } from './rate';
import type { Timebase } from './timebase';

/** The UDP port the seed client listens on; the master sends timecode there. */
export const TIMECODE_PORT = 5006;
/** The UDP port the seed master listens on for cues and triggers. */
export const CUE_PORT = 5005;
/** The address of every timecode message. */
export const TIMECODE_ADDRESS = '/sync/timecode';

/** Which timecode message to write. */
export type TimecodeWireFormat = 'seed' | 'extended';

/** How to write one timecode message. */
export interface TimecodeMessageOptions {
  /** 'seed' (default): the label alone; 'extended': see the module doc. */
  format?: TimecodeWireFormat;
  /** The frame's first tick; required by the extended format. */
  frameNtp?: NtpTime;
  /** Write ';' before the frames at drop-frame (the seed writes ':'). */
  dropFrameSeparator?: boolean;
}

/** The timecode message for a frame (any whole count; the label and frame wrap into the day). */
export function timecodeMessage(
  tb: Timebase,
  frame: number,
  options: TimecodeMessageOptions = {},
): OscMessage {
  const label = formatFrame(tb, frame, options);
  const args: OscArg[] = [{ type: 's', value: label }];
  if (options.format === 'extended') {
    if (options.frameNtp === undefined) {
      throw new TimecodeError('wire', 'the extended timecode format needs the frame instant');
    }
    args.push(
      { type: 'i', value: wrapFrame(tb, frame) },
      { type: 's', value: tb.rate.name },
      { type: 's', value: tb.dropFrame ? 'df' : 'ndf' },
      { type: 't', value: options.frameNtp },
    );
  }
  return { kind: 'message', address: TIMECODE_ADDRESS, args };
}

/** What a received timecode message said. Extended fields are present only in that format. */
export interface ReceivedTimecode {
  format: TimecodeWireFormat;
  /** The label text as received. */
  text: string;
  /** Its fields, or null when the text is not HH:MM:SS:FF (check them with `labelProblem`). */
  label: ParsedLabel | null;
  frame?: number;
  rate?: FrameRate;
  dropFrame?: boolean;
  frameNtp?: NtpTime;
}

/** Reads a timecode message; null when it is not one (another address, or no label string). */
export function parseTimecodeMessage(message: OscMessage): ReceivedTimecode | null {
  return message.address === TIMECODE_ADDRESS ? parseTimecodeArgs(message.args) : null;
}

/**
 * Reads a timecode message's arguments: a first string (s or S) is the label; the extended
 * fields are read when all four are there and make sense (numbers as i or f, as Pd may send
 * them), and are otherwise ignored, as are any further arguments.
 */
export function parseTimecodeArgs(args: readonly OscArg[]): ReceivedTimecode | null {
  const [first, frameArg, rateArg, modeArg, ntpArg] = args;
  const text = stringOf(first);
  if (text === null) return null;
  const seed: ReceivedTimecode = { format: 'seed', text, label: labelOrNull(text) };
  const frame = frameArg ? wholeNumber(frameArg) : null;
  const rate = FRAME_RATES.find((r) => r.name === stringOf(rateArg));
  const mode = stringOf(modeArg);
  if (frame === null || frame < 0 || !rate || (mode !== 'df' && mode !== 'ndf')) return seed;
  if ((mode === 'df' && !hasDropFrame(rate)) || ntpArg?.type !== 't') return seed;
  return {
    ...seed,
    format: 'extended',
    frame,
    rate,
    dropFrame: mode === 'df',
    frameNtp: ntpArg.value,
  };
}

/** The label in some text, or null when there is none. */
export function labelOrNull(text: string): ParsedLabel | null {
  try {
    return parseLabel(text);
  } catch {
    return null;
  }
}

/** The string an s or S argument carries, else null. */
export function stringOf(arg: OscArg | undefined): string | null {
  return arg && (arg.type === 's' || arg.type === 'S') ? arg.value : null;
}

function wholeNumber(arg: OscArg): number | null {
  if (arg.type !== 'i' && arg.type !== 'f') return null;
  return Number.isInteger(arg.value) ? arg.value : null;
}
