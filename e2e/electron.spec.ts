/**
 * The real Electron app, launched by Playwright, where an Electron binary exists: a normal
 * install (node_modules/electron/dist) or ELECTRON_OVERRIDE_DIST_PATH pointing at an unpacked
 * Electron 45. Our build machines cannot download it: there this spec says loudly that it did
 * not run, and is skipped (it never launches Chromium in Electron's place: that hangs).
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { decodePacket } from '../shared/osc';
import { findElectron } from '../electron/web/electron-runtime';
import { createUdpSink } from './udp';

const appDir = fileURLToPath(new URL('..', import.meta.url));

// eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
test('the Electron app opens its secure window and its page reaches the engine', async ({}, testInfo) => {
  const runtime = findElectron(); // never downloads
  if (!runtime.ok) {
    const banner = [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      `!!! ELECTRON E2E DID NOT RUN: ${runtime.reason}.`,
      '!!! Set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45.4.1 to run it.',
      '!!! (Expected on our build machines: the web-host scenarios cover the same path.)',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n');
    console.log(banner);
    testInfo.annotations.push({ type: 'did-not-run', description: runtime.reason });
    test.skip(true, `ELECTRON E2E DID NOT RUN: ${runtime.reason}`);
    return;
  }

  const sink = await createUdpSink();
  const app = await electron.launch({
    executablePath: runtime.path,
    args: [appDir],
    timeout: 30_000,
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByTestId('connection')).toHaveText('open');
    // The page sees the typed facade only: no Node, no ipcRenderer. (Callbacks run in the page:
    // they cannot close over anything here.)
    type PageGlobals = { require?: unknown; process?: unknown; syncroscope?: object };
    expect(
      await page.evaluate(() => {
        const g = globalThis as PageGlobals;
        return [typeof g.require, typeof g.process, Object.keys(g.syncroscope ?? {}).sort()];
      }),
    ).toEqual(['undefined', 'undefined', ['invoke', 'subscribe']]);
    const isThrottled = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.webContents.getBackgroundThrottling(),
    );
    expect(isThrottled).toBe(false);

    await page.getByTestId('send-port').fill(String(sink.port));
    await page.getByTestId('send-address').fill('/py');
    await page.getByTestId('send-button').click();
    expect(decodePacket(await sink.next())).toMatchObject({ kind: 'message', address: '/py' });
    await page.screenshot({ path: testInfo.outputPath('electron.png') });
  } finally {
    await app.close();
    await sink.close();
  }
});
