/** What one soak run measured, and whether it passed: each broken bound is one sentence. */
import type { HeapFigures } from './heap';
import type { SoakOptions } from './options';

/** The run's figures (`--json` prints this object). */
export interface SoakFigures {
  settings: Pick<
    SoakOptions,
    'minutes' | 'bpm' | 'offsetMs' | 'delayMs' | 'jitterMs' | 'loss' | 'seed'
  >;
  elapsedSec: number;
  beats: {
    /** Beats the metronome sent. */
    sent: number;
    /** Distinct beats that reached the receiver. */
    received: number;
    dispatched: number;
    /** Sent and never received. */
    lost: number;
    /** Arrived after their timetag (played late). */
    late: number;
    /** Dispatched before their timetag. */
    early: number;
    duplicates: number;
    reordered: number;
    /** Skipped by the metronome: their moment had passed (the process stalled). */
    skipped: number;
  };
  /** dispatched - timetag over the whole run. */
  dispatchErrorMs: { p50: number; p99: number; max: number };
  /** dispatched - (anchor + n x 60/bpm + F): the last beat's, and the judged median of the last 8. */
  driftMs: { last: number; judged: number };
  relay: { delivered: number; lost: number; meanDelayMs: number; sdDelayMs: number };
  memory: HeapFigures & { schedulerQueueMax: number };
  /** The machine while it ran: 1-minute load average at start and end, cores, our CPU use. */
  load: { cores: number; loadStart: number; loadEnd: number; cpuPct: number };
  errors: { count: number; texts: string[] };
}

/** The figures with the verdict. */
export interface SoakSummary extends SoakFigures {
  isPassed: boolean;
  failures: string[];
  bounds: { maxDriftMs: number; maxHeapGrowthMb: number };
}

const ms = (x: number): string => `${x.toFixed(3)} ms`;

/**
 * The broken bounds, in words; empty when the run passed. Late ticks are reported, not judged:
 * they say the machine stalled longer than F, which is load, not a long-run defect.
 */
export function judge(f: SoakFigures, bounds: SoakSummary['bounds']): string[] {
  const failures: string[] = [];
  const b = f.beats;
  if (b.dispatched === 0) failures.push('no tick was dispatched');
  else if (!(Math.abs(f.driftMs.judged) <= bounds.maxDriftMs))
    failures.push(
      `the beats drifted ${ms(f.driftMs.judged)} from the anchor's grid (bound ${ms(bounds.maxDriftMs)})`,
    );
  if (f.settings.loss === 0 && b.lost > 0)
    failures.push(`${b.lost} of ${b.sent} beats were lost with no loss configured`);
  if (b.early > 0) failures.push(`${b.early} ticks were dispatched before their timetag`);
  if (b.skipped > 0)
    failures.push(`the metronome skipped ${b.skipped} beats (the process stalled longer than F)`);
  const growth = f.memory.growthMb;
  if (growth !== null && growth > bounds.maxHeapGrowthMb)
    failures.push(
      `the heap grew ${growth.toFixed(2)} MB after the warm-up (bound ${bounds.maxHeapGrowthMb} MB)`,
    );
  if (f.errors.count > 0)
    failures.push(`${f.errors.count} socket errors, first: ${f.errors.texts[0] ?? '?'}`);
  return failures;
}
