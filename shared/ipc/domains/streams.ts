/** Items of the high-rate streams: received messages, malformed packets, log lines. */
import { z } from 'zod';
import { timetagClockShape } from './clock';
import { timetagViewSchema } from './common';

/** One received OSC message, sent on arrival (before it is due), with its exact play time. */
export const messageItemSchema = z.strictObject({
  address: z.string(),
  /** Arguments formatted as `type:value` (formatArg). */
  args: z.array(z.string()),
  /** The bundle timetag as sent (read in `clock`); null for a plain message or immediate bundle. */
  timetag: timetagViewSchema.nullable(),
  /**
   * When it is to be acted on, Unix ms on our clock: the timetag less `clockOffsetMs`, or the
   * arrival if immediate.
   */
  playMs: z.number(),
  arrivalMs: z.number(),
  /** timetag - arrival in ms (positive: early enough); null when immediate. */
  leadMs: z.number().nullable(),
  /** "address:port" of the sender. */
  source: z.string(),
  classification: z.enum(['immediate', 'future', 'late']),
  isLate: z.boolean(),
  /** Late and dropped by the late policy: it will not be acted on. */
  isDropped: z.boolean(),
  ...timetagClockShape,
});
/** See {@link messageItemSchema}. */
export type MessageItem = z.infer<typeof messageItemSchema>;

/** A datagram the decoder refused. */
export const malformedItemSchema = z.strictObject({
  source: z.string(),
  arrivalMs: z.number(),
  byteLength: z.int().min(0),
  code: z.string(),
  message: z.string(),
});

/** One log line, tagged by subsystem (`[engine]`, `[udp]`...). */
export const logItemSchema = z.strictObject({
  atMs: z.number(),
  level: z.enum(['info', 'warn', 'error']),
  tag: z.string(),
  text: z.string(),
});
/** See {@link logItemSchema}. */
export type LogItem = z.infer<typeof logItemSchema>;
