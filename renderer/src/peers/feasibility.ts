/**
 * The feasibility verdict: forward sync removes transport jitter only when the two clocks agree
 * better than the network jitters (the receiver plays at the sender's time on its own clock, so
 * the clocks' disagreement replaces the jitter). Said in words a workshop can act on.
 */
import type { PeerRow } from './peer-rows';

/** yes: forward sync will remove jitter; no: it cannot; unknown: not measured yet. */
export type VerdictKind = 'yes' | 'no' | 'unknown';

/** The verdict and its sentence. */
export interface Verdict {
  kind: VerdictKind;
  /** What the clocks may disagree by, ms (null: not known). */
  syncErrorMs: number | null;
  text: string;
}

const ms = (v: number): string => (v < 10 ? v.toFixed(1) : v.toFixed(0));

/**
 * The sync error of a row: the measured error bound, or 0 for a peer on this computer that the
 * engine does not correct (one clock); null when nothing says how far its clock is.
 */
export function syncErrorOf(row: Pick<PeerRow, 'clock' | 'isLocal'>): number | null {
  const bound = row.clock?.state === 'no-answer' ? null : (row.clock?.errorBoundMs ?? null);
  if (bound !== null) return bound;
  return row.isLocal ? 0 : null;
}

/** The verdict for a sync error and a measured jitter (both ms, null when not known). */
export function verdictFor(syncErrorMs: number | null, jitterMs: number | null): Verdict {
  if (syncErrorMs === null) {
    return {
      kind: 'unknown',
      syncErrorMs,
      text:
        'Its clock is not measured (it does not answer clock-sync pings), so nobody knows how ' +
        'far apart the clocks are: make sure both computers keep time with NTP before relying on ' +
        'forward sync.',
    };
  }
  if (jitterMs === null) {
    return {
      kind: 'unknown',
      syncErrorMs,
      text: `Clocks agree to ±${ms(syncErrorMs)} ms. No ticks from it yet: the network's jitter is measured from the ticks it sends here.`,
    };
  }
  if (syncErrorMs < jitterMs) {
    return {
      kind: 'yes',
      syncErrorMs,
      text: `Forward sync will remove jitter: the clocks agree to ±${ms(syncErrorMs)} ms and the network jitters ${ms(jitterMs)} ms.`,
    };
  }
  return {
    kind: 'no',
    syncErrorMs,
    text:
      `Clocks agree to ±${ms(syncErrorMs)} ms but the network jitters only ${ms(jitterMs)} ms: ` +
      'forward sync would trade the jitter for a larger clock error. Sync the clocks (NTP), or ' +
      'use a wired network (a faster round trip tightens the clock sync).',
  };
}
