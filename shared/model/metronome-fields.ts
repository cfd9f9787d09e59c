/**
 * One zod schema per metronome field, each with the words a workshop participant can act on.
 * The sender's settings (metronome-settings.ts) and the contract's views (shared/ipc) are built
 * from these, so a range error names its field and reads the same everywhere.
 */
import { z } from 'zod';
import { METRONOME_LIMITS, METRONOME_MODES, TICK_FORMATS, type Range } from './limits';

const { bpm, accentEvery, offsetMs, lookaheadMs, port, targetId, hostName } = METRONOME_LIMITS;

/** A number within `range`; `message` for anything else (not a number, too small, too big). */
export function rangedNumber(range: Range, message: string): z.ZodNumber {
  return z.number(message).min(range.min, message).max(range.max, message);
}

/** immediate, offset or forward. */
export const modeField = z.enum(METRONOME_MODES, 'the mode must be immediate, offset or forward');

/** Beats per minute (the sender holds it to 0.001). */
export const bpmField = rangedNumber(bpm, `BPM must be between ${bpm.min} and ${bpm.max}`);

/** Accent every N beats, 0 = none. */
export const accentEveryField = z
  .number('accent every N beats must be a number')
  .int('accent every N beats must be a whole number (0 = no accent)')
  .min(accentEvery.min, 'accent every N beats cannot be negative (0 = no accent)')
  .max(accentEvery.max, `accent every N beats is at most ${accentEvery.max}`);

/** The forward offset F. */
export const offsetMsField = rangedNumber(
  offsetMs,
  `the forward offset must be between ${offsetMs.min} and ${offsetMs.max} ms`,
);

/** Forward mode: how long before its beat each bundle is sent. */
export const lookaheadMsField = z
  .number('the lookahead must be a number of ms')
  .min(lookaheadMs.min, 'the lookahead cannot be negative')
  .max(lookaheadMs.max, `the lookahead is at most ${lookaheadMs.max} ms`);

const portMessage = `the port must be a whole number from ${port.min} to ${port.max}`;
/** A UDP port to send to. */
export const targetPortField = z
  .number(portMessage)
  .int(portMessage)
  .min(port.min, portMessage)
  .max(port.max, portMessage);

/** Where a target is: an IP address or a host name, trimmed. */
export const targetHostField = z
  .string('the target host must be text such as 127.0.0.1')
  .trim()
  .min(1, 'the target host is empty (use e.g. 127.0.0.1)')
  .max(hostName.maxLength, `the target host is at most ${hostName.maxLength} characters`)
  .regex(/^[^\s/?#@]*$/, 'the target host must be an IP address or a host name, e.g. 127.0.0.1');

// OSC addresses we send are literal: pattern characters would make receivers fan out.
const ADDRESS = /^\/[^\s#*,?[\]{}]*$/;
/** A literal OSC address such as /tick. */
export const oscAddressField = z
  .string('the OSC address must be a string such as /tick')
  .regex(ADDRESS, 'the OSC address must start with / and contain no spaces or #*,?[]{}');

/** seed or extended. */
export const tickFormatField = z.enum(TICK_FORMATS, 'the format must be seed or extended');

/** A target's id, chosen by the client and kept stable (errors are keyed by it). */
export const targetIdField = z
  .string('the id must be text')
  .refine(
    (id) => id.trim() !== '' && id.length <= targetId.maxLength,
    `the id must be 1 to ${targetId.maxLength} characters`,
  );

/** A list of at most {@link METRONOME_LIMITS}.targets.max targets. */
export function targetListField<T extends z.ZodType>(target: T): z.ZodArray<T> {
  const { max } = METRONOME_LIMITS.targets;
  return z.array(target, 'targets must be a list').max(max, `at most ${max} targets`);
}
