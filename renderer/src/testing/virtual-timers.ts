/** Virtual time for throttles and debounces: timers fire in order when the test advances. */
import type { ThrottleTimers } from '../lib/throttle';

/** See the file comment. */
export interface VirtualTimers extends ThrottleTimers {
  advance(ms: number): void;
}

/** Starts at 0 ms. */
export function createVirtualTimers(): VirtualTimers {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout(id) {
      timers = timers.filter((t) => t.id !== id);
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at || a.id - b.id);
        const t = timers[0];
        if (!t || t.at > end) break;
        timers.shift();
        now = t.at;
        t.fn();
      }
      now = end;
    },
  };
}
