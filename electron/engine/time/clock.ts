import { performance } from 'node:perf_hooks';
import { ntpFromUnixMs } from '../../../shared/osc/timetag';
import type { Clock } from '../../../shared/time/clock';
import { createWallFollower, wallAt, type WallFollowerOptions } from './wall-follower';

/** Defined in shared/ (shared code and the renderer use it too); re-exported for the engine. */
export type { Clock };

/** Options for {@link createSystemClock}; the time sources are injected by tests. */
export interface SystemClockOptions {
  /** Re-anchor to the wall clock when it differs from the output by more than this. */
  stepThresholdMs?: number;
  /** Called after a wall-clock step was detected (e.g. an NTP daemon set the time). */
  onStep?: (stepMs: number) => void;
  /** The wall clock, whole Unix ms (default `Date.now`). */
  wallNow?: () => number;
  /** A monotonic counter in ms with sub-ms resolution (default `performance.now`). */
  monoNow?: () => number;
  /** The wall time at monotonic 0 (default `performance.timeOrigin`, or read from `wallNow`). */
  originMs?: number;
  /** The time constant in which a difference from the wall clock is slewed away, ms. */
  slewMs?: number;
  /** The fastest slew, ppm: the output's rate stays within the wall clock's +- this. */
  maxSlewPpm?: number;
  /** The output's rate stays within 1 +- this (an NTP daemon slews at up to 500 ppm), ppm. */
  maxRatePpm?: number;
  follower?: Omit<WallFollowerOptions, 'maxRatePpm'>;
  /**
   * How often to probe the wall clock, ms (0: never): read it until its millisecond ticks over,
   * which places it to a microsecond (up to ~1 ms of spinning: 0.05 % of a core at once a
   * second). Default 1000 with the real time sources, 0 with injected ones (tests call `probe`).
   */
  probeEveryMs?: number;
}

/**
 * The system clock; it owns the probe's timer (unref'd: it keeps no process alive).
 * `createSystemClock()` without options returns the thread's one shared instance.
 */
export interface SystemClock extends Clock {
  /** Reads the wall clock until its millisecond ticks over (at most ~1.5 ms) and learns from it. */
  probe(): void;
  dispose(): void;
}

/** Readings further apart than this around a tick are not trusted (a stall or a GC pause), ms. */
const MAX_TICK_GAP_MS = 0.02;

/**
 * The system clock: the wall clock (what python-osc and Pd read) at the resolution of the
 * monotonic counter. `performance.now()` never jumps and resolves microseconds; `Date.now()`
 * follows the operating system's time (steps, NTP slewing, a faked rate) but only in whole ms.
 * The output is the monotonic counter at a rate and phase learnt from the instants the wall
 * clock ticks over (wall-follower.ts), slewed smoothly towards it, so it runs at the wall
 * clock's rate without ever going backwards; only a real jump of more than `stepThresholdMs` is
 * a step. The ordinary readings of a process say little (timers fire on whole monotonic ms, so
 * they come at one phase of the wall clock's millisecond), hence the probe once a second.
 * Per read: the two readings and a few arithmetic operations.
 */
export function createSystemClock(options: SystemClockOptions = {}): SystemClock {
  // The wall clock is one per machine: without options every caller on a thread shares one
  // clock, and so one probe (CLI commands run in-process by tests would otherwise pile them up).
  if (Object.keys(options).length === 0) return (shared ??= createClock({}));
  return createClock(options);
}

/** The thread's shared clock; its `dispose` does nothing (it lives as long as the thread). */
let shared: SystemClock | null = null;

function createClock(options: SystemClockOptions): SystemClock {
  const stepThresholdMs = options.stepThresholdMs ?? 20;
  const slewMs = options.slewMs ?? 1000;
  const maxSlew = (options.maxSlewPpm ?? 500) * 1e-6;
  const maxRatePpm = options.maxRatePpm ?? 1000;
  const maxRate = maxRatePpm * 1e-6;
  const wallNow = options.wallNow ?? Date.now;
  const monoNow = options.monoNow ?? (() => performance.now());
  const isInjected = options.wallNow !== undefined || options.monoNow !== undefined;
  const originMs =
    options.originMs ?? (isInjected ? wallNow() + 0.5 - monoNow() : performance.timeOrigin);
  // Everything is kept relative to a whole-ms base, so Unix-size numbers lose no sub-us bits.
  const base = Math.floor(originMs);
  let anchorMono = monoNow();
  let anchorOut = originMs - base + anchorMono;
  let rate = 1;
  const follower = createWallFollower({ ...options.follower, maxRatePpm });

  const nowMs = (): number => {
    const mono = monoNow();
    const out = anchorOut + (mono - anchorMono) * rate;
    const wall = wallNow() - base;
    // Date.now() truncates to whole ms, so on the wall clock this sits in (-1, 0].
    const error = wall - out;
    if (error > stepThresholdMs - 0.5 || error < -stepThresholdMs - 0.5) {
      anchorOut = wall + 0.5;
      anchorMono = mono;
      follower.reset();
      options.onStep?.(error + 0.5);
      return anchorOut + base;
    }
    return out + base;
  };

  /** Re-anchors where the output is now and sets its rate towards the learnt wall clock. */
  const retune = (beforeMono: number, afterMono: number, wallMs: number): void => {
    const line = follower.addTick(beforeMono, afterMono, wallMs);
    const mono = monoNow();
    anchorOut += (mono - anchorMono) * rate;
    anchorMono = mono;
    // Inside what the brackets allow the output keeps its rate (chasing the middle of a wide
    // room would only wander); beyond the inner half of that room it is slewed back.
    const deadband = line.slackMs / 2;
    const error = wallAt(line, mono) - anchorOut;
    const beyond = error > deadband ? error - deadband : error < -deadband ? error + deadband : 0;
    const slewed = line.rate + Math.min(maxSlew, Math.max(-maxSlew, beyond / slewMs));
    rate = Math.min(1 + maxRate, Math.max(1 - maxRate, slewed));
  };

  const probe = (): void => {
    nowMs(); // a step is caught here first
    const start = monoNow();
    const from = wallNow();
    let before = start;
    for (;;) {
      const mono = monoNow();
      const wall = wallNow();
      const after = monoNow();
      if (wall !== from) {
        // Below `wall` when read at `before` or later, at least `wall` when read by `after`.
        if (wall === from + 1 && after - before < MAX_TICK_GAP_MS)
          retune(before, after, wall - base);
        return;
      }
      if (after - start > 1.5) return;
      before = mono;
    }
  };

  const probeEveryMs = options.probeEveryMs ?? (isInjected ? 0 : 1000);
  const timer = probeEveryMs > 0 ? setInterval(probe, probeEveryMs) : null;
  timer?.unref();
  const isShared = Object.keys(options).length === 0;
  return {
    nowMs,
    nowNtp: () => ntpFromUnixMs(nowMs()),
    probe,
    dispose: () => {
      if (timer !== null && !isShared) clearInterval(timer);
    },
  };
}
