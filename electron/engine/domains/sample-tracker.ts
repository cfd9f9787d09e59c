/**
 * The per-tick interval errors for stream:samples. createMeasurements computes the same values
 * but keeps them inside (its summaries and CSV); until it hands them out, this runs the same
 * TickStream logic on rings of one value, so the plot and the statistics agree exactly.
 */
import { streamKey } from '../measure';
import { TickStream } from '../measure/tick-stream';
import type { TickDispatch, TickEvent } from '../tick-receiver';

/** One dispatched tick's sample values. Overwritten by the next `recordDue`. */
export interface SampleValues {
  key: string;
  arrivalIntervalErrorMs: number | null;
  outputIntervalErrorMs: number | null;
}

/** Follows each stream's arrivals and dispatches. Thread: the engine's. */
export interface SampleTracker {
  recordTick(ev: TickEvent): void;
  /** The values for this dispatch (one reused object: read it before the next call). */
  recordDue(ev: TickEvent, info: TickDispatch): SampleValues;
  reset(): void;
}

interface Pending {
  stream: TickStream;
  arrivalIntervalErrorMs: number | null;
  isDuplicate: boolean;
}

/** Creates a tracker of at most `maxStreams` streams (as createMeasurements' default: 16). */
export function createSampleTracker(maxStreams = 16): SampleTracker {
  const streams = new Map<string, TickStream>();
  let pending = new WeakMap<TickEvent, Pending>();
  const out: SampleValues = { key: '', arrivalIntervalErrorMs: null, outputIntervalErrorMs: null };

  return {
    recordTick(ev) {
      const key = streamKey(ev);
      let stream = streams.get(key);
      if (stream === undefined) {
        if (streams.size >= maxStreams) return;
        stream = new TickStream(key, ev.source, ev.address, ev.mode, 1);
        streams.set(key, stream);
      }
      const arrival = stream.recordArrival(ev);
      pending.set(ev, {
        stream,
        arrivalIntervalErrorMs: arrival.interval?.errorMs ?? null,
        isDuplicate: arrival.verdict === 'duplicate',
      });
    },
    recordDue(ev, info) {
      const p = pending.get(ev);
      if (p === undefined) {
        out.key = streamKey(ev);
        out.arrivalIntervalErrorMs = null;
        out.outputIntervalErrorMs = null;
        return out;
      }
      pending.delete(ev);
      out.key = p.stream.key;
      out.arrivalIntervalErrorMs = p.arrivalIntervalErrorMs;
      out.outputIntervalErrorMs = p.stream.recordDispatch(ev, info, p.isDuplicate)?.errorMs ?? null;
      return out;
    },
    reset() {
      streams.clear();
      pending = new WeakMap();
    },
  };
}
