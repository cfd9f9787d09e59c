/**
 * Ticks as one client of the router: a route on the tick addresses that turns each tick into a
 * TickEvent carrying its exact play time, announced on arrival (`onTick`, for the renderer's
 * look-ahead audio) and dispatched again at that time (`onTickDue`, for measurement). A message on
 * a tick address whose arguments are not a tick is left alone.
 */
import type { TimetagClock } from '../../../shared/ipc';
import type { OscMessage } from '../../../shared/osc';
import { ntpFromUnixMs, ntpToUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import { parseTickArgs, type MetronomeMode, type ParsedTick } from '../../../shared/model';
import type { UdpSource } from '../network/udp-endpoint';
import type { Classification, ReceivedMessage } from './receive-path';
import type { RouteHandler } from './router';

/** The sender's mode as far as the receiver can tell: 'timetagged' when a seed bundle does not say. */
export type TickMode = MetronomeMode | 'timetagged';

/** One tick, from its arrival on. */
export interface TickEvent {
  /** When to play it: the timetag, or the arrival for a plain message. */
  playAtNtp: NtpTime;
  playAtMs: number;
  arrivalMs: number;
  /** The timetag in our clock (null for a plain message or an immediate bundle). */
  timetag: NtpTime | null;
  /** Which clock the sender's timetag was read in, and the offset taken off it (ms, or null). */
  clock?: TimetagClock;
  clockOffsetMs?: number | null;
  /** timetag - arrival (positive = early enough); null without a timetag. */
  leadMs: number | null;
  classification: Classification;
  /** It arrived after its timetag. */
  isLate: boolean;
  /** Late under the 'drop' policy: it will not be dispatched and must not be played. */
  isDropped: boolean;
  source: UdpSource;
  address: string;
  mode: TickMode;
  /** How it was encoded (seed "tick", Pd number or bang, or extended). */
  format: ParsedTick['format'];
  /** Extended format only. */
  accent?: boolean;
  beat?: number;
  /** When the sender sent it (sender's clock, Unix ms); extended format only. */
  sentMs?: number;
}

/** How a tick's dispatch went. */
export interface TickDispatch {
  targetMs: number;
  dispatchedMs: number;
  /** dispatchedMs - targetMs. */
  errorMs: number;
  isLate: boolean;
}

/** Where ticks go. */
export interface TickRouteOptions {
  onTick?: (tick: TickEvent) => void;
  onTickDue?: (tick: TickEvent, dispatch: TickDispatch) => void;
}

/** The tick route: register it with `router.add(patterns, route)`. */
export interface TickRoute extends RouteHandler {
  /** True while `message` is a tick announced and not yet due. */
  isWaiting(message: OscMessage): boolean;
  /** Ticks announced, and ticks dispatched. */
  counters(): { ticks: number; ticksDue: number };
}

/** Creates a tick route. */
export function createTickRoute(options: TickRouteOptions): TickRoute {
  // Ticks waiting for dispatch, keyed by their decoded message (one object per message).
  const pending = new WeakMap<OscMessage, TickEvent>();
  let ticks = 0;
  let ticksDue = 0;
  return {
    onArrival(r) {
      const parsed = parseTickArgs(r.message.args);
      if (parsed === null) return;
      const tick = toTickEvent(r, parsed);
      ticks++;
      if (!tick.isDropped) pending.set(r.message, tick);
      options.onTick?.(tick);
    },
    onDue(d) {
      const tick = pending.get(d.message);
      if (tick === undefined) return;
      pending.delete(d.message);
      ticksDue++;
      const { targetMs, dispatchedMs, errorMs, isLate } = d;
      options.onTickDue?.(tick, { targetMs, dispatchedMs, errorMs, isLate });
    },
    isWaiting: (message) => pending.has(message),
    counters: () => ({ ticks, ticksDue }),
  };
}

function toTickEvent(r: ReceivedMessage, parsed: ParsedTick): TickEvent {
  const tick: TickEvent = {
    playAtNtp: r.timetag ?? ntpFromUnixMs(r.arrivalMs),
    playAtMs: r.timetag === null ? r.arrivalMs : ntpToUnixMs(r.timetag),
    arrivalMs: r.arrivalMs,
    timetag: r.timetag,
    clock: r.clock ?? 'local',
    clockOffsetMs: r.clockOffsetMs ?? null,
    leadMs: r.leadMs,
    classification: r.classification,
    isLate: r.classification === 'late',
    isDropped: r.isDropped,
    source: r.from,
    address: r.message.address,
    mode: parsed.mode ?? (r.timetag === null ? 'immediate' : 'timetagged'),
    format: parsed.format,
  };
  if (parsed.accent !== undefined) tick.accent = parsed.accent;
  if (parsed.beat !== undefined) tick.beat = parsed.beat;
  if (parsed.sentNtp !== undefined) tick.sentMs = ntpToUnixMs(parsed.sentNtp);
  return tick;
}
