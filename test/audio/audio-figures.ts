/** The audio figures (docs/benchmarks.md, group `audio`) from the rig's two runs. */
import { interOnsetErrorsMs, pairOffsetsMs } from '../../shared/audio/timing-figures';
import { summarize } from '../../shared/stats/summary';
import type { RunResult } from './audio-rig';

/** Onsets further apart than this are not the same beat on the two channels, ms. */
const PAIR_MAX_GAP_MS = 100;

/**
 * `audio.*` figures: inter-onset interval error sd of the forward and immediate lanes (same
 * recording), and the left/right alignment of two instances playing the same forward ticks.
 */
export function audioFigures(contrast: RunResult, pair: RunResult): Record<string, number> {
  const nominal = contrast.nominalIntervalMs;
  const forwardErrors = interOnsetErrorsMs(contrast.left.onsetsMs, nominal);
  const immediateErrors = interOnsetErrorsMs(contrast.right.onsetsMs, nominal);
  const offsets = pairOffsetsMs(pair.left.onsetsMs, pair.right.onsetsMs, PAIR_MAX_GAP_MS);
  const absOffsets = summarize(offsets.map(Math.abs));
  const forward = summarize(forwardErrors);
  return {
    'audio.forward_ioi_sd_ms': forward.sd,
    'audio.immediate_ioi_sd_ms': summarize(immediateErrors).sd,
    'audio.pair_p99_ms': absOffsets.p99,
    'audio.forward_ioi_p99_abs_ms': summarize(forwardErrors.map(Math.abs)).p99,
    'audio.pair_mean_ms': summarize(offsets).mean,
    'audio.pair_max_ms': absOffsets.max,
    'audio.pair_p50_ms': absOffsets.p50,
    'audio.pair_within_3ms': offsets.filter((o) => Math.abs(o) < 3).length,
    'audio.ticks': contrast.ticks,
    'audio.forward_heard': contrast.left.onsetsMs.length,
    'audio.immediate_heard': contrast.right.onsetsMs.length,
    'audio.pair_heard_min': Math.min(pair.left.onsetsMs.length, pair.right.onsetsMs.length),
    'audio.pair_matched': offsets.length,
    'audio.forward_late': contrast.left.stats.late + pair.left.stats.late + pair.right.stats.late,
    'audio.immediate_late': contrast.right.stats.late,
    'audio.output_latency_ms': contrast.left.stats.latencyMs ?? NaN,
    'audio.clock_fit_sd_ms': Math.max(
      contrast.left.stats.mapping?.residualSdMs ?? NaN,
      contrast.right.stats.mapping?.residualSdMs ?? NaN,
    ),
  };
}

/**
 * `audio.cross_pair_*`: two hosts with different clocks playing one metronome's forward-synced
 * beats, with clock sync and without: the p99 of |left - right| per beat, after the warm-up.
 * Matching takes onsets up to 45 % of a beat apart, so the ~370 ms of unsynced clocks still pair
 * with their own beat at 60 BPM.
 */
export function crossPairFigures(
  synced: RunResult,
  unsynced: RunResult,
  warmUpTicks: number,
): Record<string, number> {
  const offsets = (run: RunResult) =>
    pairOffsetsMs(
      run.left.onsetsMs.slice(warmUpTicks),
      run.right.onsetsMs.slice(warmUpTicks),
      run.nominalIntervalMs * 0.45,
    );
  const on = offsets(synced);
  const off = offsets(unsynced);
  return {
    'audio.cross_pair_p99_ms': summarize(on.map(Math.abs)).p99,
    'audio.cross_pair_mean_ms': summarize(on).mean,
    'audio.cross_pair_matched': on.length,
    'audio.cross_pair_nosync_p99_ms': summarize(off.map(Math.abs)).p99,
    'audio.cross_pair_nosync_mean_ms': summarize(off).mean,
    'audio.cross_pair_nosync_matched': off.length,
  };
}
