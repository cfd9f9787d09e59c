/**
 * Packs the app with electron-builder as an installer would (`--linux --dir`), against a stand-in
 * Electron distribution (our machines cannot download Electron), and checks the packed app:
 * every file main loads at run time is where main's own path code looks for it, the packed main
 * process boots from the packed files alone, and nothing from tests or sources leaks in.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll, listPackage, statFile } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveWorkerEntry } from '../../electron/engine/thread/worker-entry';
import { builtAppPaths, companionPatchesDir } from '../../electron/main/app-paths';
import { findElectron } from '../../electron/web/electron-runtime';
import { commandNames } from '../../shared/ipc';
import { ensureBuilt, packageOf, productionPackages } from './packing';

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const work = mkdtempSync(join(tmpdir(), 'syncroscope-pack-'));
const appOutDir = join(work, 'dist', 'linux-unpacked');
const resources = join(appOutDir, 'resources');
const asarPath = join(resources, 'app.asar');
const app = join(work, 'app'); // the archive, extracted
let entries: string[] = [];

beforeAll(() => {
  const electron = findElectron();
  console.log(
    electron.ok
      ? '\n[pack] Packing against a stand-in Electron with --dir (an Electron build is installed ' +
          'here, so "npm run dist" can build the real installers).\n'
      : `\n[pack] No Electron build here (${electron.reason}): packing against a STAND-IN ` +
          'Electron with --dir. Real installers (AppImage, deb, tar.gz) cannot be built on this ' +
          'machine; "npm run dist" builds them where an Electron build is available.\n',
  );
  ensureBuilt(root);
  const builder = spawnSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--linux',
      '--dir',
      `-c.electronDist=${makeStandInElectron(join(work, 'electron'))}`,
      `-c.directories.output=${join(work, 'dist')}`,
    ],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
    },
  );
  if (builder.status !== 0) {
    throw new Error(
      `electron-builder failed (${builder.status}):\n${builder.stdout}\n${builder.stderr}`,
    );
  }
  entries = listPackage(asarPath, { isPack: false }).map((e) =>
    e.replace(/\\/g, '/').replace(/^\//, ''),
  );
  extractAll(asarPath, app);
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * What electron-builder needs of an Electron distribution on Linux, found by trying: the
 * `electron` executable (renamed to ours). Everything else (Chromium's .pak and .so files, the
 * default app) is only copied along; a stand-in executable can never start, which is the point.
 */
function makeStandInElectron(dir: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'electron'),
    '#!/bin/sh\necho "stand-in Electron: cannot run" >&2\nexit 1\n',
  );
  chmodSync(join(dir, 'electron'), 0o755);
  return dir;
}

describe('the packed app (electron-builder --linux --dir)', () => {
  it('has our executable and the app archive where Electron looks for it', () => {
    expect(statSync(join(appOutDir, 'syncroscope')).mode & 0o111).not.toBe(0);
    expect(existsSync(asarPath)).toBe(true);
    expect(existsSync(`${asarPath}.unpacked`)).toBe(false); // nothing native needs unpacking
  });

  it('holds every file main loads, at the paths main computes', () => {
    const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as {
      main: string;
    };
    const mainFile = join(app, manifest.main);
    expect(existsSync(mainFile), manifest.main).toBe(true);
    const mainDir = dirname(mainFile);
    const { preload, page } = builtAppPaths(mainDir);
    expect(existsSync(preload), 'preload').toBe(true);
    expect(existsSync(page), 'page').toBe(true);
    const worker = resolveWorkerEntry(mainDir);
    expect(worker.kind).toBe('built');
    // Inside the archive, not unpacked: Electron starts worker threads (and ES modules) from it.
    expect(statFile(asarPath, worker.file.slice(app.length + 1))).not.toHaveProperty(
      'unpacked',
      true,
    );
    // The page's own scripts and styles, relative to index.html.
    const html = readFileSync(page, 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(existsSync(join(dirname(page), ref)), ref).toBe(true);
  });

  it('carries the tick and accent sounds inside the page bundle, where the page plays them from', () => {
    const bundle = readdirSync(join(app, 'out/renderer/assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(app, 'out/renderer/assets', f), 'utf8'))
      .join('\n');
    for (const sound of ['tick.wav', 'accent.wav']) {
      const base64 = readFileSync(join(root, 'assets', sound)).toString('base64');
      expect(bundle.includes(`data:audio/wav;base64,${base64}`), sound).toBe(true);
    }
  });

  it('ships the companion Pd patches as plain files where the Help menu opens them', () => {
    const shipped = companionPatchesDir({
      isPackaged: true,
      resourcesPath: resources,
      appPath: app,
    });
    const patches = readdirSync(join(root, 'assets/peers')).filter((f) => f.endsWith('.pd'));
    expect(patches.length).toBeGreaterThan(0);
    for (const patch of patches) {
      const packed = join(shipped, patch);
      expect(existsSync(packed), patch).toBe(true);
      expect(
        readFileSync(packed).equals(readFileSync(join(root, 'assets/peers', patch))),
        patch,
      ).toBe(true);
    }
  });

  it('boots from the packed files alone: main, its engine thread and their dependencies', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        join(root, 'electron/main/testing/register-fake-electron.mjs'),
        join(root, 'electron/main/testing/smoke-driver.mjs'),
        join(app, 'out/main/index.js'),
      ],
      {
        cwd: app,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, FAKE_USER_DATA: mkdtempSync(join(work, 'user-data-')) },
      },
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const line = run.stdout.split('\n').find((l) => l.startsWith('SMOKE '));
    const report = JSON.parse(line!.slice(6));
    expect(report.channels).toEqual([...commandNames].sort());
    expect(report).toMatchObject({
      preloadExists: true,
      pageExists: true,
      engineGet: { ok: true },
    });
    expect(run.stdout).toContain(
      `engine thread ready (built: ${join(app, 'out/main/engine-worker.js')})`,
    );
  });

  it('contains only the build, the manifest and production dependencies: no tests or sources', () => {
    const top = new Set(entries.map((e) => e.split('/')[0]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const leaks = entries.filter(
      (e) =>
        /\.(test|spec)\.|\.test-util\.|\.(ts|tsx|mts|cts|map)$/.test(e) ||
        /(^|\/)(e2e|bench|test|tests|__tests__)(\/|$)/.test(e),
    );
    expect(leaks).toEqual([]);
    const isFile = (e: string) => !('files' in statFile(asarPath, e));
    const ours = entries.filter((e) => e.startsWith('out/') && isFile(e));
    expect(ours.filter((e) => !/\.(js|cjs|css|html)$/.test(e))).toEqual([]);
    const production = productionPackages(root);
    const packages = new Set(entries.map(packageOf).filter((p) => p !== null));
    expect([...packages].filter((p) => !production.has(p))).toEqual([]);
    expect(packages.has('node_modules/zod')).toBe(true);
  });
});
