/**
 * Statistics of one tick stream: one source, one OSC address, one sender mode. Each metric is a
 * bounded ring of the most recent values, so summaries are rolling and memory is fixed.
 */
import { createIntervalTracker, type IntervalError } from '../../../shared/stats/interval-error';
import { RingBuffer } from '../../../shared/stats/ring-buffer';
import {
  createSequenceTracker,
  type SequenceCounts,
  type SequenceVerdict,
} from '../../../shared/stats/sequence-tracker';
import type { TickDispatch, TickEvent, TickMode } from '../receive/tick-receiver';
import type { UdpSource } from '../network/udp-endpoint';

/** The measured quantities, all in ms. */
export type TickMetric =
  /** timetag - arrival: how early the tick came (timetagged ticks only). */
  | 'leadMs'
  /** Time between consecutive arrivals minus the nominal interval. */
  | 'arrivalIntervalErrorMs'
  /** dispatched - due (timetag, or arrival for plain ticks). */
  | 'dispatchErrorMs'
  /** Time between consecutive dispatches (onsets) minus the nominal interval. */
  | 'outputIntervalErrorMs';

/** A change of the sender's clock offset beyond this restarts the interval measurements, ms. */
const RECLOCK_MS = 1;

/** Every metric, in display order. */
export const TICK_METRICS: readonly TickMetric[] = [
  'leadMs',
  'arrivalIntervalErrorMs',
  'dispatchErrorMs',
  'outputIntervalErrorMs',
];

/** Tick counts of one stream. */
export interface StreamCounts extends SequenceCounts {
  ticks: number;
  late: number;
  dropped: number;
  dispatched: number;
}

/** What recording one arrival produced (for the raw event log). */
export interface ArrivalResult {
  verdict: SequenceVerdict | null;
  interval: IntervalError | null;
}

/** One stream's state. */
export class TickStream {
  readonly rings: Record<TickMetric, RingBuffer>;
  private readonly sequence = createSequenceTracker();
  private readonly arrivals = createIntervalTracker();
  private readonly onsets = createIntervalTracker();
  private readonly tally = { ticks: 0, late: 0, dropped: 0, dispatched: 0 };
  /** The offset taken off the sender's timetags last (0: read in our clock). */
  private offsetMs = 0;

  constructor(
    readonly key: string,
    readonly source: UdpSource,
    readonly address: string,
    readonly mode: TickMode,
    capacity: number,
  ) {
    this.rings = {
      leadMs: new RingBuffer(capacity),
      arrivalIntervalErrorMs: new RingBuffer(capacity),
      dispatchErrorMs: new RingBuffer(capacity),
      outputIntervalErrorMs: new RingBuffer(capacity),
    };
  }

  /** A tick arrived. Reordered and duplicate ticks count, but measure no arrival interval. */
  recordArrival(ev: TickEvent): ArrivalResult {
    this.tally.ticks++;
    if (ev.isLate) this.tally.late++;
    if (ev.isDropped) this.tally.dropped++;
    if (ev.leadMs !== null) this.rings.leadMs.push(ev.leadMs);
    const verdict = ev.beat === undefined ? null : this.sequence.record(ev.beat, ev.sentMs);
    // Timetags read in another clock from now on (clock sync converged, or the peer's clock
    // stepped): the nominal interval across that change is not one the network or we made.
    const offsetMs = ev.clockOffsetMs ?? 0;
    const isReclocked = Math.abs(offsetMs - this.offsetMs) > RECLOCK_MS;
    this.offsetMs = offsetMs;
    if (verdict === 'restart' || isReclocked) {
      this.arrivals.reset();
      this.onsets.reset();
    }
    if (verdict === 'reordered' || verdict === 'duplicate') return { verdict, interval: null };
    const interval = this.arrivals.next(ev.arrivalMs, reference(ev));
    if (interval) this.rings.arrivalIntervalErrorMs.push(interval.errorMs);
    return { verdict, interval };
  }

  /** A tick was dispatched. `isDuplicate`: its onset repeats one already counted. */
  recordDispatch(ev: TickEvent, info: TickDispatch, isDuplicate: boolean): IntervalError | null {
    this.tally.dispatched++;
    this.rings.dispatchErrorMs.push(info.errorMs);
    if (isDuplicate) return null;
    const interval = this.onsets.next(info.dispatchedMs, reference(ev));
    if (interval) this.rings.outputIntervalErrorMs.push(interval.errorMs);
    return interval;
  }

  counts(): StreamCounts {
    return { ...this.tally, ...this.sequence.counts() };
  }
}

function reference(ev: TickEvent) {
  return { timetag: ev.timetag, sentMs: ev.sentMs ?? null };
}
