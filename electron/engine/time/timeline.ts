/**
 * A time-ordered queue of events: a binary min-heap on (time, insertion order), so events due at
 * the same instant leave in the order they were added. Cancelled entries are removed in place.
 * Thread: the scheduler's thread only. Allocates one entry object per add.
 */

/** One queued event. */
export interface TimelineEntry<T> {
  readonly id: number;
  timeMs: number;
  readonly value: T;
  /** Insertion order, the tie-breaker for equal times. */
  seq: number;
  /** Position in the heap array (kept up to date for O(log n) cancel and reschedule). */
  index: number;
}

/** The queue. `capacity` bounds memory: `add` returns null when full. */
export class Timeline<T> {
  private readonly heap: TimelineEntry<T>[] = [];
  private readonly byId = new Map<number, TimelineEntry<T>>();
  private nextId = 1;
  private nextSeq = 0;

  constructor(readonly capacity = 100_000) {}

  /** Number of queued events. */
  get size(): number {
    return this.heap.length;
  }

  /** Queues `value` at `timeMs`; returns its entry, or null when the queue is full. */
  add(timeMs: number, value: T): TimelineEntry<T> | null {
    if (this.heap.length >= this.capacity) return null;
    const entry: TimelineEntry<T> = {
      id: this.nextId++,
      timeMs,
      value,
      seq: this.nextSeq++,
      index: this.heap.length,
    };
    this.heap.push(entry);
    this.byId.set(entry.id, entry);
    this.up(entry.index);
    return entry;
  }

  /** The earliest event, without removing it. */
  peek(): TimelineEntry<T> | undefined {
    return this.heap[0];
  }

  /** The queued entry with this id, if any. */
  get(id: number): TimelineEntry<T> | undefined {
    return this.byId.get(id);
  }

  /** Removes and returns the earliest event. */
  shift(): TimelineEntry<T> | undefined {
    const top = this.heap[0];
    if (top) this.removeAt(0);
    return top;
  }

  /** Removes an event by id; false when it is not queued (already dispatched or cancelled). */
  cancel(id: number): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    this.removeAt(entry.index);
    return true;
  }

  /** Moves an event to a new time (it goes behind events already queued at that time). */
  reschedule(id: number, timeMs: number): boolean {
    const entry = this.byId.get(id);
    if (!entry) return false;
    entry.timeMs = timeMs;
    entry.seq = this.nextSeq++;
    this.down(entry.index);
    this.up(entry.index);
    return true;
  }

  /** Drops every event. */
  clear(): void {
    this.heap.length = 0;
    this.byId.clear();
  }

  private removeAt(i: number): void {
    const removed = this.heap[i]!;
    const last = this.heap.pop()!;
    this.byId.delete(removed.id);
    if (last !== removed) {
      this.heap[i] = last;
      last.index = i;
      this.down(i);
      this.up(i);
    }
  }

  private less(a: TimelineEntry<T>, b: TimelineEntry<T>): boolean {
    return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i]!, h[p]!)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    const h = this.heap;
    const x = h[a]!;
    const y = h[b]!;
    h[a] = y;
    h[b] = x;
    x.index = b;
    y.index = a;
  }
}
