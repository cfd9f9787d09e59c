/**
 * Leading + trailing throttle: the first call runs at once, later calls within the interval
 * collapse into one trailing call with the newest arguments, so the last value always lands.
 */

/** Timer functions (injected in tests). */
export interface ThrottleTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** See {@link createThrottle}. */
export interface Throttled<A extends unknown[]> {
  (...args: A): void;
  /** A trailing call is waiting. */
  readonly isPending: boolean;
  /** Runs a waiting trailing call now. */
  flush(): void;
  /** Drops a waiting trailing call. */
  cancel(): void;
}

const browserTimers: ThrottleTimers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Calls `fn` at most once per `intervalMs`. */
export function createThrottle<A extends unknown[]>(
  fn: (...args: A) => void,
  intervalMs: number,
  timers: ThrottleTimers = browserTimers,
): Throttled<A> {
  let lastRunAt = -Infinity;
  let pendingArgs: A | null = null;
  let timer: unknown = null;

  const run = (args: A): void => {
    lastRunAt = timers.now();
    fn(...args);
  };
  const fire = (): void => {
    timer = null;
    const args = pendingArgs;
    pendingArgs = null;
    if (args) run(args);
  };
  const throttled = ((...args: A) => {
    const waitMs = lastRunAt + intervalMs - timers.now();
    if (waitMs <= 0 && timer === null) return run(args);
    pendingArgs = args;
    timer ??= timers.setTimeout(fire, Math.max(0, waitMs));
  }) as Throttled<A>;
  Object.defineProperty(throttled, 'isPending', { get: () => pendingArgs !== null });
  throttled.flush = () => {
    if (timer !== null) timers.clearTimeout(timer);
    fire();
  };
  throttled.cancel = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    pendingArgs = null;
  };
  return throttled;
}
