/**
 * The forward-offset advisor: the F that covers what the network did. A tick stamped with
 * T = t_send + lookahead + F that arrived with lead `lead = T - arrival` spent
 * d = F + lookahead - lead on its way (sender, relay, network, receiver). F must cover nearly
 * every d, plus what the two clocks may disagree by (the sync error), plus a margin:
 * F = p99.9(d) + sync error + margin - lookahead, rounded up to a whole ms. Its predicted late
 * rate is the share of the measured ticks that would still have come after their timetag.
 */
import { METRONOME_LIMITS } from '../../../shared/model/limits';
import { quantileSorted } from '../../../shared/stats/summary';

/** The quantile of transport delay the suggested F covers. */
export const ADVISOR_QUANTILE = 0.999;
/** Added on top, ms: the scheduler's own error and a little room. */
export const ADVISOR_MARGIN_MS = 2;
/** Fewer ticks than this tell too little to advise. */
export const ADVISOR_MIN_TICKS = 20;

/** What the advice is computed from. */
export interface AdvisorInput {
  /** The leads measured (ms), all under the same F. */
  leadsMs: readonly number[];
  /** The F in force when they were measured, ms. */
  offsetMs: number;
  /** How much earlier than the beat the sender sends (forward mode), ms. */
  lookaheadMs: number;
  /** How far the sender's and receiver's clocks may disagree, ms (0 on one computer). */
  syncErrorMs: number;
  marginMs?: number;
  quantile?: number;
}

/** The advice. */
export interface ForwardAdvice {
  /** Ticks it is based on. */
  n: number;
  /** The `quantile` of the transport delay, ms. */
  delayQuantileMs: number;
  /** The largest transport delay measured, ms. */
  delayMaxMs: number;
  /** The suggested F, ms (whole, within the metronome's limits). */
  suggestedOffsetMs: number;
  /** Share of the measured ticks that would be late under the suggested F (0..1). */
  predictedLateRate: number;
  /** The same share under the F they were measured with. */
  currentLateRate: number;
}

/** The transport delays the leads imply, ascending (non-finite leads are skipped). */
export function transportDelaysMs(
  leadsMs: readonly number[],
  offsetMs: number,
  lookaheadMs: number,
): number[] {
  return leadsMs
    .filter(Number.isFinite)
    .map((lead) => offsetMs + lookaheadMs - lead)
    .sort((a, b) => a - b);
}

/** Share of ascending `delaysMs` that would arrive after their timetag under `offsetMs`. */
export function lateRateFor(delaysMs: readonly number[], offsetMs: number, lookaheadMs: number) {
  if (delaysMs.length === 0) return 0;
  const budget = offsetMs + lookaheadMs;
  let late = 0;
  for (const d of delaysMs) if (d > budget) late++;
  return late / delaysMs.length;
}

/** The advice, or null with fewer than {@link ADVISOR_MIN_TICKS} ticks. */
export function adviseForwardOffset(input: AdvisorInput): ForwardAdvice | null {
  const delays = transportDelaysMs(input.leadsMs, input.offsetMs, input.lookaheadMs);
  if (delays.length < ADVISOR_MIN_TICKS) return null;
  const q = quantileSorted(delays, input.quantile ?? ADVISOR_QUANTILE);
  const wanted =
    q + Math.max(0, input.syncErrorMs) + (input.marginMs ?? ADVISOR_MARGIN_MS) - input.lookaheadMs;
  const { min, max } = METRONOME_LIMITS.offsetMs;
  const suggested = Math.min(max, Math.max(min, Math.ceil(wanted - 1e-9)));
  return {
    n: delays.length,
    delayQuantileMs: q,
    delayMaxMs: delays[delays.length - 1]!,
    suggestedOffsetMs: suggested,
    predictedLateRate: lateRateFor(delays, suggested, input.lookaheadMs),
    currentLateRate: lateRateFor(delays, input.offsetMs, input.lookaheadMs),
  };
}
