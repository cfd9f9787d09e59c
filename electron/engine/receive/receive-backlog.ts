/**
 * Keeps receive work from holding the event loop: within one round of the loop, datagrams are
 * worked on at once until `sliceMs` of work is done; the rest wait here (copied, bounded) and are
 * worked on in later rounds, so the scheduler's timers and the loop's other work run in between
 * however much arrives at once. The work's time is measured on the clock (virtual time: 0, so
 * virtual-time tests see everything worked on at once unless their handlers take time).
 * Thread: the receive path's.
 */
import type { Clock } from '../time/clock';
import type { EngineTimers } from '../time/timers';

/** Whose items wait (a sender): it may have only so many waiting at once. */
export interface BacklogOwner {
  /** Items of its waiting now (kept by the backlog). */
  backlogged: number;
}

/** Options for {@link createReceiveBacklog}. */
export interface ReceiveBacklogOptions<T> {
  clock: Clock;
  /** How rounds of the loop are told apart; absent: every item is worked on at once. */
  timers?: EngineTimers;
  /** Work done in one round before the rest waits, ms. */
  sliceMs?: number;
  /** Items waiting at most, and their bytes at most. */
  maxItems: number;
  maxBytes: number;
  /** Items one owner may have waiting at most, so one owner cannot take the backlog from all. */
  maxItemsPerOwner?: number;
  work: (item: T) => void;
  /** A later round worked on items that had waited. */
  onRoundWorked?: () => void;
}

/** The backlog. */
export interface ReceiveBacklog<T> {
  /**
   * Works on `item` now, or keeps `keep(item)` for a later round (what it holds must outlive the
   * call); false when it had to wait and there was no room, or `owner` had its share waiting
   * (the item is dropped).
   */
  submit(item: T, byteLength: number, keep: (item: T) => T, owner?: BacklogOwner): boolean;
  /** Items waiting. */
  readonly size: number;
  /** Drops what waits; later rounds do nothing. */
  dispose(): void;
}

interface Waiting<T> {
  item: T;
  byteLength: number;
  owner: BacklogOwner | undefined;
}

/** Creates an empty backlog. */
export function createReceiveBacklog<T>(options: ReceiveBacklogOptions<T>): ReceiveBacklog<T> {
  const { clock, timers } = options;
  const sliceMs = options.sliceMs ?? 0.1;
  let queue: Waiting<T>[] = [];
  let head = 0;
  let queuedBytes = 0;
  let roundWorkMs = 0;
  let isRoundOpen = false;
  let isDisposed = false;

  const work = (item: T): void => {
    const startMs = clock.nowMs();
    try {
      options.work(item);
    } finally {
      roundWorkMs += Math.max(0, clock.nowMs() - startMs);
    }
  };

  /** The first work of a round asks to hear when the loop has gone round. */
  const openRound = (): void => {
    if (isRoundOpen || !timers) return;
    isRoundOpen = true;
    if (timers.yieldToLoop) timers.yieldToLoop(nextRound);
    else timers.setTimer(nextRound, 0);
  };

  function nextRound(): void {
    isRoundOpen = false;
    roundWorkMs = 0;
    if (isDisposed) return;
    let worked = 0;
    while (head < queue.length && roundWorkMs < sliceMs) {
      const w = queue[head]!;
      queue[head++] = undefined as unknown as Waiting<T>; // let it be collected
      queuedBytes -= w.byteLength;
      if (w.owner) w.owner.backlogged--;
      openRound();
      work(w.item);
      worked++;
    }
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else {
      if (head > 1024 && head * 2 > queue.length) {
        queue = queue.slice(head); // the worked-on front is dropped now and then, not per item
        head = 0;
      }
      openRound();
    }
    if (worked > 0) options.onRoundWorked?.();
  }

  return {
    submit(item, byteLength, keep, owner) {
      if (!timers) {
        options.work(item);
        return true;
      }
      if (head === queue.length && roundWorkMs < sliceMs) {
        openRound();
        work(item);
        return true;
      }
      if (queue.length - head >= options.maxItems || queuedBytes + byteLength > options.maxBytes)
        return false;
      if (owner && owner.backlogged >= (options.maxItemsPerOwner ?? Infinity)) return false;
      queue.push({ item: keep(item), byteLength, owner });
      queuedBytes += byteLength;
      if (owner) owner.backlogged++;
      openRound();
      return true;
    },
    get size() {
      return queue.length - head;
    },
    dispose() {
      isDisposed = true;
      for (let i = head; i < queue.length; i++) if (queue[i]!.owner) queue[i]!.owner!.backlogged--;
      queue = [];
      head = 0;
      queuedBytes = 0;
    },
  };
}
