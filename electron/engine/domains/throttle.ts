/**
 * Calls `run` at most once per `minIntervalMs`, however often it is asked, and never later than
 * that after a request: the first request after a quiet spell runs at once (on the next timer
 * turn), later ones are folded into one run at the end of the interval.
 */
import type { SchedulerTimers } from '../time/timers';

/** A throttled action. */
export interface Throttle {
  /** Asks for a run; cheap (no allocation) when one is already pending. */
  request(): void;
  dispose(): void;
}

/** Creates a throttle over the engine's timers (virtual in tests). */
export function createThrottle(deps: {
  timers: Pick<SchedulerTimers, 'setTimer' | 'clearTimer'>;
  nowMs: () => number;
  minIntervalMs: number;
  run: () => void;
}): Throttle {
  let timer: unknown = null;
  let lastRunMs = -Infinity;
  let isDisposed = false;

  const fire = (): void => {
    timer = null;
    if (isDisposed) return;
    lastRunMs = deps.nowMs();
    deps.run();
  };

  return {
    request() {
      if (timer !== null || isDisposed) return;
      const delayMs = Math.max(0, lastRunMs + deps.minIntervalMs - deps.nowMs());
      timer = deps.timers.setTimer(fire, delayMs);
    },
    dispose() {
      isDisposed = true;
      if (timer !== null) deps.timers.clearTimer(timer);
      timer = null;
    },
  };
}
