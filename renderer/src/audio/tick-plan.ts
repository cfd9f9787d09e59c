/**
 * When a tick should sound on the AudioContext clock, and whether it can: the tick's exact play
 * time (NTP, engine clock) -> page time (ms since `performance.timeOrigin`, less the engine's
 * offset from the page's clock when they run on different devices) -> context time through the
 * fitted clock map, rounded to a sample frame. Pure: the player feeds it the current facts.
 */
import { toContextSec, type ClockFit } from '../../../shared/audio/clock-map';
import type { TickItem } from '../../../shared/ipc';
import { ntpDiffMs, ntpFromHex, type NtpTime } from '../../../shared/osc/timetag';

/** What to do with a tick whose moment has passed (or is too close to schedule exactly). */
export type LatePolicy = 'play' | 'drop';

/** The least time between scheduling a tick and its sound: less and it follows the late policy. */
export const LATE_MARGIN_MS = 10;
/** Plain (immediate) ticks play at arrival + this + two audio buffers (see immediateDelayMs). */
export const IMMEDIATE_BASE_DELAY_MS = 30;

/** The facts a plan needs, as the player sees them when a tick arrives. */
export interface PlanInputs {
  /** The clock map (page ms -> context s); null before the first getOutputTimestamp pair. */
  fit: ClockFit | null;
  /** `performance.timeOrigin` as NTP: a play time minus this is page time. */
  originNtp: NtpTime;
  /** `performance.timeOrigin`, Unix ms (for arrival times, which are Unix ms floats). */
  originMs: number;
  /**
   * Engine clock minus page clock, ms (clock/engine-clock.ts); 0 when both are one computer's.
   * null while the page has not measured it yet: nothing can be placed.
   */
  engineOffsetMs: number | null;
  currentTimeSec: number;
  sampleRate: number;
  /** The context's output latency as latched once (output-latency.ts), s. */
  latencySec: number;
  /**
   * true: the sound leaves the speaker at the play time (needs lead > output latency).
   * false: the tick is handed to the output at the play time; it sounds `latencySec` later.
   */
  isCompensated: boolean;
  latePolicy: LatePolicy;
  /** Plain ticks carry no play time: they play this long after their arrival, ms. */
  immediateDelayMs: number;
}

/** The tick fields a plan reads. */
export type PlannedTick = Pick<
  TickItem,
  'playNtp' | 'arrivalMs' | 'classification' | 'isDropped' | 'accent'
>;

/** What the player does with one tick. */
export type TickPlan =
  | { action: 'schedule'; whenSec: number; isAccent: boolean }
  /** Late: play as soon as possible (`start(0)`), counted late. */
  | { action: 'play-late'; whenSec: number; isAccent: boolean }
  | { action: 'drop'; reason: 'upstream' | 'late' | 'unmapped' };

/**
 * How long after arrival a plain tick plays: enough to cross to the page and be scheduled on
 * time (two audio buffers and a little), constant for a context so the network's jitter stays
 * exactly what it was and the page adds none of its own.
 */
export function immediateDelayMs(
  baseLatencySec: number,
  latencySec: number,
  isCompensated: boolean,
) {
  return (
    IMMEDIATE_BASE_DELAY_MS + 2 * baseLatencySec * 1000 + (isCompensated ? latencySec * 1000 : 0)
  );
}

/** Page time (ms since timeOrigin) at which a tick should sound. */
export function tickPageMs(tick: PlannedTick, p: PlanInputs): number {
  // The exact NTP difference first (large), then the small offset: no precision is lost.
  const engineSinceOriginMs =
    tick.classification === 'immediate'
      ? tick.arrivalMs - p.originMs + p.immediateDelayMs
      : ntpDiffMs(ntpFromHex(tick.playNtp), p.originNtp);
  return engineSinceOriginMs - (p.engineOffsetMs ?? 0);
}

/** Plans one tick. */
export function planTick(tick: PlannedTick, p: PlanInputs): TickPlan {
  if (tick.isDropped) return { action: 'drop', reason: 'upstream' };
  if (!p.fit || p.engineOffsetMs === null) return { action: 'drop', reason: 'unmapped' };
  const mappedSec = toContextSec(p.fit, tickPageMs(tick, p)) + (p.isCompensated ? 0 : p.latencySec);
  // A whole sample frame: a fractional start would make the browser interpolate the click's
  // sharp first sample.
  const whenSec = Math.round(mappedSec * p.sampleRate) / p.sampleRate;
  if (whenSec >= p.currentTimeSec + LATE_MARGIN_MS / 1000) {
    return { action: 'schedule', whenSec, isAccent: tick.accent };
  }
  return p.latePolicy === 'play'
    ? { action: 'play-late', whenSec: 0, isAccent: tick.accent }
    : { action: 'drop', reason: 'late' };
}
