import { describe, expect, it } from 'vitest';
import { judge, type SoakFigures } from '../../scripts/soak/verdict';

const BOUNDS = { maxDriftMs: 2, maxHeapGrowthMb: 1 };

/** A clean 10-minute run at 120 BPM, with `over` changed. */
function figures(over: { [K in keyof SoakFigures]?: Partial<SoakFigures[K]> } = {}): SoakFigures {
  const base: SoakFigures = {
    settings: { minutes: 10, bpm: 120, offsetMs: 150, delayMs: 10, jitterMs: 3, loss: 0, seed: 1 },
    elapsedSec: 600.2,
    beats: {
      sent: 1201,
      received: 1201,
      dispatched: 1201,
      lost: 0,
      late: 0,
      early: 0,
      duplicates: 0,
      reordered: 0,
      skipped: 0,
    },
    dispatchErrorMs: { p50: 0.02, p99: 0.1, max: 0.9 },
    driftMs: { last: 0.03, judged: 0.02 },
    relay: { delivered: 1201, lost: 0, meanDelayMs: 10, sdDelayMs: 3 },
    memory: {
      isGcForced: true,
      warmupSec: 60,
      baselineMb: 9.5,
      endMb: 9.6,
      growthMb: 0.1,
      heapEndMb: 10.4,
      rssMb: { start: 90, peak: 95, end: 92 },
      schedulerQueueMax: 2,
    },
    load: { cores: 2, loadStart: 0.5, loadEnd: 0.6, cpuPct: 1.5 },
    errors: { count: 0, texts: [] },
  };
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = { ...(base[k as keyof SoakFigures] as object), ...(v as object) };
  }
  return out as unknown as SoakFigures;
}

describe('soak verdict', () => {
  it('passes a clean run', () => {
    expect(judge(figures(), BOUNDS)).toEqual([]);
  });

  it('fails drift beyond the bound either way, judged on the median of the last beats, not the last one', () => {
    expect(judge(figures({ driftMs: { judged: 2.5 } }), BOUNDS)).toEqual([
      "the beats drifted 2.500 ms from the anchor's grid (bound 2.000 ms)",
    ]);
    expect(judge(figures({ driftMs: { judged: -2.5 } }), BOUNDS)).toHaveLength(1);
    expect(judge(figures({ driftMs: { last: 40, judged: 0.1 } }), BOUNDS)).toEqual([]);
  });

  it('fails lost beats when no loss was configured, and accepts them when it was', () => {
    const lost = { beats: { received: 1198, lost: 3 } };
    expect(judge(figures(lost), BOUNDS)).toEqual([
      '3 of 1201 beats were lost with no loss configured',
    ]);
    expect(judge(figures({ ...lost, settings: { loss: 0.01 } }), BOUNDS)).toEqual([]);
  });

  it('fails heap growth beyond the bound after the warm-up, and does not judge a run too short to measure it', () => {
    expect(judge(figures({ memory: { growthMb: 1.5 } }), BOUNDS)).toEqual([
      'the heap grew 1.50 MB after the warm-up (bound 1 MB)',
    ]);
    expect(judge(figures({ memory: { growthMb: null } }), BOUNDS)).toEqual([]);
  });

  it('fails early dispatches, skipped beats, socket errors and a run where nothing arrived', () => {
    expect(judge(figures({ beats: { early: 1 } }), BOUNDS)).toEqual([
      '1 ticks were dispatched before their timetag',
    ]);
    expect(judge(figures({ beats: { skipped: 2 } }), BOUNDS)).toEqual([
      'the metronome skipped 2 beats (the process stalled longer than F)',
    ]);
    expect(judge(figures({ errors: { count: 1, texts: ['Port 9 is closed'] } }), BOUNDS)).toEqual([
      '1 socket errors, first: Port 9 is closed',
    ]);
    const silent = figures({
      beats: { received: 0, dispatched: 0, lost: 0 },
      driftMs: { last: NaN, judged: NaN },
      settings: { loss: 1 },
    });
    expect(judge(silent, BOUNDS)).toEqual(['no tick was dispatched']);
  });

  it('reports late ticks without failing on them (load, not a long-run defect)', () => {
    expect(judge(figures({ beats: { late: 4 } }), BOUNDS)).toEqual([]);
  });
});
