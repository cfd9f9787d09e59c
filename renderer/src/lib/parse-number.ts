/** A number typed by a person ("120", " 0.5 ", "1e3"), or null for anything else (incl. ""). */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
