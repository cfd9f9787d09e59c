/**
 * The metronome's and the relay's limits as plain values (no zod), so the page can bound its
 * sliders without loading the schemas. The schemas (metronome-fields.ts, impairment.ts), the
 * engine, the CLI and the page's saved settings all take their numbers from here.
 */

/** immediate: plain message when due (example 2); offset: send time + F (example 3); forward: grid time + F (part 4). */
export const METRONOME_MODES = ['immediate', 'offset', 'forward'] as const;
/** One of {@link METRONOME_MODES}. */
export type MetronomeMode = (typeof METRONOME_MODES)[number];

/** Argument format: 'seed' = exactly one string "tick"; 'extended' adds beat, accent, send time, mode. */
export const TICK_FORMATS = ['seed', 'extended'] as const;
/** One of {@link TICK_FORMATS}. */
export type TickFormat = (typeof TICK_FORMATS)[number];

/** How the relay spreads its jitter: normal (sd) or uniform (half-width). */
export const JITTER_DISTRIBUTIONS = ['normal', 'uniform'] as const;

/** Inclusive bounds of one number. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/**
 * What the metronome accepts. 16 targets: each impaired target runs its own relay on the engine
 * thread, and the page lists them as rows. Target ids up to 64 characters: chosen by the client,
 * compared as they are.
 */
export const METRONOME_LIMITS = {
  bpm: { min: 20, max: 300 },
  accentEvery: { min: 0, max: 1000 },
  offsetMs: { min: 0, max: 2000 },
  lookaheadMs: { min: 0, max: 1000 },
  port: { min: 1, max: 65535 },
  targets: { max: 16 },
  targetId: { maxLength: 64 },
  hostName: { maxLength: 253 },
} as const;

/** What the impairment relay accepts; a metronome target uses delay, jitter and loss. */
export const IMPAIRMENT_LIMITS = {
  delayMs: { min: 0, max: 10_000 },
  jitterMs: { min: 0, max: 5000 },
  loss: { min: 0, max: 1 },
  reorder: { min: 0, max: 1 },
  duplicate: { min: 0, max: 1 },
} as const satisfies Record<string, Range>;
