/**
 * Why a command failed, as every host and the page see it: one stable code from a closed list,
 * a sentence a person can act on, and the path of the field it concerns, so the page puts the
 * words beside that field instead of guessing it from the English.
 */
import type { FieldPath, FieldProblem } from '../model/field-issues';

/** Every code a command error can carry. */
export const COMMAND_ERROR_CODES = [
  /** A value in the request is wrong (`field` says which); the request's shape or a range. */
  'invalid',
  /** No such command in the contract. */
  'unknown-command',
  /** The caller may not use the contract (a foreign frame, a missing token). */
  'forbidden',
  /** The engine has stopped or is not there yet. */
  'unavailable',
  /** The page lost its connection: the command never reached the engine. */
  'disconnected',
  /** The UDP port is held by another program (EADDRINUSE). */
  'port-in-use',
  /** The host name does not resolve (ENOTFOUND, EAI_AGAIN). */
  'unknown-host',
  /** The address cannot be used here: not this machine's, no route, no permission, broadcast off. */
  'network',
  /** Anything else; the message says what. */
  'failed',
] as const;
/** One of {@link COMMAND_ERROR_CODES}. */
export type CommandErrorCode = (typeof COMMAND_ERROR_CODES)[number];

export type { FieldPath } from '../model/field-issues';
/** One problem with one field (the model's own problems cross the contract as they are). */
export type FieldIssue = FieldProblem;

/** Why a command failed: a stable code and a sentence a person can act on. */
export interface CommandErrorInfo {
  code: CommandErrorCode;
  /** Every problem in one sentence (what a log or a CLI prints). */
  message: string;
  /** The field of the first problem, when there is one. */
  field?: FieldPath;
  /** Every problem with its own field (validation may find several at once). */
  issues?: FieldIssue[];
  /** The operating system's code where one caused it (EADDRINUSE, ENOTFOUND...). */
  systemCode?: string;
}

/** A field path as one key: `targets.1.host` (how the page keys its errors). */
export function fieldKey(field: FieldPath): string {
  return field.join('.');
}
