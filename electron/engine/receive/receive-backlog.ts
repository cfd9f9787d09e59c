/**
 * Keeps receive work from holding the event loop: within one round of the loop, datagrams are
 * worked on at once until `sliceMs` of work is done; the rest wait here (copied, bounded) and are
 * worked on in later rounds, so the scheduler's timers and the loop's other work run in between
 * however much arrives at once. What waits is served one sender at a time in turn (each sender's
 * own datagrams in the order they came), so a sender with a long queue delays another sender's
 * datagram by one of its own, not by its whole queue. The work's time is measured on the clock
 * (virtual time: 0, so virtual-time tests see everything worked on at once unless their handlers
 * take time). Thread: the receive path's.
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

/** One owner's waiting items, oldest first. */
interface OwnerQueue<T> {
  owner: BacklogOwner;
  items: Array<{ item: T; byteLength: number }>;
  head: number;
}

/** Items submitted without an owner share this one. */
const NO_OWNER = (): BacklogOwner => ({ backlogged: 0 });

/** Creates an empty backlog. */
export function createReceiveBacklog<T>(options: ReceiveBacklogOptions<T>): ReceiveBacklog<T> {
  const { clock, timers } = options;
  const sliceMs = options.sliceMs ?? 0.1;
  const maxPerOwner = options.maxItemsPerOwner ?? Infinity;
  const anonymous = NO_OWNER();
  // Owners with items waiting, in turn: the first is served next, then goes to the back.
  const queues = new Map<BacklogOwner, OwnerQueue<T>>();
  let waiting = 0;
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

  /** Takes the next owner's oldest item, and sends that owner to the back of the turn. */
  const takeNext = (): { item: T; byteLength: number } => {
    const q = queues.values().next().value!;
    const next = q.items[q.head]!;
    q.items[q.head++] = undefined as unknown as { item: T; byteLength: number }; // collectable
    q.owner.backlogged--;
    queues.delete(q.owner);
    if (q.head < q.items.length) {
      if (q.head > 256 && q.head * 2 > q.items.length) {
        q.items = q.items.slice(q.head); // the worked-on front is dropped now and then
        q.head = 0;
      }
      queues.set(q.owner, q);
    }
    waiting--;
    queuedBytes -= next.byteLength;
    return next;
  };

  function nextRound(): void {
    isRoundOpen = false;
    roundWorkMs = 0;
    if (isDisposed) return;
    let worked = 0;
    while (waiting > 0 && roundWorkMs < sliceMs) {
      openRound();
      work(takeNext().item);
      worked++;
    }
    if (waiting > 0) openRound();
    if (worked > 0) options.onRoundWorked?.();
  }

  return {
    submit(item, byteLength, keep, owner = anonymous) {
      if (!timers) {
        options.work(item);
        return true;
      }
      if (waiting === 0 && roundWorkMs < sliceMs) {
        openRound();
        work(item);
        return true;
      }
      if (waiting >= options.maxItems || queuedBytes + byteLength > options.maxBytes) return false;
      if (owner.backlogged >= maxPerOwner) return false;
      let q = queues.get(owner);
      if (!q) queues.set(owner, (q = { owner, items: [], head: 0 }));
      q.items.push({ item: keep(item), byteLength });
      owner.backlogged++;
      waiting++;
      queuedBytes += byteLength;
      openRound();
      return true;
    },
    get size() {
      return waiting;
    },
    dispose() {
      isDisposed = true;
      for (const q of queues.values()) q.owner.backlogged -= q.items.length - q.head;
      queues.clear();
      waiting = 0;
      queuedBytes = 0;
    },
  };
}
