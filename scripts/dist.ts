/**
 * `npm run dist`: builds, then makes this computer's installers with electron-builder
 * (electron-builder.yml: AppImage, deb and tar.gz on Linux, dmg on macOS, nsis on Windows).
 * electron-builder needs an Electron build: an installed one (node_modules/electron/dist or
 * ELECTRON_OVERRIDE_DIST_PATH), a zip in Electron's download cache, or GitHub to download it from.
 * With none of these it says so plainly and builds nothing: exit 1, or 0 with --if-available
 * (for CI machines that may have no Electron). Other arguments go to electron-builder.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectron } from '../electron/web/electron-runtime';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const log = (line: string) => console.log(`[dist] ${line}`);

/** Where electron-builder gets Electron from, or why it cannot. */
type Source = { ok: true; electronDist?: string; how: string } | { ok: false; reasons: string[] };

async function findSource(version: string): Promise<Source> {
  const env = process.env;
  const installed = findElectron();
  if (installed.ok) {
    const dist = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(electronPackageDir(), 'dist');
    return { ok: true, electronDist: dist, how: `the installed Electron in ${dist}` };
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) return { ok: false, reasons: [installed.reason] };
  const zip = `electron-v${version}-${process.platform}-${process.arch}.zip`;
  const cached = findInCache(zip);
  if (cached) return { ok: true, how: `the cached ${cached}` };
  const mirror = env.ELECTRON_MIRROR ?? 'https://github.com/electron/electron/releases/download/';
  const url = `${mirror}v${version}/${zip}`;
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(10_000) });
    if (response.ok) return { ok: true, how: `a download from ${url}` };
    throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    return {
      ok: false,
      reasons: [
        `${installed.reason} (npm ci does not download it)`,
        `no ${zip} in Electron's download cache`,
        `${url} cannot be reached (${(error as Error).cause ?? (error as Error).message})`,
      ],
    };
  }
}

/** Electron's download cache (ELECTRON_CACHE, or the OS's cache folder), two levels deep. */
function findInCache(zip: string): string | null {
  const home = homedir();
  const dirs = process.env.ELECTRON_CACHE
    ? [process.env.ELECTRON_CACHE]
    : [
        join(process.env.XDG_CACHE_HOME ?? join(home, '.cache'), 'electron'),
        join(home, 'Library', 'Caches', 'electron'),
        join(process.env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'electron', 'Cache'),
      ];
  for (const dir of dirs.filter((d) => existsSync(d))) {
    if (existsSync(join(dir, zip))) return join(dir, zip);
    for (const sub of readdirSync(dir, { withFileTypes: true })) {
      if (sub.isDirectory() && existsSync(join(dir, sub.name, zip)))
        return join(dir, sub.name, zip);
    }
  }
  return null;
}

function electronPackageDir(): string {
  return dirname(require.resolve('electron/package.json'));
}

function run(script: string, args: string[]): number {
  return (
    spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' }).status ?? 1
  );
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const isOptional = args.includes('--if-available');
  const builderArgs = args.filter((a) => a !== '--if-available');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const version = pkg.devDependencies.electron!;
  const source = await findSource(version);
  if (!source.ok) {
    log(`NO INSTALLERS BUILT: no Electron ${version} build is available on this machine:`);
    for (const reason of source.reasons) log(`  - ${reason}`);
    log('Where GitHub can be reached, "npm run dist" downloads it; or set');
    log(`ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron ${version} for this platform.`);
    log('The packed layout is checked offline anyway: npx vitest run test/packaging');
    return isOptional ? 0 : 1;
  }
  log(`Electron ${version} from ${source.how}`);
  const vite = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js');
  if (run(vite, ['build']) !== 0) return 1;
  const electronDist = source.electronDist ? [`-c.electronDist=${source.electronDist}`] : [];
  const status = run(require.resolve('electron-builder/cli.js'), [...electronDist, ...builderArgs]);
  if (status !== 0) {
    log('electron-builder failed. Some targets download their own tools from GitHub too');
    log('(fpm for deb, the AppImage runtime); tar.gz needs 7-Zip.');
    return status;
  }
  log("done: the installers are in electron-builder's output folder (dist/ unless changed)");
  return 0;
}

process.exitCode = await main();
