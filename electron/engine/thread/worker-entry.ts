/**
 * Where the engine worker's code is: the bundled `engine-worker.js` beside the built main
 * process (out/main), or the TypeScript source through a tsx bootstrap (tsx, vitest).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A worker script and how it was found. */
export interface WorkerEntry {
  kind: 'built' | 'source';
  file: string;
}

/**
 * Picks the entry for code running from `dir`: the built one when it exists (in the bundle
 * `dir` is out/main), else the source bootstrap next to this file.
 */
export function resolveWorkerEntry(dir: string = here()): WorkerEntry {
  const built = join(dir, 'engine-worker.js');
  if (existsSync(built)) return { kind: 'built', file: built };
  const source = join(dir, 'engine-worker-dev.mjs');
  if (existsSync(source)) return { kind: 'source', file: source };
  throw new Error(
    `[engine] no engine worker next to ${dir}: expected engine-worker.js (run "npm run build") or engine-worker-dev.mjs`,
  );
}

function here(): string {
  return fileURLToPath(new URL('.', import.meta.url));
}
