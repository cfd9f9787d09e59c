/**
 * Electronegativity's CSV report and what we make of it: every finding above LOW fails the scan
 * unless it is justified, either in security/electronegativity-accepted.json (check id, file and
 * reason) or by a comment at the flagged line:
 *   // electronegativity-accept AUXCLICK_JS_CHECK: middle clicks end in the denying open handler
 * A justification that matches no finding fails too, so none outlives the code it was about.
 */
import { z } from 'zod';

/** The tool's severities, lowest first. */
export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const;
/** One of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** One row of the report. */
export interface Finding {
  id: string;
  severity: Severity;
  confidence: string;
  /** Relative to the scanned folder (`electron/main/window.ts`), or `N/A` for global checks. */
  file: string;
  /** 1-based line, 0 when the check has no location. */
  line: number;
  sample: string;
  description: string;
  url: string;
}

/** A reason is a sentence, not a word. */
const MIN_REASON_CHARS = 20;

/** An entry of the accepted list. */
export const acceptedSchema = z.array(
  z.strictObject({
    id: z.string().regex(/^[A-Z0-9_]+$/, 'a check id such as AUXCLICK_JS_CHECK'),
    file: z.string().min(1),
    reason: z.string().trim().min(MIN_REASON_CHARS, 'say why in a sentence'),
  }),
);
/** See {@link acceptedSchema}. */
export type Accepted = z.infer<typeof acceptedSchema>[number];

/** The comment marker that justifies the finding on its line or just below it. */
export const ACCEPT_MARKER = 'electronegativity-accept';

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let isQuoted = false;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  const endRow = (): void => {
    endField();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (isQuoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      isQuoted = !isQuoted;
    } else if (isQuoted) {
      field += c;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else {
      field += c;
    }
  }
  if (isQuoted) throw new Error('the report ends inside a quoted field');
  if (field !== '' || row.length > 0) endRow();
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const COLUMNS = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample'] as const;

/** The findings of an Electronegativity CSV report; a report of another shape is an error. */
export function parseReport(csv: string): Finding[] {
  const [header, ...rows] = parseCsv(csv);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const at = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)]));
  const missing = COLUMNS.filter((c) => at[c]! < 0);
  if (missing.length > 0) {
    throw new Error(`not an Electronegativity report: no ${missing.join(', ')} column`);
  }
  return rows.map((cells, index) => {
    const cell = (name: string) => (cells[names.indexOf(name)] ?? '').trim();
    const severity = cell('severity').toUpperCase();
    if (!(SEVERITIES as readonly string[]).includes(severity)) {
      throw new Error(`report row ${index + 2}: unknown severity "${severity}"`);
    }
    return {
      id: cell('issue'),
      severity: severity as Severity,
      confidence: cell('confidence'),
      file: cell('filename'),
      line: Number.parseInt(cell('location'), 10) || 0,
      sample: cell('sample'),
      description: cell('description'),
      url: cell('url'),
    };
  });
}

/** What the scan concludes. */
export interface Verdict {
  /** Above LOW and not justified: each fails the scan. */
  failing: Finding[];
  /** Above LOW, justified (with the reason). */
  justified: Array<{ finding: Finding; reason: string }>;
  /** LOW and below: reported, never failing. */
  minor: Finding[];
  /** Accepted entries and marker comments that justify nothing: each fails the scan. */
  stale: Array<{ id: string; file: string; line?: number }>;
}

/**
 * Sorts the findings. `sources` maps each scanned file to its text, for the marker comments.
 */
export function judge(
  findings: readonly Finding[],
  accepted: readonly Accepted[],
  sources: ReadonlyMap<string, string>,
): Verdict {
  const verdict: Verdict = { failing: [], justified: [], minor: [], stale: [] };
  const usedEntries = new Set<Accepted>();
  const usedMarkers = new Set<string>();
  for (const finding of findings) {
    if (SEVERITIES.indexOf(finding.severity) <= SEVERITIES.indexOf('LOW')) {
      verdict.minor.push(finding);
      continue;
    }
    const entry = accepted.find((a) => a.id === finding.id && a.file === finding.file);
    const marker = entry ? null : markerFor(finding, sources.get(finding.file) ?? null);
    if (entry) usedEntries.add(entry);
    if (marker) usedMarkers.add(`${finding.file}:${marker.line}`);
    const reason = entry?.reason ?? marker?.reason;
    if (reason) verdict.justified.push({ finding, reason });
    else verdict.failing.push(finding);
  }
  for (const a of accepted) if (!usedEntries.has(a)) verdict.stale.push({ id: a.id, file: a.file });
  for (const [file, source] of sources) {
    for (const m of findMarkers(source)) {
      if (!usedMarkers.has(`${file}:${m.line}`))
        verdict.stale.push({ id: m.id, file, line: m.line });
    }
  }
  return verdict;
}

/** A justifying comment: which check, where (1-based line) and why. */
export interface Marker {
  id: string;
  line: number;
  reason: string;
}

/** Every marker comment in a source file (a too-short reason does not count as one). */
export function findMarkers(source: string): Marker[] {
  const pattern = new RegExp(`${ACCEPT_MARKER}\\s+([A-Z0-9_]+)\\s*:\\s*(.+?)\\s*(?:\\*/)?$`);
  return source.split(/\r?\n/).flatMap((text, index) => {
    const match = pattern.exec(text);
    return match && match[2]!.length >= MIN_REASON_CHARS
      ? [{ id: match[1]!, line: index + 1, reason: match[2]! }]
      : [];
  });
}

/** The marker that justifies a finding: on its line, or in the comment lines just above it. */
export function markerFor(finding: Finding, source: string | null): Marker | null {
  if (source === null || finding.line < 1) return null;
  const lines = source.split(/\r?\n/);
  const markers = findMarkers(source).filter((m) => m.id === finding.id);
  const at = (line: number) => markers.find((m) => m.line === line) ?? null;
  const own = at(finding.line);
  if (own) return own;
  for (
    let line = finding.line - 1;
    line >= 1 && /^\s*(\/\/|\/\*|\*)/.test(lines[line - 1]!);
    line--
  ) {
    const above = at(line);
    if (above) return above;
  }
  return null;
}
