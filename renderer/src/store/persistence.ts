/**
 * The UI's settings in localStorage: saved whenever they change, validated section by section on
 * load. A corrupt or outdated section falls back to its defaults; loading never throws.
 */
import { z } from 'zod';
import { metronomeSettingsViewSchema } from '../../../shared/ipc/domains/metronome';
import { timecodeSettingsSchema } from '../../../shared/ipc/domains/timecode';
import { defaultTimecode } from '../timecode/timecode-defaults';
import type { TimecodeSettingsView } from '../timecode/timecode-types';
import type { MetronomeSettingsView } from './contract-types';
import {
  defaultComposer,
  defaultMetronome,
  defaultPlotOptions,
  defaultReceiver,
  PLOT_WINDOWS_S,
  type ComposerDraft,
  type PlotOptions,
  type ReceiverDraft,
} from './defaults';

/** The localStorage key (the version is part of it: a new shape starts from defaults). */
export const STORAGE_KEY = 'syncroscope.ui.v1';

/** Everything the UI keeps across restarts. */
export interface PersistedSettings {
  receiver: ReceiverDraft;
  metronome: MetronomeSettingsView;
  composer: ComposerDraft;
  presetId: string | null;
  plot: PlotOptions;
  timecode: TimecodeSettingsView;
}

// The engine's own schema (built from shared/model): what it would refuse is not restored.
const metronomeSchema = metronomeSettingsViewSchema;

const receiverSchema = z.object({
  role: z.enum(['python', 'pd', 'custom']),
  port: z.int().min(0).max(65535),
  // Absent in saves from before the choice existed: this computer only, as it was then.
  network: z.boolean().default(false),
});

const text = z.string().max(2000);
const composerSchema = z.object({
  host: text,
  port: text,
  address: text,
  args: text,
  atMs: text,
});

const plotSchema = z.object({
  windowS: z.number().refine((s) => (PLOT_WINDOWS_S as readonly number[]).includes(s)),
  showArrival: z.boolean(),
});

const presetIdSchema = z.string().max(40).nullable();

/** Exactly what a save writes. */
const strictSchema = z.object({
  receiver: receiverSchema,
  metronome: metronomeSchema,
  composer: composerSchema,
  presetId: presetIdSchema,
  plot: plotSchema,
  // Absent in saves from before the timecode roles: not damage, just an older save.
  timecode: timecodeSettingsSchema.optional(),
});

// Each section validates on its own: one bad section costs only itself.
const lenientSchema = z.object({
  receiver: receiverSchema.catch(defaultReceiver),
  metronome: metronomeSchema.catch(defaultMetronome),
  composer: composerSchema.catch(defaultComposer),
  presetId: presetIdSchema.catch(null),
  plot: plotSchema.catch(defaultPlotOptions),
  timecode: timecodeSettingsSchema.catch(defaultTimecode),
});

/** The settings of a first start. */
export function defaultSettings(): PersistedSettings {
  return {
    receiver: defaultReceiver(),
    metronome: defaultMetronome(),
    composer: defaultComposer(),
    presetId: null,
    plot: defaultPlotOptions(),
    timecode: defaultTimecode(),
  };
}

/** What `loadSettings` found. */
export interface LoadResult {
  settings: PersistedSettings;
  /** Saved settings existed but (some of) them were unusable and were replaced by defaults. */
  wasRepaired: boolean;
}

/** Reads and validates the saved settings; anything unusable becomes its default. */
export function loadSettings(storage: Pick<Storage, 'getItem'> | null): LoadResult {
  let raw: string | null = null;
  try {
    raw = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    // Storage can be disabled (privacy settings); run on defaults.
  }
  if (raw === null) return { settings: defaultSettings(), wasRepaired: false };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { settings: defaultSettings(), wasRepaired: true };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { settings: defaultSettings(), wasRepaired: true };
  }
  const isIntact = strictSchema.safeParse(json).success;
  const settings: PersistedSettings = lenientSchema.parse(json);
  return { settings, wasRepaired: !isIntact };
}

/** Writes the settings; a full or disabled storage is not the user's problem right now. */
export function saveSettings(
  storage: Pick<Storage, 'setItem'> | null,
  settings: PersistedSettings,
): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Quota exceeded or storage disabled: the settings just won't survive a restart.
  }
}
