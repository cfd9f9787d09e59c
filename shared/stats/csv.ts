/**
 * CSV writing as RFC 4180 says: comma-separated fields, CRLF line ends, and fields that contain a
 * comma, quote, CR or LF wrapped in quotes with inner quotes doubled. Spreadsheets and pandas read it.
 */

/** A cell: numbers are written as they are, null/undefined as an empty cell. */
export type CsvValue = string | number | bigint | boolean | null | undefined;

/** One field, quoted only when it has to be. Booleans become 1/0; NaN an empty cell. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One line, with its CRLF. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
