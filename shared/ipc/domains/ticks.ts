/** Items of the tick streams: each tick on arrival (for audio), each dispatch (for the plot). */
import { z } from 'zod';
import { METRONOME_MODES } from '../../model/limits';
import { timetagClockShape } from './clock';
import { timedItemShape } from './common';

/** Every tick the receiver accepts, sent on arrival, ahead of its exact play time. */
export const tickItemSchema = z.strictObject({
  ...timedItemShape,
  arrivalMs: z.number(),
  /** playMs - arrivalMs (positive: early enough); null for a plain message. */
  leadMs: z.number().nullable(),
  classification: z.enum(['immediate', 'future', 'late']),
  isLate: z.boolean(),
  /** Late under the 'drop' policy: it must not be played. */
  isDropped: z.boolean(),
  /** Only the extended format says; false otherwise. */
  accent: z.boolean(),
  /** The sender's beat number (extended format), else null. */
  beat: z.int().min(0).nullable(),
  /** "address:port" of the sender ("[v6]:port"). */
  source: z.string(),
  address: z.string(),
  /** The sender's mode; 'timetagged' when a seed bundle does not say. */
  mode: z.enum([...METRONOME_MODES, 'timetagged']),
  /** Which clock its timetag was read in; playMs is always ours. */
  ...timetagClockShape,
});
/** See {@link tickItemSchema}. */
export type TickItem = z.infer<typeof tickItemSchema>;

/** One dispatched tick's measurements, for the live plot (null: not applicable or not known). */
export const sampleItemSchema = z.strictObject({
  /** The tick's play time, Unix ms. */
  atMs: z.number(),
  /** The stream it belongs to (MeasurementsSnapshot streams[].key). */
  key: z.string(),
  leadMs: z.number().nullable(),
  arrivalIntervalErrorMs: z.number().nullable(),
  /** Dispatched - due. */
  dispatchErrorMs: z.number(),
  /** Time since the previous onset minus the nominal interval. */
  outputIntervalErrorMs: z.number().nullable(),
  isLate: z.boolean(),
});
/** See {@link sampleItemSchema}. */
export type SampleItem = z.infer<typeof sampleItemSchema>;
