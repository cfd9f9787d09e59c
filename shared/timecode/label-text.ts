/**
 * Labels as text. Reading is tolerant of what tools write before the frames (':' as the seed
 * does, ';' for drop-frame, '.' or ','); writing uses ':' unless asked for ';' at drop-frame.
 */
import { TimecodeError } from './errors';
import { formatLabel, frameToLabel, labelToFrame, type TimecodeLabel } from './label';
import type { Timebase } from './timebase';

/** What separated the seconds from the frames in a label that was read. */
export type FrameSeparator = ':' | ';' | '.' | ',';

/** A label read from text, with the separator it was written with. */
export interface ParsedLabel extends TimecodeLabel {
  separator: FrameSeparator;
}

// Hours may have one digit; some tools write ';' between every field of a drop-frame label.
const LABEL = /^\s*(\d{1,2})[:;](\d{2})[:;](\d{2})([:;.,])(\d{2})\s*$/;

/**
 * Reads `HH:MM:SS:FF` into fields, without checking them against a rate (see `parseFrame`).
 * Text of another shape throws a `TimecodeError` with code 'syntax'.
 */
export function parseLabel(text: string): ParsedLabel {
  const m = typeof text === 'string' ? LABEL.exec(text) : null;
  if (!m) {
    throw new TimecodeError(
      'syntax',
      `${JSON.stringify(text)} is not a timecode label: write HH:MM:SS:FF, e.g. 01:00:00:00 ` +
        "(';' before the frames for drop-frame)",
    );
  }
  return {
    hours: Number(m[1]),
    minutes: Number(m[2]),
    seconds: Number(m[3]),
    separator: m[4] as FrameSeparator,
    frames: Number(m[5]),
  };
}

/** The frame of the day a label's text names in this timebase (throws `TimecodeError`). */
export function parseFrame(tb: Timebase, text: string): number {
  return labelToFrame(tb, parseLabel(text));
}

/** Options for writing a label. */
export interface FormatOptions {
  /** Write ';' before the frames when the timebase is drop-frame (the seed always writes ':'). */
  dropFrameSeparator?: boolean;
}

/** The label text of a frame (wrapped into the day). */
export function formatFrame(tb: Timebase, frame: number, options: FormatOptions = {}): string {
  const separator = options.dropFrameSeparator && tb.dropFrame ? ';' : ':';
  return formatLabel(frameToLabel(tb, frame), separator);
}
