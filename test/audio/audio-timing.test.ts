/**
 * The real audio timing test: the app, served by two web hosts and opened in headless Chromium,
 * plays ticks into a private PulseAudio null sink; parec records the sink and onset detection
 * finds every click (test/audio/audio-rig.ts). Ticks come from the CLI metronome through the
 * CLI impairment relay at 30 +- 10 ms (sd) per host: a forward-synced lane (F = 100 ms) beside
 * an immediate one, then two instances (left/right) playing the same forward-synced beats.
 * Bounds are generous (behaviour, not figures): `npm run bench -- --only audio` measures.
 *
 * Needs `npm run build` (out/renderer), pulseaudio + pulseaudio-utils and /usr/bin/chromium:
 * with CI=true a missing one fails the test; elsewhere the suite is skipped with a warning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioFigures } from './audio-figures';
import { createAudioRig, type AudioRig, type RunResult } from './audio-rig';
import { missingAudioTools, missingRendererBuild } from './tools';

const TICKS = 30;
const missing = [...missingAudioTools(), missingRendererBuild()].filter((m) => m !== null);
const isCi = process.env.CI === 'true';
if (missing.length > 0 && !isCi) {
  console.warn(`\n[audio] SKIPPING the real audio timing test: ${missing.join('; ')}\n`);
}

describe.skipIf(missing.length > 0 && !isCi)('real audio timing (null sink + parec)', () => {
  let rig: AudioRig | undefined;
  let contrast: RunResult;
  let pair: RunResult;
  let figures: Record<string, number>;

  beforeAll(async () => {
    if (missing.length > 0) {
      throw new Error(`[audio] cannot run the real audio timing test: ${missing.join('; ')}`);
    }
    rig = await createAudioRig({ log: (line) => console.log(line) });
    contrast = await rig.runContrast(TICKS);
    pair = await rig.runPair(TICKS);
    figures = audioFigures(contrast, pair);
    console.log(`[audio] figures ${JSON.stringify(figures)}`);
  }, 150_000);

  afterAll(async () => {
    await rig?.dispose();
  }, 30_000);

  it('hears every tick of every lane, none dropped', () => {
    expect(contrast.left.onsetsMs).toHaveLength(TICKS);
    expect(contrast.right.onsetsMs).toHaveLength(TICKS);
    expect(pair.left.onsetsMs).toHaveLength(TICKS);
    expect(pair.right.onsetsMs).toHaveLength(TICKS);
    for (const lane of [contrast.left, contrast.right, pair.left, pair.right]) {
      expect(lane.stats).toMatchObject({ received: TICKS, played: TICKS, dropped: 0 });
    }
  });

  it('plays forward-synced ticks evenly where immediate ones carry the network jitter', () => {
    // 10 ms sd of jitter makes immediate intervals wander by ~14 ms sd; forward sync removes it.
    expect(figures['audio.immediate_ioi_sd_ms']).toBeGreaterThan(4);
    expect(figures['audio.forward_ioi_sd_ms']).toBeLessThan(1);
    expect(figures['audio.forward_ioi_sd_ms']! * 10).toBeLessThan(
      figures['audio.immediate_ioi_sd_ms']!,
    );
  });

  it('two instances play each forward-synced beat together, left and right', () => {
    expect(figures['audio.pair_matched']).toBe(TICKS);
    // Together: typically well under a millisecond (the bench's pair_p99 measures it). On a
    // loaded CI machine one page's audio thread can hiccup on one beat (seen: 24 ms once in 30),
    // so the test asks that all but two beats land within 3 ms and the median within 1 ms; the
    // immediate lane above shows what no sync looks like (~14 ms sd).
    expect(figures['audio.pair_within_3ms']).toBeGreaterThanOrEqual(TICKS - 2);
    expect(figures['audio.pair_p50_ms']).toBeLessThan(1);
  });
});
