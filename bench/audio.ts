/**
 * Audio: real recordings of the app playing ticks (test/audio/audio-rig.ts): a PulseAudio null
 * sink recorded by parec, two web hosts, headless Chromium, CLI metronome and relays at
 * 30 +- 10 ms (sd). Inter-onset interval error sd of a forward-synced lane (F = 100 ms) and of an
 * immediate lane side by side in the same recording; then two instances, panned left and right,
 * playing the same forward-synced beats: the p99 of |left - right| per beat.
 */
import { audioFigures } from '../test/audio/audio-figures';
import { createAudioRig } from '../test/audio/audio-rig';
import { missingAudioTools, missingRendererBuild } from '../test/audio/tools';

/** Options for {@link runAudioBench}. */
export interface AudioBenchOptions {
  /** Ticks per run (default 60: 30 s at 120 BPM). */
  ticks?: number;
}

/** Runs both recordings and returns the audio figures. */
export async function runAudioBench(
  options: AudioBenchOptions = {},
): Promise<Record<string, number>> {
  const missing = [...missingAudioTools(), missingRendererBuild()].filter((m) => m !== null);
  if (missing.length > 0) throw new Error(`[bench] audio needs: ${missing.join('; ')}`);
  const ticks = options.ticks ?? 60;
  const rig = await createAudioRig({ log: (line) => process.stderr.write(`${line}\n`) });
  try {
    const contrast = await rig.runContrast(ticks);
    const pair = await rig.runPair(ticks);
    return audioFigures(contrast, pair);
  } finally {
    const { relayJitterSdMs } = await rig.dispose();
    process.stderr.write(`[bench] audio: relay jitter sd ${relayJitterSdMs.join(', ')} ms\n`);
  }
}
