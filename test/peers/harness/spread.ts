/**
 * A one-line summary of measured timing errors for test logs (figures, never assertions).
 */

/** `n=8 min -0.42 p50 0.61 max 2.90 ms` for a list of millisecond values. */
export function formatSpread(valuesMs: readonly number[]): string {
  if (valuesMs.length === 0) return 'n=0';
  const sorted = [...valuesMs].sort((a, b) => a - b);
  const at = (q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const ms = (v: number): string => v.toFixed(2);
  return `n=${sorted.length} min ${ms(at(0))} p50 ${ms(at(0.5))} max ${ms(at(1))} ms`;
}
