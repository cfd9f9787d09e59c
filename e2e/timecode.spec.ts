/**
 * SMPTE timecode on the workshop screen, in Chromium against the web host: the SMPTE pair preset
 * (master and client on this one engine, frames through the engine's relay at 20 +- 10 ms), Start,
 * the display runs and the client locks, a cue of the preset's list and a seed cue sent now both
 * arrive in the master's log, and forward mode keeps it running. Real host, real UDP.
 *
 * Screenshots: test-results/smpte-pair.png; SCREENSHOT_README=1 also docs/smpte-pair.png.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { freeUdpPort } from './udp';

test.describe.configure({ timeout: 90_000 });

const LABEL = /^\d\d:\d\d:\d\d[:;]\d\d$/;

const labelOf = async (page: Page): Promise<string> =>
  (await page.getByTestId('timecode-label').textContent()) ?? '';

/** The display's label now, then again until it has moved on (the display runs). */
async function expectRunning(page: Page): Promise<void> {
  await expect.poll(() => labelOf(page), { timeout: 10_000 }).toMatch(LABEL);
  const first = await labelOf(page);
  await expect.poll(() => labelOf(page), { timeout: 5_000 }).not.toBe(first);
  expect(await labelOf(page)).toMatch(LABEL);
}

test('SMPTE pair: one click, Start, the display runs and locks, cues reach the master', async ({
  page,
  host,
  consoleErrors,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(host.url);
  await expect(page.getByTestId('connection')).toHaveText('open');

  // A free port rather than the seed's 8000, which another program may hold.
  const port = await freeUdpPort();
  await page.getByTestId('role-custom').check();
  await page.getByTestId('receiver-port').fill(String(port));
  await page.getByTestId('preset-smpte-pair').click();
  await expect(page.getByTestId('receiver-status')).toHaveText(`listening on 127.0.0.1:${port}`);
  await expect(page.getByTestId('preset-smpte-pair')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('timecode-role-pair')).toBeChecked();
  await expect(page.getByTestId('timecode-rate')).toHaveValue('25');
  await expect(page.getByTestId('timecode-display-plain')).toBeChecked();
  await expect(page.getByTestId('timecode-cue-c1')).toBeVisible();

  await page.getByTestId('timecode-start').click();
  await expect(page.getByTestId('timecode-master-state')).toHaveText('master running');
  await expectRunning(page);
  await expect(page.getByTestId('timecode-client-state')).toHaveText('client locked', {
    timeout: 10_000,
  });
  await expect(page.getByTestId('timecode-heard')).toHaveText(LABEL);
  await expect
    .poll(async () =>
      Number(await page.getByTestId('chart-timecode-error').getAttribute('data-points')),
    )
    .toBeGreaterThan(10);

  // The list's first cue (/trigger/action at 00:00:05:00) fires by itself once the client locked.
  const fromList = page
    .getByTestId('timecode-cue-log-item')
    .filter({ hasText: '/trigger/action' })
    .filter({ hasText: 'Play sound effect' });
  await expect(fromList.first()).toBeVisible({ timeout: 15_000 });
  await expect(fromList.first()).toContainText(/00:00:0[45]:\d\d/);

  // A seed cue sent now carries the client's label: the master says how far apart they are.
  await page.getByTestId('timecode-seed-cue-2').click();
  await expect(page.getByTestId('timecode-last-cue')).toContainText('/trigger/action_tc at ');
  const withLabel = page
    .getByTestId('timecode-cue-log-item')
    .filter({ hasText: 'Start playback' })
    .first();
  await expect(withLabel).toContainText(/\d fr[+-]?\d+\.\d ms/);

  // Forward-synchronized frames: the same display, now on the timetags.
  await page.getByTestId('timecode-display-forward').check();
  await expect(page.getByTestId('timecode-mode-forward')).toBeChecked();
  await expectRunning(page);
  await expect(page.getByTestId('timecode-client-state')).toHaveText('client locked', {
    timeout: 10_000,
  });
  await page.waitForTimeout(1500); // a few seconds of steady frames in the plot
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: 'test-results/smpte-pair.png', fullPage: true });
  await page.screenshot({ path: test.info().outputPath('smpte-pair-1280x800.png') });
  if (process.env.SCREENSHOT_README === '1') {
    mkdirSync('docs', { recursive: true });
    await page.screenshot({ path: 'docs/smpte-pair.png', fullPage: true });
  }

  await page.getByTestId('timecode-stop').click();
  await expect(page.getByTestId('timecode-master-state')).toHaveText('master stopped');
  expect(consoleErrors).toEqual([]);
});
