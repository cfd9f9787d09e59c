/**
 * The live plot's samples in fixed typed arrays (one column per metric, NaN for "no value"):
 * a week of ticks costs the same memory as a minute. Mutated in place; readers go by version.
 */
import type { SampleItem } from './contract-types';

/** Most distinct tick streams the plot tells apart (more are drawn as the last one). */
export const MAX_PLOT_STREAMS = 8;

/** See {@link createSampleRing}. */
export interface SampleRing {
  readonly capacity: number;
  /** Samples held now (<= capacity). */
  readonly size: number;
  /** Samples ever pushed since the last clear. */
  readonly total: number;
  /** Stream keys by index (the `stream` column holds indices into this). */
  readonly streams: readonly string[];
  /** Physical index of the i-th oldest sample (0 <= i < size). */
  indexOf(i: number): number;
  readonly atMs: Float64Array;
  readonly leadMs: Float64Array;
  readonly outputErrorMs: Float64Array;
  readonly arrivalErrorMs: Float64Array;
  readonly dispatchErrorMs: Float64Array;
  readonly isLate: Uint8Array;
  readonly stream: Uint8Array;
  push(item: SampleItem): void;
  clear(): void;
}

const orNaN = (v: number | null): number => (v === null ? Number.NaN : v);

/** Creates an empty ring of `capacity` samples. */
export function createSampleRing(capacity: number): SampleRing {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be >= 1');
  const columns = {
    atMs: new Float64Array(capacity),
    leadMs: new Float64Array(capacity),
    outputErrorMs: new Float64Array(capacity),
    arrivalErrorMs: new Float64Array(capacity),
    dispatchErrorMs: new Float64Array(capacity),
    isLate: new Uint8Array(capacity),
    stream: new Uint8Array(capacity),
  };
  const streams: string[] = [];
  let next = 0;
  let size = 0;
  let total = 0;

  const streamIndex = (key: string): number => {
    const i = streams.indexOf(key);
    if (i >= 0) return i;
    if (streams.length < MAX_PLOT_STREAMS) return streams.push(key) - 1;
    return MAX_PLOT_STREAMS - 1;
  };

  return {
    capacity,
    ...columns,
    streams,
    get size() {
      return size;
    },
    get total() {
      return total;
    },
    indexOf: (i) => (next - size + i + capacity) % capacity,
    push(item) {
      columns.atMs[next] = item.atMs;
      columns.leadMs[next] = orNaN(item.leadMs);
      columns.outputErrorMs[next] = orNaN(item.outputIntervalErrorMs);
      columns.arrivalErrorMs[next] = orNaN(item.arrivalIntervalErrorMs);
      columns.dispatchErrorMs[next] = item.dispatchErrorMs;
      columns.isLate[next] = item.isLate ? 1 : 0;
      columns.stream[next] = streamIndex(item.key);
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
      total++;
    },
    clear() {
      next = 0;
      size = 0;
      total = 0;
      streams.length = 0;
    },
  };
}
