/**
 * The sender's metronome settings: the types and the one validator every caller (engine, CLI,
 * tests) goes through. Each problem keeps the path of its field and words a participant can act on.
 */
import { z } from 'zod';
import { describeSettingsProblem, fieldProblems, type FieldProblem } from './field-issues';
import {
  accentEveryField,
  bpmField,
  lookaheadMsField,
  modeField,
  offsetMsField,
  oscAddressField,
  targetHostField,
  targetListField,
  targetPortField,
  tickFormatField,
} from './metronome-fields';
import type { MetronomeMode, TickFormat } from './limits';

export type { MetronomeMode, TickFormat } from './limits';

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

const targetSchema = z.object({
  host: targetHostField,
  port: targetPortField,
  address: oscAddressField,
  format: tickFormatField.default('seed'),
});

const settingsSchema = z.object({
  mode: modeField,
  bpm: bpmField.transform((bpm) => Math.round(bpm * 1000) / 1000),
  accentEvery: accentEveryField.default(0),
  offsetMs: offsetMsField,
  targets: targetListField(targetSchema),
  lookaheadMs: lookaheadMsField.optional(),
});

/** Why settings were refused: every problem, each with its field and in words. */
export class MetronomeSettingsError extends Error {
  /** Each problem as a sentence naming its target ("target 1: the port must be ..."). */
  readonly problems: string[];
  constructor(readonly issues: FieldProblem[]) {
    const problems = issues.map(describeSettingsProblem);
    super(problems.join('; '));
    this.name = 'MetronomeSettingsError';
    this.problems = problems;
  }
}

/** Checks and normalizes settings (defaults: format 'seed', accentEvery 0); throws {@link MetronomeSettingsError}. */
export function validateMetronomeSettings(x: unknown): MetronomeSettings {
  const result = settingsSchema.safeParse(x);
  if (result.success) return result.data;
  throw new MetronomeSettingsError(fieldProblems(result.error));
}
