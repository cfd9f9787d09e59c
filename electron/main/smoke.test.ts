/**
 * Smoke test of the BUILD OUTPUT: loads out/main/index.js in plain Node with 'electron' replaced
 * by a recording fake. Catches what unit tests of the source cannot: wrong paths to the preload,
 * the page or the engine worker, and packages the bundle failed to externalize or include.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mayTakeRealtime } from '../engine/testing/may-take-realtime';
import { commandNames } from '../../shared/ipc';

const root = fileURLToPath(new URL('../..', import.meta.url));
const built = join(root, 'out/main/index.js');
const isBuilt = existsSync(built) && existsSync(join(root, 'out/main/engine-worker.js'));
if (!isBuilt) {
  const text = `[smoke] out/main is not built: run "npm run build" first (npm run check does).`;
  if (process.env.CI === 'true') throw new Error(text);
  console.warn(`\n!!! SKIPPING the built-main smoke test. ${text}\n`);
}

describe.skipIf(!isBuilt)('built main process (out/main/index.js) with a fake electron', () => {
  it('registers every command, opens the secure window, refuses strangers, and exits on quit', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        './electron/main/testing/register-fake-electron.mjs',
        './electron/main/testing/smoke-driver.mjs',
        built,
      ],
      {
        cwd: root,
        env: {
          ...process.env,
          FAKE_USER_DATA: mkdtempSync(join(tmpdir(), 'syncroscope-ud-')),
          SYNCROSCOPE_REALTIME: 'on',
        },
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => (child.kill('SIGKILL'), resolve(null)), 25_000);
      child.on('exit', (c) => (clearTimeout(timer), resolve(c)));
    });
    expect(code, `did not exit cleanly after quit\n${out}\n${err}`).toBe(0);
    const line = out.split('\n').find((l) => l.startsWith('SMOKE '));
    expect(line, `${out}\n${err}`).toBeDefined();
    const report = JSON.parse(line!.slice(6));
    expect(report.channels).toEqual([...commandNames].sort());
    expect(report.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      backgroundThrottling: false,
    });
    expect(report.preloadExists).toBe(true);
    expect(report.pageExists).toBe(true);
    expect(report.engineGet).toMatchObject({
      ok: true,
      value: { receiver: { status: 'stopped' } },
    });
    expect(report.badPayload).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(report.fromIframe).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(report.denies).toEqual({ media: false, speaker: false, checkMedia: false });
    expect(report.menuLabels).toContain('File');
    expect(out).toMatch(/\[engine\] engine thread ready \(built: .*out\/main\/engine-worker\.js\)/);
    // Told SYNCROSCOPE_REALTIME=on, the bundled worker asks for real-time priority, and
    // engine:get says what it got.
    if (process.platform === 'linux') {
      expect(out).toMatch(/\[engine\] timing: (real-time|normal) priority/);
      expect(report.engineGet).toMatchObject({
        value: { priority: { kind: mayTakeRealtime() ? 'realtime' : 'normal' } },
      });
    }
  });
});
