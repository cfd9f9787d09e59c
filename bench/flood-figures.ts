/**
 * The flood bench's figures from what it collected: a tick sender's ticks as the engine announced
 * them (stream:ticks, with beat numbers) and dispatched them (stream:samples), and the receiver's
 * counters before and after a scenario. Pure functions, so the arithmetic is tested apart from
 * the sockets (flood-figures.test.ts).
 */
import type { ReceiveCountersView } from '../shared/ipc';
import { RECEIVE_DROP_REASONS } from '../shared/model/limits';
import { summarize } from '../shared/stats/summary';

/** A tick the engine announced on arrival. */
export interface SeenTick {
  source: string;
  beat: number | null;
  playMs: number;
}

/** A tick the engine dispatched. */
export interface DueSample {
  /** The stream key: "address:port /address mode". */
  key: string;
  atMs: number;
  dispatchErrorMs: number;
}

/** One sender's ticks, judged. */
export interface TickFigures {
  sent: number;
  /** Beats never announced (lost before the engine saw them, or refused). */
  lost: number;
  /** Announced but never dispatched. */
  undispatched: number;
  /** Dispatched before their time. */
  early: number;
  dispatchP50Us: number;
  dispatchP99Us: number;
  dispatchMaxUs: number;
  /** Dispatches later than `ms`, per thousand dispatched. */
  lateOver(ms: number): number;
}

/** Judges the ticks of `source` ("127.0.0.1:port"), beats 0 .. sent - 1. */
export function tickFigures(
  source: string,
  sent: number,
  ticks: readonly SeenTick[],
  samples: readonly DueSample[],
): TickFigures {
  const beats = new Set<number>();
  const playTimes = new Set<number>();
  for (const t of ticks) {
    if (t.source !== source || t.beat === null || t.beat >= sent) continue;
    beats.add(t.beat);
    playTimes.add(t.playMs);
  }
  const errorsUs: number[] = [];
  const duePlayTimes = new Set<number>();
  for (const s of samples) {
    if (!s.key.startsWith(`${source} `) || !playTimes.has(s.atMs)) continue;
    duePlayTimes.add(s.atMs);
    errorsUs.push(s.dispatchErrorMs * 1000);
  }
  const e = summarize(errorsUs);
  return {
    sent,
    lost: sent - beats.size,
    undispatched: playTimes.size - duePlayTimes.size,
    early: errorsUs.filter((us) => us < 0).length,
    dispatchP50Us: e.p50,
    dispatchP99Us: e.p99,
    dispatchMaxUs: e.max,
    lateOver: (ms) => perThousandOver(errorsUs, ms * 1000),
  };
}

/** How many of `values` are above `limit`, per thousand (NaN for none). */
export function perThousandOver(values: readonly number[], limit: number): number {
  return values.length === 0
    ? NaN
    : (1000 * values.filter((v) => v > limit).length) / values.length;
}

/** How much a counter grew over a scenario (a null kernel count stays null: not reported). */
export function grew(
  before: ReceiveCountersView,
  after: ReceiveCountersView,
  key: keyof ReceiveCountersView,
): number | null {
  const a = after[key];
  const b = before[key];
  return a === null || b === null ? (a ?? null) : a - b;
}

/** Messages refused by the receive limits over a scenario, every reason together. */
export function refusedGrowth(before: ReceiveCountersView, after: ReceiveCountersView): number {
  return RECEIVE_DROP_REASONS.reduce((sum, r) => sum + (grew(before, after, r) ?? 0), 0);
}
