/**
 * The raw tick events: a fixed number of rows (the oldest are dropped first),
 * exported as CSV for a spreadsheet or pandas. Rows are filled in as a tick is dispatched.
 */
import { ntpToHex, type NtpTime } from '../../../shared/osc/timetag';
import { csvRow } from '../../../shared/stats/csv';
import type { TickMode } from '../receive/tick-receiver';

/** One tick as the CSV shows it; NaN/null = not applicable or not (yet) known. */
export interface TickRow {
  arrivalMs: number;
  timetag: NtpTime | null;
  playAtMs: number;
  leadMs: number | null;
  dispatchedMs: number | null;
  dispatchErrorMs: number | null;
  arrivalIntervalErrorMs: number | null;
  outputIntervalErrorMs: number | null;
  isLate: boolean;
  isDropped: boolean;
  /** "host:port" (IPv6 as "[addr]:port"). */
  source: string;
  address: string;
  mode: TickMode;
  beat: number | null;
  accent: boolean | null;
  sentMs: number | null;
}

/** The CSV header, in column order. */
export const TICK_CSV_HEADER = [
  'arrival_ms',
  'timetag',
  'play_at_ms',
  'lead_ms',
  'dispatched_ms',
  'dispatch_error_ms',
  'arrival_interval_error_ms',
  'output_interval_error_ms',
  'late',
  'dropped',
  'source',
  'address',
  'mode',
  'beat',
  'accent',
  'sent_ms',
] as const;

/** A bounded log of rows. */
export class TickEventLog {
  private readonly rows: TickRow[] = [];
  private start = 0;

  constructor(readonly capacity: number) {}

  /** Appends a row (dropping the oldest when full) and returns it for later filling in. */
  add(row: TickRow): TickRow {
    if (this.rows.length < this.capacity) this.rows.push(row);
    else {
      this.rows[this.start] = row;
      this.start = (this.start + 1) % this.capacity;
    }
    return row;
  }

  get size(): number {
    return this.rows.length;
  }

  /** Header plus one line per row, oldest first, RFC 4180 (CRLF). Times are Unix ms. */
  toCsv(): string {
    const lines = [csvRow(TICK_CSV_HEADER)];
    for (let i = 0; i < this.rows.length; i++) {
      const r = this.rows[(this.start + i) % this.rows.length]!;
      lines.push(
        csvRow([
          r.arrivalMs,
          r.timetag === null ? null : ntpToHex(r.timetag),
          r.playAtMs,
          r.leadMs,
          r.dispatchedMs,
          r.dispatchErrorMs,
          r.arrivalIntervalErrorMs,
          r.outputIntervalErrorMs,
          r.isLate,
          r.isDropped,
          r.source,
          r.address,
          r.mode,
          r.beat,
          r.accent,
          r.sentMs,
        ]),
      );
    }
    return lines.join('');
  }

  clear(): void {
    this.rows.length = 0;
    this.start = 0;
  }
}
