/**
 * Settings in userData/settings.json. Loading never crashes and never throws a setting away
 * unseen: the file may be UTF-8 (with or without a BOM) or UTF-16 (as Windows editors save it);
 * a file from an older version is filled in with defaults field by field; a field that is not
 * valid gets its default while the others are kept; a file that cannot be read at all means the
 * defaults. Whenever something on disk is not used, a copy is kept beside it first (a numbered
 * series that never overwrites an earlier copy) and the message says where it went.
 * Writes are atomic and durable: a temporary file, flushed to disk, renamed over the old one.
 * How the file itself is read, kept and written: settings-file.ts.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { decodeSettingsText, keepBackup, writeAtomically } from './settings-file';

/** The version this build writes. */
export const SETTINGS_VERSION = 1;

/** What is stored. */
export const settingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  window: z.object({
    width: z.int().min(640).max(16384),
    height: z.int().min(480).max(16384),
    /** The window's position when it was saved; main keeps it only if a display still shows it. */
    x: z.int().min(-65536).max(65536).optional(),
    y: z.int().min(-65536).max(65536).optional(),
  }),
});
/** See {@link settingsSchema}. */
export type Settings = z.infer<typeof settingsSchema>;

/** Settings of a first start. */
export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  window: { width: 1280, height: 800 },
};

/** Loaded settings and a way to change them. */
export interface SettingsStore {
  get(): Settings;
  /** Why (part of) the file on disk was not used, and where it was kept; null when all was used. */
  readonly problem: string | null;
  /** Validates, then writes atomically. */
  save(next: Settings): Promise<void>;
  /** Resolves once every write begun so far has finished (or failed, which is logged). */
  whenWritten(): Promise<void>;
}

/** Loads `file` (synchronously: it is read once, before the window opens). */
export function createSettingsStore(options: {
  file: string;
  log: (line: string) => void;
}): SettingsStore {
  const { file, log } = options;
  const loaded = load(file);
  let current = loaded.settings;
  if (loaded.problem) log(`[settings] ${loaded.problem}`);
  else if (loaded.note) log(`[settings] ${loaded.note}`);
  let writing = Promise.resolve();
  const write = (settings: Settings): Promise<void> => {
    const body = `${JSON.stringify(settings, null, 2)}\n`;
    // One write at a time, so an older write can never rename over a newer one.
    writing = writing
      .then(() => writeAtomically(file, body))
      .catch((error: Error) => log(`[settings] could not save ${file}: ${error.message}`));
    return writing;
  };
  // A repaired file is written back at once: the next start reads it as it is, with no new copy.
  if (loaded.shouldRewrite) void write(current);
  return {
    get: () => current,
    problem: loaded.problem,
    save(next) {
      current = settingsSchema.parse(next);
      return write(current);
    },
    whenWritten: () => writing,
  };
}

interface Loaded {
  settings: Settings;
  problem: string | null;
  /** What was done that needs no warning (an older file filled in). */
  note: string | null;
  shouldRewrite: boolean;
}

function load(file: string): Loaded {
  const ok = (settings: Settings): Loaded => ({
    settings,
    problem: null,
    note: null,
    shouldRewrite: false,
  });
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return ok(DEFAULT_SETTINGS);
    return {
      ...ok(DEFAULT_SETTINGS),
      problem: `Could not read ${file} (${(error as Error).message}), so the defaults are used.`,
    };
  }
  const text = decodeSettingsText(bytes);
  const value = text === null ? undefined : parseJson(text);
  if (value === undefined || !isPlainObject(value)) {
    const why = text === null ? 'not text' : value === undefined ? 'not JSON' : 'not an object';
    const kept = keepBackup(file, 'corrupt', true);
    return {
      ...ok(DEFAULT_SETTINGS),
      problem: `Your settings file was unreadable (${why}), so the defaults are used. ${kept}`,
    };
  }
  // A file without a version predates versioning: older than every numbered one.
  const version = typeof value.version === 'number' ? value.version : 0;
  const merged = fillFields(
    settingsSchema,
    DEFAULT_SETTINGS,
    { ...value, version: SETTINGS_VERSION },
    [],
  );
  const settings = merged.value;
  if (version > SETTINGS_VERSION) {
    const kept = keepBackup(file, `v${version}`, false);
    return {
      settings,
      problem: `Your settings file is from a newer Syncroscope (version ${version}): the settings this version knows were kept${listed(merged.invalid, ', except')}. ${kept}`,
      note: null,
      shouldRewrite: true,
    };
  }
  if (merged.invalid.length > 0) {
    const kept = keepBackup(file, 'corrupt', false);
    return {
      settings,
      problem: `Some saved settings were not valid${listed(merged.invalid, ':')}, so their defaults are used; the others were kept. ${kept}`,
      note: null,
      shouldRewrite: true,
    };
  }
  if (merged.missing.length > 0 || version < SETTINGS_VERSION) {
    return {
      settings,
      problem: null,
      note: `settings from an older version: ${merged.missing.join(', ') || 'nothing'} filled in with the defaults`,
      shouldRewrite: true,
    };
  }
  return ok(settings);
}

const listed = (fields: readonly string[], lead: string): string =>
  fields.length === 0 ? '' : `${lead} ${fields.join(', ')}`;

/**
 * Each field of `shape` from `given` when it is valid there, else its default; nested objects
 * field by field too. `missing` and `invalid` name the fields that took their default.
 */
function fillFields<T extends Record<string, unknown>>(
  schema: z.ZodObject,
  defaults: T,
  given: unknown,
  path: readonly string[],
): { value: T; missing: string[]; invalid: string[] } {
  const out: Record<string, unknown> = {};
  const missing: string[] = [];
  const invalid: string[] = [];
  const source = isPlainObject(given) ? given : {};
  if (given !== undefined && !isPlainObject(given)) invalid.push(path.join('.'));
  for (const [key, field] of Object.entries(schema.shape)) {
    const name = [...path, key].join('.');
    const value = source[key];
    if (field instanceof z.ZodObject) {
      const inner = fillFields(field, defaults[key] as Record<string, unknown>, value, [
        ...path,
        key,
      ]);
      out[key] = inner.value;
      missing.push(...inner.missing);
      invalid.push(...inner.invalid);
      continue;
    }
    const parsed = (field as z.ZodType).safeParse(value);
    if (parsed.success && parsed.data !== undefined) out[key] = parsed.data;
    else if (parsed.success)
      continue; // an optional field that is not there
    else if (value === undefined) {
      missing.push(name);
      if (defaults[key] !== undefined) out[key] = defaults[key];
    } else {
      invalid.push(name);
      if (defaults[key] !== undefined) out[key] = defaults[key];
    }
  }
  return { value: out as T, missing, invalid };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
