/**
 * Where a failed command's words go: beside the field the engine named (its `issues`, else its
 * `field`), or the banner when the command never reached the engine. The error is read by shape
 * (`code`, `field`, `issues`), so a host that sends only a code and a message still works: its
 * words then land beside the control that sent the command.
 */
import type { FieldIssue, FieldPath } from '../../../../shared/ipc/errors';

/** The message a person reads. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The error's stable code ('invalid', 'port-in-use', 'disconnected', ...), if it has one. */
export function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** True when the command never reached the engine (the banner explains, not a field). */
export function isConnectionError(error: unknown): boolean {
  return codeOf(error) === 'disconnected';
}

/** True when a UDP port was held by another program. */
export function isPortInUse(error: unknown): boolean {
  const e = error as { code?: unknown; systemCode?: unknown } | null;
  return e?.code === 'port-in-use' || e?.code === 'EADDRINUSE' || e?.systemCode === 'EADDRINUSE';
}

const isPath = (value: unknown): value is FieldPath =>
  Array.isArray(value) &&
  value.every((part) => typeof part === 'string' || typeof part === 'number');

/**
 * Every problem with the field it concerns: the error's `issues`, else its `field` with its
 * message, else one problem with an empty path (the request as a whole).
 */
export function issuesOf(error: unknown): FieldIssue[] {
  const e = error as { issues?: unknown; field?: unknown } | null;
  if (Array.isArray(e?.issues)) {
    const issues = e.issues.filter(
      (i): i is FieldIssue =>
        isPath((i as FieldIssue | null)?.field) &&
        typeof (i as FieldIssue | null)?.message === 'string',
    );
    if (issues.length > 0) return issues;
  }
  return [{ field: isPath(e?.field) ? e.field : [], message: messageOf(error) }];
}

/** A copy of `errors` without `key` (the same object when there is nothing to remove). */
export function without<T extends Record<string, string>>(errors: T, key: string): T {
  if (!(key in errors)) return errors;
  const next = { ...errors };
  delete next[key];
  return next;
}

/** A copy of `errors` without `key` and every key under it (`key.`...). */
export function withoutTree<T extends Record<string, string>>(errors: T, key: string): T {
  const keys = Object.keys(errors).filter((k) => k === key || k.startsWith(`${key}.`));
  if (keys.length === 0) return errors;
  const next = { ...errors };
  for (const k of keys) delete next[k];
  return next;
}
