/**
 * The `metronome:*` domain: the workshop metronome's settings, its state, and where it sends.
 * Every field, its range and its words come from the model (shared/model), so a value out of
 * range is refused here with its field path ("BPM must be between 20 and 300" at `bpm`), in the
 * same words the engine and the CLI use.
 */
import { z } from 'zod';
import {
  accentEveryField,
  bpmField,
  lookaheadMsField,
  modeField,
  offsetMsField,
  oscAddressField,
  targetHostField,
  targetIdField,
  targetImpairmentFields,
  targetListField,
  targetPortField,
  tickFormatField,
} from '../../model';

/** How the metronome stamps ticks: plain on the beat, send time + F, or beat time + F. */
export const metronomeModeSchema = modeField;

/**
 * Network trouble added in front of one target (all zero = sent directly). Otherwise the engine
 * runs a seeded in-process relay (normal jitter) for that target; changes apply live.
 */
export const targetImpairmentSchema = z.strictObject(targetImpairmentFields);

/** One place ticks go. `id` is chosen by the client and stays stable (`targetErrors` keys). */
export const metronomeTargetViewSchema = z.strictObject({
  id: targetIdField,
  host: targetHostField,
  port: targetPortField,
  /** A literal OSC address such as '/tick'. */
  address: oscAddressField,
  /** 'seed': exactly "tick"; 'extended' adds beat, accent, send time and mode. */
  format: tickFormatField,
  impairment: targetImpairmentSchema,
});
/** See {@link metronomeTargetViewSchema}. */
export type MetronomeTargetView = z.infer<typeof metronomeTargetViewSchema>;

/** The targets, each id used once (errors land beside one row). */
const targetsSchema = targetListField(metronomeTargetViewSchema).superRefine((targets, ctx) => {
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    if (seen.has(t.id)) {
      ctx.addIssue({
        code: 'custom',
        path: [i, 'id'],
        message: `the id "${t.id}" is used by another target`,
      });
    }
    seen.add(t.id);
  });
});

/** The metronome's settings (ranges: METRONOME_LIMITS in shared/model/limits.ts). */
export const metronomeSettingsViewSchema = z.strictObject({
  mode: metronomeModeSchema,
  bpm: bpmField,
  /** Accent every N beats (0 = none), a whole number. */
  accentEvery: accentEveryField,
  /** The forward offset F. */
  offsetMs: offsetMsField,
  /** Forward mode: send each bundle this long before its beat (default 0, as the seed). */
  lookaheadMs: lookaheadMsField.optional(),
  targets: targetsSchema,
});
/** See {@link metronomeSettingsViewSchema}. */
export type MetronomeSettingsView = z.infer<typeof metronomeSettingsViewSchema>;

/** `metronome:update`: any subset of the settings; `targets`, when given, replaces the list. */
export const metronomeUpdateSchema = metronomeSettingsViewSchema.partial();

const count = z.int().min(0);

/** `metronome:get` and the other metronome commands answer it; `metronome:changed` pushes it. */
export const metronomeSnapshotSchema = z.strictObject({
  settings: metronomeSettingsViewSchema,
  isRunning: z.boolean(),
  counters: z.strictObject({
    beats: count,
    /** Datagrams handed to the sockets (beats x targets). */
    packets: count,
    sendErrors: count,
    /** Beats skipped because their moment had passed (a stalled machine). */
    skippedBeats: count,
  }),
  /** The last beat sent: its grid time, and its timetag as NTP hex (null in immediate mode). */
  lastBeat: z
    .strictObject({
      n: count,
      accent: z.boolean(),
      beatMs: z.number(),
      timetag: z.string().nullable(),
    })
    .nullable(),
  /** Per target id, what is wrong with it in plain words; cleared once it sends fine again. */
  targetErrors: z.record(z.string(), z.string()),
  /**
   * Per target id, why its ticks seem to reach nobody, in plain words ("Nothing is listening on
   * 127.0.0.1:9000 (port unreachable)..."). The metronome keeps sending; the entry clears a few
   * seconds after the port stops refusing. A relayed target's relay hears it for it.
   */
  unreachableTargets: z.record(z.string(), z.string()),
});
/** See {@link metronomeSnapshotSchema}. */
export type MetronomeSnapshot = z.infer<typeof metronomeSnapshotSchema>;
