/**
 * The `metronome:*` domain: the workshop metronome's settings, its state, and where it sends.
 * The request schema checks shapes only; the engine checks the ranges (METRONOME_LIMITS in
 * constants.ts) and answers a bad value with code 'invalid' and a sentence a participant can act
 * on ("BPM must be between 20 and 300"), the same words the CLI prints.
 */
import { z } from 'zod';

/** How the metronome stamps ticks: plain on the beat, send time + F, or beat time + F. */
export const metronomeModeSchema = z.enum(['immediate', 'offset', 'forward']);

/**
 * Network trouble added in front of one target (all zero = sent directly). Otherwise the engine
 * runs a seeded in-process relay (normal jitter) for that target; changes apply live.
 */
export const targetImpairmentSchema = z.strictObject({
  /** Mean added one-way delay, 0..10000 ms. */
  delayMs: z.number(),
  /** Standard deviation of the delay, 0..5000 ms. */
  jitterMs: z.number(),
  /** Probability a tick is lost, 0..1. */
  loss: z.number(),
});

/** One place ticks go. `id` is chosen by the client and stays stable (`targetErrors` keys). */
export const metronomeTargetViewSchema = z.strictObject({
  id: z.string(),
  host: z.string(),
  /** 1..65535. */
  port: z.number(),
  /** A literal OSC address such as '/tick'. */
  address: z.string(),
  /** 'seed': exactly "tick"; 'extended' adds beat, accent, send time and mode. */
  format: z.enum(['seed', 'extended']),
  impairment: targetImpairmentSchema,
});
/** See {@link metronomeTargetViewSchema}. */
export type MetronomeTargetView = z.infer<typeof metronomeTargetViewSchema>;

/** The metronome's settings (ranges: METRONOME_LIMITS in constants.ts). */
export const metronomeSettingsViewSchema = z.strictObject({
  mode: metronomeModeSchema,
  bpm: z.number(),
  /** Accent every N beats (0 = none), a whole number. */
  accentEvery: z.number(),
  /** The forward offset F. */
  offsetMs: z.number(),
  /** Forward mode: send each bundle this long before its beat (default 0, as the seed). */
  lookaheadMs: z.number().optional(),
  targets: z.array(metronomeTargetViewSchema),
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
});
/** See {@link metronomeSnapshotSchema}. */
export type MetronomeSnapshot = z.infer<typeof metronomeSnapshotSchema>;
