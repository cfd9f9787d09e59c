/**
 * Coalesces what the engine pushes to display rate before it leaves the engine thread: at most one
 * frame per `frameMs`, state latest-wins (read at flush time), stream items batched per frame and
 * bounded by their `maxPerFrame` (the rest counted as `dropped`). Items of a timed stream whose
 * play time is near are flushed at once, so look-ahead events are never held past their time.
 */
import type { ContractEvent, StateName, StreamName } from '../../../shared/ipc';
import type { EngineSink } from '../engine';

/** The part of a stream's contract entry the coalescer needs. */
export interface CoalescedStream {
  maxPerFrame: number;
  isTimed: boolean;
}

/** Options for {@link createCoalescer}. */
export interface CoalescerOptions {
  /** Stream specs by name (normally `contract.streams`). */
  streams: Readonly<Record<string, CoalescedStream>>;
  /** Shortest time between two frames; 1000/60 by default. */
  frameMs?: number;
  /** Timed items due within this long are flushed now; two frames by default. */
  urgentMs?: number;
  /** Unix ms (the engine clock). */
  nowMs: () => number;
  setTimer: (callback: () => void, delayMs: number) => unknown;
  clearTimer: (handle: unknown) => void;
  emit: (event: ContractEvent) => void;
}

/** An {@link EngineSink} that emits coalesced frames. Thread: the engine's. */
export interface Coalescer extends EngineSink {
  /** Emits everything pending now. */
  flush(): void;
  /** Drops everything pending and stops the timer. */
  dispose(): void;
}

/** Creates a coalescer. */
export function createCoalescer(options: CoalescerOptions): Coalescer {
  const frameMs = options.frameMs ?? 1000 / 60;
  const urgentMs = options.urgentMs ?? 2 * frameMs;
  const states = new Map<StateName, () => unknown>();
  const frames = new Map<StreamName, { items: unknown[]; dropped: number }>();
  let timer: unknown = null;
  let isUrgent = false;
  let lastFlushMs = -Infinity;
  let isDisposed = false;

  const arm = (urgent: boolean): void => {
    if (isDisposed || (timer !== null && (isUrgent || !urgent))) return;
    if (timer !== null) options.clearTimer(timer);
    isUrgent = urgent;
    const delayMs = urgent ? 0 : Math.max(0, lastFlushMs + frameMs - options.nowMs());
    timer = options.setTimer(flush, delayMs);
  };

  function flush(): void {
    if (timer !== null) options.clearTimer(timer);
    timer = null;
    isUrgent = false;
    if (isDisposed) return;
    lastFlushMs = options.nowMs();
    for (const [channel, read] of states)
      options.emit({ channel, payload: read() } as ContractEvent);
    states.clear();
    for (const [channel, payload] of frames) options.emit({ channel, payload } as ContractEvent);
    frames.clear();
  }

  return {
    state(name, read) {
      states.set(name, read);
      arm(false);
    },
    stream(name, build) {
      const spec = options.streams[name];
      if (!spec) throw new Error(`[engine] unknown stream ${name}`);
      let frame = frames.get(name);
      if (!frame) frames.set(name, (frame = { items: [], dropped: 0 }));
      if (frame.items.length >= spec.maxPerFrame) {
        frame.dropped++;
        arm(false);
        return;
      }
      const item = build();
      frame.items.push(item);
      const playMs = spec.isTimed ? (item as { playMs: number }).playMs : Infinity;
      arm(playMs - options.nowMs() < urgentMs);
    },
    flush,
    dispose() {
      isDisposed = true;
      if (timer !== null) options.clearTimer(timer);
      timer = null;
      states.clear();
      frames.clear();
    },
  };
}
