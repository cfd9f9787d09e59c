/**
 * Tick measurements: what the jitter and latency plots show. Feed it the tick receiver's events
 * (`recordTick` from onTick, `recordDue` from onTickDue); it keeps rolling statistics per stream
 * (source, OSC address, sender mode) and a bounded log of raw events for CSV export.
 * Memory is fixed: `capacity` values per metric per stream, at most `maxStreams` streams,
 * `eventCapacity` raw rows. Ticks from further sources are counted, not measured.
 */
import {
  histogramOf,
  TIMING_BINS_MS,
  type Histogram,
  type HistogramBins,
} from '../../../shared/stats/histogram';
import { summarize, type Summary } from '../../../shared/stats/summary';
import type { TickDispatch, TickEvent, TickMode } from '../receive/tick-receiver';
import type { UdpSource } from '../network/udp-endpoint';
import { TickEventLog, type TickRow } from './event-log';
import { TICK_METRICS, TickStream, type StreamCounts, type TickMetric } from './tick-stream';

/** Options for {@link createMeasurements}. */
export interface MeasurementsOptions {
  /** Values kept per metric per stream (the rolling window). */
  capacity: number;
  /** Raw events kept for CSV (default: capacity). */
  eventCapacity?: number;
  /** Streams measured at once (default 16). */
  maxStreams?: number;
}

/** One stream's rolling statistics. */
export interface StreamSummary {
  key: string;
  source: UdpSource;
  address: string;
  mode: TickMode;
  counts: StreamCounts;
  metrics: Record<TickMetric, Summary>;
}

/** Every stream, plus ticks that could not be measured (too many streams). */
export interface MeasurementSummary {
  streams: StreamSummary[];
  untrackedTicks: number;
}

/** Which values a histogram covers. */
export interface HistogramQuery {
  /** One stream's key (default: every stream). */
  key?: string;
  /** Default: 0.1 ms bins over +-50 ms. */
  bins?: HistogramBins;
}

/** The measurement store. Thread: the engine's; not for concurrent use. */
export interface Measurements {
  /** A tick arrived (the receiver's onTick). */
  recordTick(ev: TickEvent): void;
  /**
   * A tick was dispatched (the receiver's onTickDue). Returns this tick's interval errors for a
   * live plot; null when its stream is not measured. One reused object: read it before the next call.
   */
  recordDue(ev: TickEvent, info: TickDispatch): DueValues | null;
  summary(): MeasurementSummary;
  /** A histogram of the metric's recent values. */
  histogram(metric: TickMetric, query?: HistogramQuery): Histogram;
  /** The recent raw values of a metric for one stream, oldest first (for plots). */
  values(metric: TickMetric, key: string): Float64Array;
  /** Raw events as CSV (header + one row per tick). */
  toCsv(): string;
  reset(): void;
}

/** One dispatched tick's values, as {@link Measurements.recordDue} returns them. */
export interface DueValues {
  key: string;
  arrivalIntervalErrorMs: number | null;
  outputIntervalErrorMs: number | null;
}

interface Tracked {
  stream: TickStream;
  row: TickRow;
  isDuplicate: boolean;
}

/** Formats a source as "host:port" ("[v6]:port"). */
export function formatSource(s: UdpSource): string {
  return s.address.includes(':') ? `[${s.address}]:${s.port}` : `${s.address}:${s.port}`;
}

/** The stream key of a tick: source, OSC address and mode. */
export function streamKey(ev: Pick<TickEvent, 'source' | 'address' | 'mode'>): string {
  return `${formatSource(ev.source)} ${ev.address} ${ev.mode}`;
}

/** Creates an empty store. */
export function createMeasurements(options: MeasurementsOptions): Measurements {
  const { capacity } = options;
  const maxStreams = options.maxStreams ?? 16;
  const log = new TickEventLog(options.eventCapacity ?? capacity);
  const streams = new Map<string, TickStream>();
  let tracked = new WeakMap<TickEvent, Tracked>();
  let untrackedTicks = 0;
  const due: DueValues = { key: '', arrivalIntervalErrorMs: null, outputIntervalErrorMs: null };

  const streamFor = (ev: TickEvent): TickStream | null => {
    const key = streamKey(ev);
    let s = streams.get(key);
    if (s === undefined && streams.size < maxStreams) {
      s = new TickStream(key, { ...ev.source }, ev.address, ev.mode, capacity);
      streams.set(key, s);
    }
    return s ?? null;
  };

  return {
    recordTick(ev) {
      const stream = streamFor(ev);
      const arrival = stream?.recordArrival(ev);
      if (!stream) untrackedTicks++;
      const row = log.add({
        arrivalMs: ev.arrivalMs,
        timetag: ev.timetag,
        playAtMs: ev.playAtMs,
        leadMs: ev.leadMs,
        dispatchedMs: null,
        dispatchErrorMs: null,
        arrivalIntervalErrorMs: arrival?.interval?.errorMs ?? null,
        outputIntervalErrorMs: null,
        isLate: ev.isLate,
        isDropped: ev.isDropped,
        source: formatSource(ev.source),
        address: ev.address,
        mode: ev.mode,
        beat: ev.beat ?? null,
        accent: ev.accent ?? null,
        sentMs: ev.sentMs ?? null,
      });
      if (stream) tracked.set(ev, { stream, row, isDuplicate: arrival?.verdict === 'duplicate' });
    },
    recordDue(ev, info) {
      const t = tracked.get(ev);
      if (!t) return null;
      tracked.delete(ev);
      const interval = t.stream.recordDispatch(ev, info, t.isDuplicate);
      t.row.dispatchedMs = info.dispatchedMs;
      t.row.dispatchErrorMs = info.errorMs;
      t.row.outputIntervalErrorMs = interval?.errorMs ?? null;
      due.key = t.stream.key;
      due.arrivalIntervalErrorMs = t.row.arrivalIntervalErrorMs;
      due.outputIntervalErrorMs = t.row.outputIntervalErrorMs;
      return due;
    },
    summary() {
      const out: StreamSummary[] = [];
      for (const s of streams.values()) {
        const metrics = {} as Record<TickMetric, Summary>;
        for (const m of TICK_METRICS) metrics[m] = summarize(s.rings[m].toArray());
        out.push({
          key: s.key,
          source: { ...s.source },
          address: s.address,
          mode: s.mode,
          counts: s.counts(),
          metrics,
        });
      }
      return { streams: out, untrackedTicks };
    },
    histogram(metric, query = {}) {
      const chosen = [...streams.values()].filter(
        (s) => query.key === undefined || s.key === query.key,
      );
      const parts = chosen.map((s) => s.rings[metric].toArray());
      const all = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        all.set(p, at);
        at += p.length;
      }
      return histogramOf(all, query.bins ?? TIMING_BINS_MS);
    },
    values(metric, key) {
      return streams.get(key)?.rings[metric].toArray() ?? new Float64Array(0);
    },
    toCsv: () => log.toCsv(),
    reset() {
      streams.clear();
      log.clear();
      tracked = new WeakMap();
      untrackedTicks = 0;
    },
  };
}
