/**
 * `npm run dist` where no Electron build can be had: it says why in plain words and builds
 * nothing (exit 1), or exits 0 with --if-available, as CI machines without Electron need.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { electron } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies;
// An Electron that is not there: the script must stop at that, whatever this machine has.
const missing = mkdtempSync(join(tmpdir(), 'syncroscope-no-electron-'));

function dist(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/dist.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: missing },
  });
}

describe('npm run dist without an Electron build', () => {
  it('says that no installers were built and why, and fails', () => {
    const run = dist();
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain(`[dist] NO INSTALLERS BUILT: no Electron ${electron} build`);
    expect(run.stdout).toContain(`ELECTRON_OVERRIDE_DIST_PATH has no Electron binary (${missing}`);
    expect(run.stdout).not.toMatch(/electron-builder {2}version/); // it never started
  });

  it('says the same but succeeds with --if-available', () => {
    const run = dist('--if-available');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('[dist] NO INSTALLERS BUILT');
  });
});
