/**
 * End-to-end tests (e2e/): the web host in Debian's Chromium (Playwright cannot download its own
 * browsers here), and the Electron app where an Electron binary exists (see e2e/electron.spec.ts).
 */
import { CHROMIUM_ARGS } from './e2e/chromium-args';
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Each test starts its own host process and ports: one at a time on a shared 2-core machine.
  workers: 1,
  fullyParallel: false,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  forbidOnly: process.env.CI === 'true',
  reporter: [['list'], ['./e2e/did-not-run-reporter.ts']],
  use: {
    screenshot: 'on', // saved under test-results/ as artifacts (video needs ffmpeg: not here)
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS],
    },
  },
});
