/**
 * Heap growth after the warm-up, read after a full GC. Without the GC, heapUsed is a sawtooth of
 * uncollected garbage tens of MB tall, hiding any leak; after one, it is what the process keeps.
 * Judged is the data heap: V8's heap without compiled code, which keeps growing for minutes (a few
 * hundred KB) as V8 optimizes functions that run once a beat; a heap snapshot diff of a 2-minute
 * run showed nothing else growing. Growth = median of the last three readings - median of the
 * first three after the warm-up, so one odd reading moves nothing. Memory: six readings at most.
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** One reading, MB. */
export interface MemoryReading {
  atSec: number;
  /** heapUsed: data and code. */
  heapMb: number;
  /** The heap without compiled code (what is judged). */
  dataMb: number;
  rssMb: number;
}

/** What the tracker concluded. */
export interface HeapFigures {
  /** False when V8 refused to expose `gc`: the readings then include garbage. */
  isGcForced: boolean;
  warmupSec: number;
  /** The data heap: null until three readings after the warm-up. */
  baselineMb: number | null;
  endMb: number | null;
  growthMb: number | null;
  /** heapUsed (data and code) at the last reading. */
  heapEndMb: number;
  rssMb: { start: number; peak: number; end: number };
}

/** Takes readings (each after a full GC) and keeps what the verdict needs. */
export interface HeapTracker {
  /** Collects garbage and reads the heap; a few ms: call it between beats. */
  read(atSec: number): MemoryReading;
  figures(): HeapFigures;
}

/** The `gc` function, exposed at run time (no node flag needed), or null. */
function exposeGc(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

const MB = 1024 * 1024;

/** V8's heap spaces without compiled code and the read-only snapshot, bytes. */
function dataHeapBytes(): number {
  let bytes = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (!/code|read_only/.test(space.space_name)) bytes += space.space_used_size;
  }
  return bytes;
}
const median3 = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[1] ?? NaN;

/** Creates the tracker; readings before `warmupSec` only count towards RSS. */
export function createHeapTracker(warmupSec: number): HeapTracker {
  const gc = exposeGc();
  const first: number[] = [];
  const last: number[] = [];
  let rss = { start: NaN, peak: 0, end: NaN };
  let heapEndMb = NaN;

  return {
    read(atSec) {
      gc?.();
      const m = process.memoryUsage();
      const reading = {
        atSec,
        heapMb: m.heapUsed / MB,
        dataMb: dataHeapBytes() / MB,
        rssMb: m.rss / MB,
      };
      heapEndMb = reading.heapMb;
      if (Number.isNaN(rss.start)) rss.start = reading.rssMb;
      rss = { ...rss, peak: Math.max(rss.peak, reading.rssMb), end: reading.rssMb };
      if (atSec >= warmupSec) {
        if (first.length < 3) first.push(reading.dataMb);
        last.push(reading.dataMb);
        if (last.length > 3) last.shift();
      }
      return reading;
    },
    figures() {
      const isEnough = first.length === 3 && last.length === 3;
      const baselineMb = isEnough ? median3(first) : null;
      const endMb = isEnough ? median3(last) : null;
      return {
        isGcForced: gc !== null,
        warmupSec,
        baselineMb,
        endMb,
        growthMb: baselineMb === null || endMb === null ? null : endMb - baselineMb,
        heapEndMb,
        rssMb: { ...rss },
      };
    },
  };
}
