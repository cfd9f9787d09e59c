/**
 * Audio: real recordings of the app playing ticks (test/audio/audio-rig.ts): a PulseAudio null
 * sink recorded by parec, two web hosts, headless Chromium, CLI metronome and relays at
 * 30 +- 10 ms (sd). Inter-onset interval error sd of a forward-synced lane (F = 100 ms) and of an
 * immediate lane side by side in the same recording; then two instances, panned left and right,
 * playing the same forward-synced beats: the p99 of |left - right| per beat. Then the same
 * pair as two machines whose clocks differ: each host under faketime (+250 ms and -120 ms),
 * ONE unfaked metronome, relays at 10 ms sd both ways, with clock sync and without.
 */
import { audioFigures, crossPairFigures } from '../test/audio/audio-figures';
import { createAudioRig, type HostClock } from '../test/audio/audio-rig';
import { missingFaketime } from '../test/peers/harness/faketime';
import { missingAudioTools, missingRendererBuild } from '../test/audio/tools';

/** Options for {@link runAudioBench}. */
export interface AudioBenchOptions {
  /** Ticks per run (default 60: 30 s at 120 BPM). */
  ticks?: number;
}

/** The two machines' clocks of the cross pair (left, right). */
export const CROSS_CLOCKS: readonly [HostClock, HostClock] = [
  { offsetMs: 250, driftPpm: 50 },
  { offsetMs: -120, driftPpm: -30 },
];
/** Beats before the cross pair is counted: the hosts measure the metronome's clock meanwhile. */
const CROSS_WARM_UP_TICKS = 8;
const CROSS_BPM = 60;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Runs every recording and returns the audio figures. */
export async function runAudioBench(
  options: AudioBenchOptions = {},
): Promise<Record<string, number>> {
  const missing = [...missingAudioTools(), missingRendererBuild(), missingFaketime()].filter(
    (m) => m !== null,
  );
  if (missing.length > 0) throw new Error(`[bench] audio needs: ${missing.join('; ')}`);
  const ticks = options.ticks ?? 60;
  const rig = await createAudioRig({ log });
  let figures: Record<string, number>;
  try {
    const contrast = await rig.runContrast(ticks);
    const pair = await rig.runPair(ticks);
    figures = audioFigures(contrast, pair);
  } finally {
    const { relayJitterSdMs } = await rig.dispose();
    log(`[bench] audio: relay jitter sd ${relayJitterSdMs.join(', ')} ms`);
  }
  const cross = await createAudioRig({
    log,
    hostClocks: CROSS_CLOCKS,
    network: { delayMs: 0, jitterMs: 10, isTwoWay: true },
  });
  try {
    const run = { ticks: Math.round(ticks / 2), warmUpTicks: CROSS_WARM_UP_TICKS, bpm: CROSS_BPM };
    const synced = await cross.runCrossPair({ ...run, isClockSynced: true });
    const unsynced = await cross.runCrossPair({ ...run, isClockSynced: false });
    return { ...figures, ...crossPairFigures(synced, unsynced, CROSS_WARM_UP_TICKS) };
  } finally {
    await cross.dispose();
  }
}
