/**
 * Is the Electron runtime here? The `electron` package ships without its binary, which is fetched
 * from GitHub on first use; our build machines cannot reach it. Finding out must never hang or
 * spill a stack trace: the caller prints one line and falls back to the web host.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the runtime is, or why it cannot be had. */
export type ElectronRuntime = { ok: true; path: string } | { ok: false; reason: string };

/** Options for {@link findElectron}. */
export interface FindElectronOptions {
  /** Also let the `electron` package try its first-use download (in a child, output captured). */
  isDownloadAllowed?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Folder of the `electron` package; found from here by default. */
  packageDir?: string | null;
}

/** Finds an installed Electron binary (ELECTRON_OVERRIDE_DIST_PATH or node_modules/electron/dist). */
export function findElectron(options: FindElectronOptions = {}): ElectronRuntime {
  const env = options.env ?? process.env;
  const dir = options.packageDir === undefined ? electronPackageDir() : options.packageDir;
  if (dir === null) return { ok: false, reason: 'the electron package is not installed' };
  const pathTxt = join(dir, 'path.txt');
  const relative = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, relative ?? 'electron');
    return existsSync(binary)
      ? { ok: true, path: binary }
      : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron binary (${binary})` };
  }
  const installed = relative === null ? null : join(dir, 'dist', relative);
  if (installed !== null && existsSync(installed)) return { ok: true, path: installed };
  if (!options.isDownloadAllowed) {
    return { ok: false, reason: "Electron's binary is not installed (node_modules/electron/dist)" };
  }
  // What `require('electron')` does: download on first use. Captured, so a failure is one line.
  const run = spawnSync(
    process.execPath,
    ['-e', `process.stdout.write(require(${JSON.stringify(dir)}))`],
    {
      encoding: 'utf8',
      timeout: 180_000,
      env: { ...env, ELECTRON_RUN_AS_NODE: undefined },
    },
  );
  const found = run.status === 0 ? run.stdout.trim() : '';
  if (found && existsSync(found)) return { ok: true, path: found };
  const failed = /Electron failed to install correctly/.test(run.stderr ?? '');
  return {
    ok: false,
    reason: failed
      ? 'Electron failed to install correctly: its binary could not be downloaded'
      : `Electron's binary could not be found or downloaded${run.error ? ` (${run.error.message})` : ''}`,
  };
}

function electronPackageDir(): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}
