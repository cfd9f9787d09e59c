/**
 * Metronome settings: the types, their limits, and the one validator every caller (CLI, IPC,
 * tests) goes through, with messages a workshop participant can act on.
 */
import { z } from 'zod';

/** immediate: plain message when due (example 2); offset: send time + F (example 3); forward: grid time + F (part 4). */
export type MetronomeMode = 'immediate' | 'offset' | 'forward';

/** Argument format: 'seed' = exactly one string "tick"; 'extended' adds beat, accent, send time, mode. */
export type TickFormat = 'seed' | 'extended';

/** Where ticks go. The local instance is just another target (127.0.0.1 and its port). */
export interface MetronomeTarget {
  host: string;
  port: number;
  /** '/tick', '/pd', '/py', ... */
  address: string;
  format: TickFormat;
}

/** Everything the metronome needs to know. */
export interface MetronomeSettings {
  mode: MetronomeMode;
  /** 20-300, resolved to 0.001 BPM. */
  bpm: number;
  /** 0 = no accent, else every N beats (beat 0 accented). */
  accentEvery: number;
  /** The forward offset F, 0-2000 ms: timetag = send time + F (offset) or grid time + F (forward). */
  offsetMs: number;
  targets: MetronomeTarget[];
  /** Forward mode only: send each bundle this long before its grid time (default 0, as the seed). */
  lookaheadMs?: number;
}

/** Highest BPM, lowest BPM, and the largest F. */
export const BPM_MIN = 20;
/** See {@link BPM_MIN}. */
export const BPM_MAX = 300;
/** See {@link BPM_MIN}. */
export const OFFSET_MAX_MS = 2000;

const bpmMessage = `BPM must be between ${BPM_MIN} and ${BPM_MAX}`;
const offsetMessage = `the forward offset must be between 0 and ${OFFSET_MAX_MS} ms`;
const portMessage = 'the port must be a whole number from 1 to 65535';
// OSC addresses we send are literal: pattern characters would make receivers fan out.
const ADDRESS = /^\/[^\s#*,?[\]{}]*$/;

const targetSchema = z.object({
  host: z.string().trim().min(1, 'the target host is empty (use e.g. 127.0.0.1)'),
  port: z.number(portMessage).int(portMessage).min(1, portMessage).max(65535, portMessage),
  address: z
    .string('the OSC address must be a string such as /tick')
    .regex(ADDRESS, 'the OSC address must start with / and contain no spaces or #*,?[]{}'),
  format: z.enum(['seed', 'extended'], 'the format must be seed or extended').default('seed'),
});

const settingsSchema = z.object({
  mode: z.enum(['immediate', 'offset', 'forward'], 'the mode must be immediate, offset or forward'),
  bpm: z
    .number(bpmMessage)
    .min(BPM_MIN, bpmMessage)
    .max(BPM_MAX, bpmMessage)
    .transform((bpm) => Math.round(bpm * 1000) / 1000),
  accentEvery: z
    .number('accent every N beats must be a number')
    .int('accent every N beats must be a whole number (0 = no accent)')
    .min(0, 'accent every N beats cannot be negative (0 = no accent)')
    .max(1000, 'accent every N beats is at most 1000')
    .default(0),
  offsetMs: z.number(offsetMessage).min(0, offsetMessage).max(OFFSET_MAX_MS, offsetMessage),
  targets: z.array(targetSchema, 'targets must be a list').max(64, 'at most 64 targets'),
  lookaheadMs: z
    .number('the lookahead must be a number of ms')
    .min(0, 'the lookahead cannot be negative')
    .max(1000, 'the lookahead is at most 1000 ms')
    .optional(),
});

/** Why settings were refused: every problem, each in words. */
export class MetronomeSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'MetronomeSettingsError';
  }
}

/** Checks and normalizes settings (defaults: format 'seed', accentEvery 0); throws {@link MetronomeSettingsError}. */
export function validateMetronomeSettings(x: unknown): MetronomeSettings {
  const result = settingsSchema.safeParse(x);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const [field, index] = issue.path;
    return field === 'targets' && typeof index === 'number'
      ? `target ${index + 1}: ${issue.message}`
      : issue.message;
  });
  throw new MetronomeSettingsError(problems);
}
