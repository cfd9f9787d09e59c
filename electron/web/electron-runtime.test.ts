import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectron } from './electron-runtime';

/** A stand-in `electron` package: its index.js is what `require('electron')` runs. */
function fakePackage(options: { pathTxt?: string; binary?: boolean; index?: string }) {
  const dir = join(mkdtempSync(join(tmpdir(), 'syncroscope-electron-')), 'electron');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"electron","main":"index.js"}');
  if (options.pathTxt) writeFileSync(join(dir, 'path.txt'), options.pathTxt);
  if (options.binary) {
    writeFileSync(join(dir, 'dist', 'electron'), '');
    chmodSync(join(dir, 'dist', 'electron'), 0o755);
  }
  writeFileSync(
    join(dir, 'index.js'),
    options.index ?? 'module.exports = "/nonexistent/electron";',
  );
  return dir;
}

describe('findElectron', () => {
  it('finds an installed binary through path.txt', () => {
    const dir = fakePackage({ pathTxt: 'electron', binary: true });
    expect(findElectron({ packageDir: dir, env: {} })).toEqual({
      ok: true,
      path: join(dir, 'dist', 'electron'),
    });
  });

  it('uses ELECTRON_OVERRIDE_DIST_PATH, and says so when it holds no binary', () => {
    const dist = mkdtempSync(join(tmpdir(), 'syncroscope-dist-'));
    const dir = fakePackage({ pathTxt: 'electron' });
    expect(
      findElectron({ packageDir: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: dist } }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ELECTRON_OVERRIDE_DIST_PATH has no Electron binary'),
    });
    writeFileSync(join(dist, 'electron'), '');
    expect(findElectron({ packageDir: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: dist } })).toEqual({
      ok: true,
      path: join(dist, 'electron'),
    });
  });

  it('without the package or its binary, says why instead of downloading', () => {
    expect(findElectron({ packageDir: null, env: {} })).toEqual({
      ok: false,
      reason: 'the electron package is not installed',
    });
    expect(findElectron({ packageDir: fakePackage({}), env: {} })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not installed'),
    });
  });

  it("turns the package's failed first-use download into one short reason", () => {
    const dir = fakePackage({
      index: `console.log('Downloading Electron binary...'); console.error(new Error('fetch failed').stack);
        throw new Error('Electron failed to install correctly. Please delete node_modules/electron');`,
    });
    const r = findElectron({ packageDir: dir, env: {}, isDownloadAllowed: true });
    expect(r).toEqual({
      ok: false,
      reason: 'Electron failed to install correctly: its binary could not be downloaded',
    });
  });

  it('accepts what a successful first-use download returns', () => {
    const dir = fakePackage({ binary: true });
    const binary = join(dir, 'dist', 'electron');
    const r = findElectron({
      packageDir: fakePackage({ index: `module.exports = ${JSON.stringify(binary)};` }),
      env: {},
      isDownloadAllowed: true,
    });
    expect(r).toEqual({ ok: true, path: binary });
  });
});
