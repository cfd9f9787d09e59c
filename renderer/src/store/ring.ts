/** A fixed-capacity ring of objects: the oldest is overwritten, memory never grows. */

/** See {@link createRing}. */
export interface Ring<T> {
  readonly capacity: number;
  /** Items held now (<= capacity). */
  readonly size: number;
  /** Items ever pushed since the last clear (size + overwritten). */
  readonly total: number;
  push(item: T): void;
  clear(): void;
  /** Up to `limit` items, newest first, that pass `keep`. */
  newest(limit: number, keep?: (item: T) => boolean): T[];
}

/** Creates an empty ring. */
export function createRing<T>(capacity: number): Ring<T> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be >= 1');
  const items: (T | undefined)[] = new Array<T | undefined>(capacity);
  let next = 0; // where the next push goes
  let size = 0;
  let total = 0;
  return {
    capacity,
    get size() {
      return size;
    },
    get total() {
      return total;
    },
    push(item) {
      items[next] = item;
      next = (next + 1) % capacity;
      size = Math.min(size + 1, capacity);
      total++;
    },
    clear() {
      items.fill(undefined);
      next = 0;
      size = 0;
      total = 0;
    },
    newest(limit, keep) {
      const out: T[] = [];
      for (let i = 1; i <= size && out.length < limit; i++) {
        const item = items[(next - i + capacity) % capacity] as T;
        if (!keep || keep(item)) out.push(item);
      }
      return out;
    },
  };
}
