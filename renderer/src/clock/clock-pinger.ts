/**
 * Pings the engine's clock (`clock:now`) and feeds each exchange to the page's engine clock: a
 * few times a second at first, so an estimate exists within a second of connecting, then every
 * ~2 s (the estimator keeps the fastest round trips; more pings would only load the link). One
 * exchange is in flight at a time. Each (re)connection starts over: the host may have restarted,
 * or be another engine.
 */
import type { Bridge } from '../bridge';
import { codeOf } from '../store/slices/errors';
import type { EngineClock } from './engine-clock';

/** Timers (the page's, or a fake clock's in tests). */
export interface PingerTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of {@link createClockPinger}. */
export interface ClockPingerOptions {
  bridge: Pick<Bridge, 'invoke' | 'onConnection' | 'connection'>;
  clock: EngineClock;
  timers?: PingerTimers;
  /** Pings after each (re)connection at `fastIntervalMs`, then every `slowIntervalMs`. */
  fastPings?: number;
  fastIntervalMs?: number;
  slowIntervalMs?: number;
}

/** The running pinger. */
export interface ClockPinger {
  start(): void;
  stop(): void;
  /** False when the host does not know clock:now (an older host): the page's clock is used. */
  readonly isSupported: boolean;
  dispose(): void;
}

const pageTimers: PingerTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Creates a stopped pinger. */
export function createClockPinger(options: ClockPingerOptions): ClockPinger {
  const { bridge, clock } = options;
  const timers = options.timers ?? pageTimers;
  const fastPings = options.fastPings ?? 12;
  const fastMs = options.fastIntervalMs ?? 250;
  const slowMs = options.slowIntervalMs ?? 2000;
  let isRunning = false;
  let isSupported = true;
  let timer: unknown = null;
  let sinceConnect = 0;
  let generation = 0;
  let offConnection: (() => void) | null = null;

  const schedule = (ms: number): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      void ping();
    }, ms);
  };

  const ping = async (): Promise<void> => {
    if (!isRunning || !isSupported || bridge.connection !== 'open') return;
    const mine = generation;
    const t1 = clock.pageNowMs();
    try {
      const { engineMs } = await bridge.invoke('clock:now', {});
      const t4 = clock.pageNowMs();
      if (mine !== generation) return; // a reconnection came in between: another engine maybe
      clock.addExchange(t1, engineMs, t4);
    } catch (error) {
      if (codeOf(error) === 'unknown-command') {
        isSupported = false;
        clock.assumeSameClock();
        return;
      }
      // Disconnected or a timeout: the next connection (or ping) tries again.
    }
    if (mine !== generation || !isRunning) return;
    sinceConnect++;
    schedule(sinceConnect < fastPings ? fastMs : slowMs);
  };

  const restart = (): void => {
    generation++;
    sinceConnect = 0;
    isSupported = true; // the host may have been updated
    clock.reset();
    schedule(0);
  };

  return {
    start() {
      if (isRunning) return;
      isRunning = true;
      offConnection = bridge.onConnection((state) => {
        if (state === 'open') restart();
      });
      restart();
    },
    stop() {
      isRunning = false;
      generation++;
      offConnection?.();
      offConnection = null;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
    get isSupported() {
      return isSupported;
    },
    dispose() {
      this.stop();
    },
  };
}
