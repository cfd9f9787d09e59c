/**
 * What the real-audio harness needs from the machine: PulseAudio (daemon, parec, pactl), Debian's
 * Chromium, and a built renderer (`npm run build` writes out/renderer).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Chromium as Debian installs it (Playwright cannot download its own browsers here). */
export const CHROMIUM_PATH = process.env.SYNCROSCOPE_CHROMIUM ?? '/usr/bin/chromium';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The repository root. */
export function repoRoot(): string {
  return ROOT;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Plain-word reasons the harness cannot run here (empty when it can). */
export function missingAudioTools(): string[] {
  const missing: string[] = [];
  for (const tool of ['pulseaudio', 'parec', 'pactl']) {
    if (!onPath(tool)) missing.push(`${tool} (apt: pulseaudio pulseaudio-utils)`);
  }
  if (!existsSync(CHROMIUM_PATH)) missing.push(`${CHROMIUM_PATH} (apt: chromium)`);
  return missing;
}

/** Why the renderer cannot be served, or null when out/renderer is built. */
export function missingRendererBuild(): string | null {
  return existsSync(`${ROOT}/out/renderer/index.html`)
    ? null
    : 'out/renderer is not built: run "npm run build" first (npm run check does).';
}
