/**
 * The figures of a recording of ticks: how evenly one player's onsets are spaced (inter-onset
 * interval error) and how closely two players' onsets coincide (pair offsets).
 */

/**
 * Inter-onset interval errors, ms: each interval between consecutive onsets minus `nominalMs`.
 * Only intervals that span one nominal beat count; a gap (a missing onset) breaks the chain
 * instead of producing a double-length "error".
 */
export function interOnsetErrorsMs(onsetsMs: readonly number[], nominalMs: number): number[] {
  const errors: number[] = [];
  for (let i = 1; i < onsetsMs.length; i++) {
    const interval = onsetsMs[i]! - onsetsMs[i - 1]!;
    if (Math.round(interval / nominalMs) === 1) errors.push(interval - nominalMs);
  }
  return errors;
}

/**
 * Pairs every onset of `a` with the nearest onset of `b` no more than `maxGapMs` away, and
 * returns `b - a` for each pair, ms (onsets of either side without a partner are left out).
 */
export function pairOffsetsMs(
  aMs: readonly number[],
  bMs: readonly number[],
  maxGapMs: number,
): number[] {
  const offsets: number[] = [];
  let j = 0;
  for (const a of aMs) {
    while (j + 1 < bMs.length && Math.abs(bMs[j + 1]! - a) <= Math.abs(bMs[j]! - a)) j++;
    const b = bMs[j];
    if (b !== undefined && Math.abs(b - a) <= maxGapMs) offsets.push(b - a);
  }
  return offsets;
}
