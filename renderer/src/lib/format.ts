/** Numbers for people: ms with as many decimals as their size deserves, percentages, counts. */

/** "0.042", "1.25", "12.5", "480" (no unit); "–" when there is no value. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const a = Math.abs(ms);
  const digits = a < 1 ? 3 : a < 10 ? 2 : a < 100 ? 1 : 0;
  return ms.toFixed(digits);
}

/** "0 %", "0.5 %", "12 %"; "–" without a total. */
export function formatPercent(part: number, total: number): string {
  if (!(total > 0)) return '–';
  const p = (part / total) * 100;
  return `${p === 0 || p >= 10 ? p.toFixed(0) : p.toFixed(1)} %`;
}

/** "12,345" in the page's locale. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "22:55:01.123" (local time). */
export function clockTime(unixMs: number): string {
  const d = new Date(unixMs);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const ms = pad(d.getMilliseconds(), 3);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${ms}`;
}
