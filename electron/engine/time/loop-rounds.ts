/**
 * How the scheduler shares its thread with the event loop while it approaches a precise target:
 * the sockets are read only when the loop goes round (a few dozen datagrams a round), so the
 * scheduler gives it rounds and blocks only through the last stretch. While the loop is busy
 * (a round takes more than a few µs: it is reading), every round that fits is given and only the
 * length of a recent round is spun through. While it is idle, the thread sleeps in slices with a
 * round between them in case datagrams came, and the last slice is the precise wait itself (a
 * sleep may wake late). Thread: the scheduler's; allocates only at creation.
 */
import type { Clock } from './clock';
import type { EngineTimers } from './timers';
import { createWakeMargin } from './wake-margin';

/** Options for {@link createLoopRounds}. */
export interface LoopRoundsOptions {
  clock: Clock;
  timers: EngineTimers;
  /** The longest sleep while the loop is idle, ms. */
  sliceMs?: number;
  /** The spun last stretch follows how long rounds take, between these two, ms. */
  minMarginMs?: number;
  maxMarginMs?: number;
}

/** The policy, fed with how long each round took. */
export interface LoopRounds {
  /**
   * Whether to give the loop a round now, `remainingMs` before the target (after a sleep of a
   * slice when it is idle); false: block through to the target. `isRunLong`: dispatches have
   * run back to back for long, the sockets get a round regardless.
   */
  shouldGive(remainingMs: number, isRunLong: boolean): boolean;
  /** A round given came back after `ms`. */
  record(ms: number): void;
  /** The last round did work. */
  readonly isBusy: boolean;
}

/** A round of the event loop this long did work (an idle round takes a few µs). */
const BUSY_ROUND_MS = 0.01;
/** Less time than this is not worth a round (and keeps a virtual clock moving). */
const MIN_ROUND_MS = 0.001;

/** Creates the policy for one scheduler. */
export function createLoopRounds(options: LoopRoundsOptions): LoopRounds {
  const { clock, timers } = options;
  const sliceMs = options.sliceMs ?? 0.5;
  const sleepLatencyMs = timers.sleepLatencyMs ?? 0;
  const sleep = (ms: number): void =>
    timers.sleep ? timers.sleep(ms) : timers.waitUntil(clock.nowMs() + ms);
  const round = createWakeMargin({
    minMs: options.minMarginMs ?? 0.1,
    maxMs: options.maxMarginMs ?? 2,
    guardMs: 0.05,
    // A round that runs long now and then (a frame of display streams, a collection) should not
    // make every dispatch block that long: 1 in 20 is left out.
    window: 128,
    quantile: 0.95,
  });
  let isBusy = false;
  return {
    shouldGive(remainingMs, isRunLong) {
      if (isRunLong) return true;
      if (isBusy) return remainingMs > round.currentMs + MIN_ROUND_MS;
      if (remainingMs <= sliceMs + sleepLatencyMs + round.currentMs) return false;
      sleep(sliceMs);
      return true;
    },
    record(ms) {
      round.record(ms);
      isBusy = ms >= BUSY_ROUND_MS;
    },
    get isBusy() {
      return isBusy;
    },
  };
}
