/**
 * The window's bounds across launches, through the whole of main (fake electron, real engine
 * thread, real settings file): restored on launch where a display shows them, saved on close
 * before the app quits.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeState as fake } from './testing/fake-electron.mjs';

vi.mock('electron', () => import('./testing/fake-electron.mjs'));

const primary = { x: 0, y: 25, width: 1440, height: 875 };
let settingsFile = '';

beforeAll(async () => {
  fake.userData = mkdtempSync(join(tmpdir(), 'syncroscope-bounds-'));
  settingsFile = join(fake.userData, 'settings.json');
  // Last time the window was on a monitor to the right of this laptop; it is unplugged now.
  writeFileSync(
    settingsFile,
    JSON.stringify({ version: 1, window: { x: 1700, y: 120, width: 1400, height: 1000 } }),
  );
  fake.displays = [{ id: 1, workArea: primary }];
  vi.spyOn(console, 'log').mockImplementation(() => {});
  await import('./index');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 30_000, interval: 20 });
}, 40_000);

describe('window bounds', () => {
  it('opens on the primary display, fitted to it, when the saved monitor is gone', () => {
    const { x, y, width, height } = fake.windows[0]!.options;
    expect({ x, y, width, height }).toEqual({
      x: undefined,
      y: undefined,
      width: 1400,
      height: 875,
    });
    expect(fake.messageBoxes).toEqual([]); // a valid file: nothing to tell the user
  });

  it('saves where the user left the window when it is closed, before the app quits', async () => {
    const win = fake.windows[0]!;
    win.normalBounds = { x: 200, y: 80, width: 1100, height: 720 }; // the user moved it
    let savedAtQuit: unknown = null;
    fake.app.once('quit', () => (savedAtQuit = JSON.parse(readFileSync(settingsFile, 'utf8'))));
    win.close(); // the last window: the app quits, disposing the engine first
    await vi.waitFor(() => expect(savedAtQuit).not.toBeNull(), { timeout: 10_000 });
    expect(savedAtQuit).toMatchObject({
      window: { x: 200, y: 80, width: 1100, height: 720 },
    });
  });
});
