/** Helpers of the packaging test: the build it packs, and what counts as a production package. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What electron-builder packs from out/: a missing one means out/ is not built. */
const BUILT = [
  'out/main/index.js',
  'out/main/engine-worker.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];

/** Builds out/ (as `npm run build`) when it is missing; `npm run check` has built it already. */
export function ensureBuilt(root: string): void {
  if (BUILT.every((file) => existsSync(join(root, file)))) return;
  console.log('[pack] out/ is not built: building it first (npm run build)');
  const pkg = createRequire(import.meta.url).resolve('electron-vite/package.json');
  const cli = join(dirname(pkg), 'bin/electron-vite.js'); // bin/ is not in its exports
  const run = spawnSync(process.execPath, [cli, 'build'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (run.status !== 0) throw new Error(`npm run build failed:\n${run.stdout}\n${run.stderr}`);
}

/** The package folders (`node_modules/a`, `node_modules/a/node_modules/b`) npm installs for production. */
export function productionPackages(root: string): Set<string> {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean }>;
  };
  return new Set(
    Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.dev !== true)
      .map(([path]) => path),
  );
}

/** The package folder an archive path belongs to (`node_modules/@s/p/x.js` -> `node_modules/@s/p`). */
export function packageOf(path: string): string | null {
  const parts = path.split('/');
  let end = -1;
  for (let i = 0; i < parts.length - 1; i++) {
    if (parts[i] !== 'node_modules') continue;
    const isScoped = parts[i + 1]!.startsWith('@');
    if (isScoped && i + 2 >= parts.length) break; // the scope folder itself
    end = i + (isScoped ? 3 : 2);
    i = end - 1;
  }
  return end < 0 ? null : parts.slice(0, end).join('/');
}
