/**
 * Where a timecode command's refusal is shown: the error key of each field path. List entries
 * are keyed by their id (`target:client.port`, `cue:c2.label`), since a path's index is a
 * position in the list that was sent and rows keep their errors while others come and go.
 */
import { fieldKey, type FieldPath } from '../../../shared/ipc/errors';
import type { TimecodeSettingsView } from './timecode-types';

/** The error key for `path` of a `timecode:update` (an empty path belongs to `fallback`). */
export function timecodeErrorKey(
  path: FieldPath,
  sent: Partial<TimecodeSettingsView>,
  fallback: string,
): string {
  const [head, index, ...rest] = path;
  if (head === undefined) return fallback;
  const list = head === 'targets' ? sent.targets : head === 'cueList' ? sent.cueList : undefined;
  if (list === undefined) return fieldKey(path);
  const entry = typeof index === 'number' ? list[index] : undefined;
  if (!entry) return String(head);
  const key = `${head === 'targets' ? 'target' : 'cue'}:${entry.id}`;
  return rest.length > 0 ? `${key}.${fieldKey(rest)}` : key;
}

/** A row's errors by field ('' for the row as a whole), from all errors and the row's key. */
export function rowErrors(errors: Record<string, string>, rowKey: string): Record<string, string> {
  const mine: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key === rowKey) mine[''] = message;
    else if (key.startsWith(`${rowKey}.`)) mine[key.slice(rowKey.length + 1)] = message;
  }
  return mine;
}

/** The messages of `errors` under any of `fields` (a field or anything below it), joined. */
export function errorsUnder(
  errors: Record<string, string>,
  fields: readonly string[],
): string | null {
  const found = Object.entries(errors).filter(([k]) =>
    fields.some((f) => k === f || k.startsWith(`${f}.`)),
  );
  return found.map(([, m]) => m).join(' ') || null;
}

/** A list id not used yet: `${prefix}1`, `${prefix}2`, ... (stable, so errors stay on their row). */
export function nextId(used: readonly { id: string }[], prefix: string): string {
  const ids = new Set(used.map((u) => u.id));
  for (let n = 1; ; n++) if (!ids.has(`${prefix}${n}`)) return `${prefix}${n}`;
}
