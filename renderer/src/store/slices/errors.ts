/** Where a failed command's message goes: beside its field, or (connection lost) the banner. */
import { CommandError } from '../../bridge';

/** The message a person reads. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** True when the command never reached the engine (the banner explains, not a field). */
export function isConnectionError(error: unknown): boolean {
  return error instanceof CommandError && error.code === 'disconnected';
}

/**
 * The field a validation message names: `... at host` (the contract's zod message) or the
 * engine's `target 2: ...`. Returns e.g. 'host', 'port', 'targets.1' (0-based), or null.
 */
export function fieldOf(message: string): string | null {
  const target = /\btarget (\d+):/.exec(message);
  if (target) return `targets.${Number(target[1]) - 1}`;
  const at = /\bat ([A-Za-z]+)(?:\[(\d+)\]|\.(\d+))?/.exec(message);
  if (!at) return null;
  const index = at[2] ?? at[3];
  return index === undefined ? at[1]! : `${at[1]}.${index}`;
}

/** A copy of `errors` without `key` (the same object when there is nothing to remove). */
export function without<T extends Record<string, string>>(errors: T, key: string): T {
  if (!(key in errors)) return errors;
  const next = { ...errors };
  delete next[key];
  return next;
}
