/**
 * The `timecode` group. (a) Send error and drift: our master (frames due on their exact instant,
 * on the precise scheduler) against a generator that sleeps one frame after each send like the
 * seed's, in the same run, one after the other so neither disturbs the other's event loop.
 * (b) Display error through impairment relays, plain against forward mode, and two clients
 * (timecode-display.ts).
 */
import { createSystemClock } from '../electron/engine/time/clock';
import { frameRate } from '../shared/timecode';
import { summarize } from '../shared/stats/summary';
import { createScheduler } from '../electron/engine/time/scheduler';
import { createRealTimers } from '../electron/engine/time/timers';
import { runDisplayLanes, type LaneResult } from './timecode-display';
import {
  displayErrorsMs,
  driftFramesIn10Min,
  pairDifferencesMs,
  overrunPerFrameMs,
  sendErrorsUs,
  type FrameSend,
} from './timecode-figures';
import { measureBaselineSends, measureMasterSends, virtualDriftFrames } from './timecode-send';

/** Options for {@link runTimecodeBench}. */
export interface TimecodeBenchOptions {
  /** Real-time seconds per generator for the send figures (default 60). */
  sendSeconds?: number;
  /** Frames per lane through the relays for the display figures (default 750: 30 s). */
  displayFrames?: number;
}

const RATE = frameRate('25');
const FRAME_MS = (1000 * RATE.den) / RATE.num;
const WARMUP_FRAMES = 25;

/** Runs the whole group and returns its figures. */
export async function runTimecodeBench(
  options: TimecodeBenchOptions = {},
): Promise<Record<string, number>> {
  const frames = Math.round(((options.sendSeconds ?? 60) * RATE.num) / RATE.den);
  const clock = createSystemClock();
  process.stderr.write(`[bench] timecode: our master, ${frames} frames at 25 fps...\n`);
  // The first second of each is warm-up (JIT, first sends): measured, then left out of the figures.
  const ours = (await measureMasterSends(clock, RATE, frames + WARMUP_FRAMES)).slice(WARMUP_FRAMES);
  process.stderr.write(`[bench] timecode: sleep-per-frame baseline, ${frames} frames...\n`);
  const baseline = (await measureBaselineSends(clock, RATE, frames + WARMUP_FRAMES)).slice(
    WARMUP_FRAMES,
  );
  const virtual = virtualDriftFrames(RATE);
  const displayFrames = options.displayFrames ?? 750;
  process.stderr.write(`[bench] timecode: clients behind relays, ${displayFrames} frames...\n`);
  const scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
  const lanes = await runDisplayLanes({ clock, scheduler, rate: RATE, frames: displayFrames });
  scheduler.dispose();
  return { ...sendFigures(ours, baseline, virtual), ...displayFigures(lanes) };
}

function displayFigures(lanes: LaneResult[]): Record<string, number> {
  const figures: Record<string, number> = {};
  for (const lane of lanes) {
    const errors = lane.clients.flatMap((c) =>
      displayErrorsMs(c.shownMs, (k) => lane.instantMs.get(k), lane.forwardMs),
    );
    const s = summarize(errors);
    figures[`timecode.${lane.mode}_display_sd_ms`] = s.sd;
    figures[`timecode.${lane.mode}_display_mean_ms`] = s.mean;
    figures[`timecode.${lane.mode}_display_p99_abs_ms`] = summarize(errors.map(Math.abs)).p99;
    figures[`timecode.${lane.mode}_display_frames`] = s.n;
    figures[`timecode.${lane.mode}_relay_sd_ms`] = summarize(lane.relaySdMs).mean;
  }
  const forward = lanes.find((l) => l.mode === 'forward');
  const [a, b] = forward?.clients ?? [];
  const pair = a && b ? summarize(pairDifferencesMs(a.shownMs, b.shownMs)) : summarize([]);
  figures['timecode.two_client_p99_ms'] = pair.p99;
  figures['timecode.two_client_frames'] = pair.n;
  return figures;
}

function sendFigures(
  ours: FrameSend[],
  baseline: FrameSend[],
  virtual: { driftFrames: number; framesSent: number },
): Record<string, number> {
  const o = summarize(sendErrorsUs(ours));
  const b = summarize(sendErrorsUs(baseline));
  const baselineOverrunMs = overrunPerFrameMs(baseline);
  return {
    'timecode.frames': o.n,
    'timecode.send_error_p50_us': o.p50,
    'timecode.send_error_p99_us': o.p99,
    'timecode.send_error_max_us': o.max,
    'timecode.send_error_min_us': o.min,
    'timecode.baseline_send_error_p50_us': b.p50,
    'timecode.baseline_send_error_p99_us': b.p99,
    // Ours in virtual time (exact); the measured slope of our real run, extrapolated, beside it.
    'timecode.drift_frames_10min': virtual.driftFrames,
    'timecode.drift_frames_10min_measured': driftFramesIn10Min(overrunPerFrameMs(ours), FRAME_MS),
    'timecode.baseline_overrun_per_frame_us': baselineOverrunMs * 1000,
    'timecode.baseline_drift_frames_10min': driftFramesIn10Min(baselineOverrunMs, FRAME_MS),
  };
}
