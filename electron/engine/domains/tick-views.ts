/** The engine's tick and measurement values as the contract shows them. */
import type {
  MeasurementsSnapshot,
  MetricSummaryView,
  SampleItem,
  TickItem,
} from '../../../shared/ipc';
import { ntpToHex } from '../../../shared/osc/timetag';
import type { Summary } from '../../../shared/stats/summary';
import { formatSource, streamKey, type DueValues, type MeasurementSummary } from '../measure';
import type { TickDispatch, TickEvent } from '../receive/tick-receiver';

/** A tick on arrival, with its exact play time as NTP hex. */
export function tickItem(t: TickEvent): TickItem {
  return {
    playNtp: ntpToHex(t.playAtNtp),
    playMs: t.playAtMs,
    arrivalMs: t.arrivalMs,
    leadMs: t.leadMs,
    classification: t.classification,
    isLate: t.isLate,
    isDropped: t.isDropped,
    accent: t.accent ?? false,
    beat: t.beat ?? null,
    source: formatSource(t.source),
    address: t.address,
    mode: t.mode,
    clock: t.clock ?? 'local',
    clockOffsetMs: t.clockOffsetMs ?? null,
  };
}

/** A dispatched tick's point on the live plot. */
export function sampleItem(t: TickEvent, d: TickDispatch, v: DueValues | null): SampleItem {
  return {
    atMs: t.playAtMs,
    key: v?.key ?? streamKey(t),
    leadMs: t.leadMs,
    arrivalIntervalErrorMs: v?.arrivalIntervalErrorMs ?? null,
    dispatchErrorMs: d.errorMs,
    outputIntervalErrorMs: v?.outputIntervalErrorMs ?? null,
    isLate: t.isLate || d.isLate,
  };
}

/** The measurement store's summary as the contract's snapshot (NaN, "no value", as null). */
export function measurementsSnapshot(s: MeasurementSummary): MeasurementsSnapshot {
  return {
    streams: s.streams.map((st) => {
      const c = st.counts;
      return {
        key: st.key,
        source: formatSource(st.source),
        address: st.address,
        mode: st.mode,
        counts: {
          ticks: c.ticks,
          late: c.late,
          dropped: c.dropped,
          dispatched: c.dispatched,
          lost: c.lost,
          reordered: c.reordered,
          duplicates: c.duplicates,
        },
        metrics: {
          leadMs: summaryView(st.metrics.leadMs),
          arrivalIntervalErrorMs: summaryView(st.metrics.arrivalIntervalErrorMs),
          dispatchErrorMs: summaryView(st.metrics.dispatchErrorMs),
          outputIntervalErrorMs: summaryView(st.metrics.outputIntervalErrorMs),
        },
      };
    }),
    untrackedTicks: s.untrackedTicks,
  };
}

function summaryView(s: Summary): MetricSummaryView {
  const v = (x: number): number | null => (Number.isNaN(x) ? null : x);
  return {
    n: s.n,
    mean: v(s.mean),
    sd: v(s.sd),
    min: v(s.min),
    max: v(s.max),
    p50: v(s.p50),
    p95: v(s.p95),
    p99: v(s.p99),
  };
}

/** `syncroscope-ticks-2026-11-20T22-50-00Z.csv` for a Unix ms time (UTC, no colons for Windows). */
export function csvFilename(atMs: number): string {
  return `syncroscope-ticks-${new Date(atMs).toISOString().slice(0, 19).replaceAll(':', '-')}Z.csv`;
}
