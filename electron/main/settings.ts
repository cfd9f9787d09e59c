/**
 * Settings in userData/settings.json: validated with zod on load (a corrupt or foreign file means
 * defaults and a message, never a crash; the bad file is kept beside it) and written atomically
 * (temporary file + rename), so a crash mid-write never leaves half a file.
 */
import { readFileSync, renameSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/** What is stored. */
export const settingsSchema = z.object({
  version: z.literal(1),
  window: z.object({
    width: z.int().min(640).max(16384),
    height: z.int().min(480).max(16384),
  }),
});
/** See {@link settingsSchema}. */
export type Settings = z.infer<typeof settingsSchema>;

/** Settings of a first start. */
export const DEFAULT_SETTINGS: Settings = { version: 1, window: { width: 1280, height: 800 } };

/** Loaded settings and a way to change them. */
export interface SettingsStore {
  get(): Settings;
  /** Why the file on disk was not used, for the user; null when it was fine or absent. */
  readonly problem: string | null;
  /** Validates, then writes atomically. */
  save(next: Settings): Promise<void>;
}

/** Loads `file` (synchronously: it is read once, before the window opens). */
export function createSettingsStore(options: {
  file: string;
  log: (line: string) => void;
}): SettingsStore {
  const { file, log } = options;
  let current = DEFAULT_SETTINGS;
  let problem: string | null = null;
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT')
      problem = `Could not read ${file}: ${(error as Error).message}`;
  }
  if (text !== null) {
    const parsed = safeJson(text);
    const result = parsed.ok ? settingsSchema.safeParse(parsed.value) : null;
    if (result?.success) current = result.data;
    else {
      const kept = `${file}.corrupt`;
      problem = `Your settings file was unreadable (${parsed.ok ? z.prettifyError(result!.error).split('\n')[0] : 'not JSON'}), so the defaults are used. The old file was kept as ${kept}.`;
      try {
        renameSync(file, kept);
      } catch {
        // keeping the bad file is a courtesy; the defaults work without it
      }
    }
  }
  if (problem) log(`[settings] ${problem}`);
  let writing = Promise.resolve();
  return {
    get: () => current,
    problem,
    save(next) {
      current = settingsSchema.parse(next);
      const body = `${JSON.stringify(current, null, 2)}\n`;
      const tmp = `${file}.${process.pid}.tmp`;
      // One write at a time, so an older write can never rename over a newer one.
      writing = writing
        .then(async () => {
          await mkdir(dirname(file), { recursive: true });
          await writeFile(tmp, body, { mode: 0o600 });
          await rename(tmp, file);
        })
        .catch((error: Error) => log(`[settings] could not save ${file}: ${error.message}`));
      return writing;
    },
  };
}

function safeJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}
