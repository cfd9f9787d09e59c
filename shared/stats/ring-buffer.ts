/**
 * A fixed-capacity ring of numbers backed by one Float64Array: pushing past capacity overwrites
 * the oldest value, so memory never grows. The plots and the engine's measurements both use it.
 * Thread: any, not shared between threads. `push` does not allocate.
 */
export class RingBuffer {
  private readonly data: Float64Array;
  private start = 0;
  private count = 0;
  private pushed = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`ring buffer capacity must be a whole number >= 1, got ${capacity}`);
    }
    this.data = new Float64Array(capacity);
  }

  /** Values currently held (at most `capacity`). */
  get size(): number {
    return this.count;
  }

  /** Values ever pushed since construction or `clear` (the overwritten ones included). */
  get totalPushed(): number {
    return this.pushed;
  }

  /** Appends a value, overwriting the oldest one when full. */
  push(value: number): void {
    const end = (this.start + this.count) % this.capacity;
    this.data[end] = value;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    this.pushed++;
  }

  /** The i-th value, oldest first (0 = oldest); negative i counts from the newest (-1). */
  at(i: number): number | undefined {
    const k = i < 0 ? this.count + i : i;
    if (!Number.isInteger(k) || k < 0 || k >= this.count) return undefined;
    return this.data[(this.start + k) % this.capacity];
  }

  /** A copy of the held values, oldest first. */
  toArray(): Float64Array {
    const out = new Float64Array(this.count);
    const firstRun = Math.min(this.count, this.capacity - this.start);
    out.set(this.data.subarray(this.start, this.start + firstRun));
    out.set(this.data.subarray(0, this.count - firstRun), firstRun);
    return out;
  }

  /** Forgets every value (capacity and memory stay). */
  clear(): void {
    this.start = 0;
    this.count = 0;
    this.pushed = 0;
  }
}
