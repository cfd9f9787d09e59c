/** The soak's words on screen: a progress line every so often, and the final table. */
import type { SoakSummary } from './verdict';

/** What a progress line shows. */
export interface SoakProgress {
  elapsedSec: number;
  beats: number;
  lost: number;
  late: number;
  p50Ms: number;
  p99Ms: number;
  driftMs: number;
  rssMb: number;
  heapMb: number;
  /** The heap without compiled code (what the verdict judges). */
  dataMb: number;
}

const clock = (sec: number): string => {
  const s = Math.floor(sec);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};
const ms = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(3)} ms` : '-');
const signedMs = (x: number): string => (x >= 0 ? `+${ms(x)}` : ms(x));
const mb = (x: number | null): string => (x === null || !Number.isFinite(x) ? '-' : x.toFixed(1));
const mb2 = (x: number | null): string => (x === null || !Number.isFinite(x) ? '-' : x.toFixed(2));

/** One line, e.g. `[soak] 1:30 beats 181 lost 0 late 0 dispatch p50 0.021 ms p99 0.070 ms ...`. */
export function formatProgress(p: SoakProgress): string {
  return (
    `[soak] ${clock(p.elapsedSec)} beats ${p.beats} lost ${p.lost} late ${p.late}` +
    ` dispatch p50 ${ms(p.p50Ms)} p99 ${ms(p.p99Ms)} drift ${signedMs(p.driftMs)}` +
    ` rss ${mb(p.rssMb)} MB heap ${mb(p.heapMb)} MB (data ${mb2(p.dataMb)})`
  );
}

/** The summary as a two-column table, the verdict last. */
export function formatSummary(s: SoakSummary): string {
  const { settings: o, beats: b, memory: m } = s;
  const growth =
    m.growthMb === null ? 'not measured (run too short)' : `${m.growthMb.toFixed(2)} MB`;
  const rows: Array<[string, string]> = [
    [
      'run',
      `${o.minutes} min at ${o.bpm} BPM, forward F ${o.offsetMs} ms, relay ${o.delayMs} ms +- ${o.jitterMs} ms, loss ${o.loss}, seed ${o.seed}`,
    ],
    ['elapsed', `${s.elapsedSec.toFixed(1)} s`],
    ['beats', `${b.sent} sent, ${b.received} received, ${b.dispatched} dispatched`],
    [
      'lost / late / early',
      `${b.lost} / ${b.late} / ${b.early} (duplicates ${b.duplicates}, reordered ${b.reordered}, skipped ${b.skipped})`,
    ],
    [
      'dispatch error',
      `p50 ${ms(s.dispatchErrorMs.p50)}, p99 ${ms(s.dispatchErrorMs.p99)}, max ${ms(s.dispatchErrorMs.max)}`,
    ],
    [
      'drift',
      `${signedMs(s.driftMs.judged)} (last beat ${signedMs(s.driftMs.last)}; bound ${ms(s.bounds.maxDriftMs)})`,
    ],
    [
      'relay',
      `${s.relay.delivered} delivered, ${s.relay.lost} lost, delay ${ms(s.relay.meanDelayMs)} sd ${ms(s.relay.sdDelayMs)}`,
    ],
    [
      'heap (data)',
      `${mb2(m.baselineMb)} -> ${mb2(m.endMb)} MB after a ${m.warmupSec} s warm-up: growth ${growth} (bound ${s.bounds.maxHeapGrowthMb} MB${m.isGcForced ? '' : ', readings without a forced GC'})`,
    ],
    ['heap (with code)', `${mb2(m.heapEndMb)} MB at the end`],
    ['rss', `${mb(m.rssMb.start)} MB at start, ${mb(m.rssMb.peak)} peak, ${mb(m.rssMb.end)} end`],
    ['scheduler queue', `at most ${m.schedulerQueueMax} events`],
    [
      'machine',
      `${s.load.cores} cores, load ${s.load.loadStart.toFixed(2)} -> ${s.load.loadEnd.toFixed(2)}, this process ${s.load.cpuPct.toFixed(1)} % CPU`,
    ],
    ['errors', s.errors.count === 0 ? 'none' : `${s.errors.count}: ${s.errors.texts.join('; ')}`],
    ['verdict', s.isPassed ? 'PASSED' : `FAILED: ${s.failures.join('; ')}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n');
}
