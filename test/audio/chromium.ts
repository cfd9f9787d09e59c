/** Debian's Chromium launched to make real sound into a given PulseAudio server. */
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../e2e/chromium-args';
import { CHROMIUM_PATH } from './tools';

/** Flags every harness browser gets (PEERS.md), plus what real audio needs. */
export const AUDIO_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  // The page starts audio from `?audio=autostart` without a click.
  '--autoplay-policy=no-user-gesture-required',
  // Two pages play at once: neither may be throttled as a background page.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
];

/** Launches headless Chromium with its audio going to `env.PULSE_SERVER`. */
export async function launchAudioChromium(
  env: NodeJS.ProcessEnv,
  extraArgs: readonly string[] = [],
): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Playwright mutes headless Chromium by default.
    ignoreDefaultArgs: ['--mute-audio'],
    args: [...AUDIO_CHROMIUM_ARGS, ...extraArgs],
    env: env as Record<string, string>,
  });
}
