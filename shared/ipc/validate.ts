/**
 * Validation at every boundary (Electron main, web host, engine thread): a payload becomes a
 * typed request, or a failed result whose message says what is wrong and where.
 */
import { z } from 'zod';
import { fieldProblems } from '../model/field-issues';
import { contract } from './contract';
import {
  COMMAND_ERROR_CODES,
  type CommandErrorCode,
  type CommandErrorInfo,
  type FieldIssue,
  type FieldPath,
} from './errors';
import type { CommandName, CommandRequest, EventName, StateName, StreamName } from './types';

/** Every command name, from the table. */
export const commandNames = Object.keys(contract.commands) as CommandName[];
/** Every pushed-state name, from the table. */
export const stateNames = Object.keys(contract.states) as StateName[];
/** Every stream name, from the table. */
export const streamNames = Object.keys(contract.streams) as StreamName[];
/** Every pushed channel. */
export const eventNames: EventName[] = [...stateNames, ...streamNames];

/** True when `name` is a command in the table (not merely shaped like one). */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(contract.commands, name);
}

/** True when `name` is a pushed channel in the table. */
export function isEventName(name: unknown): name is EventName {
  return (
    typeof name === 'string' &&
    (Object.hasOwn(contract.states, name) || Object.hasOwn(contract.streams, name))
  );
}

/** The outcome of {@link parseCommand}. */
export type ParsedCommand =
  | { ok: true; command: CommandName; request: CommandRequest<CommandName> }
  | { ok: false; error: CommandErrorInfo };

/** Checks a command name and its payload against the table. */
export function parseCommand(command: unknown, payload: unknown): ParsedCommand {
  if (!isCommandName(command)) {
    const name = typeof command === 'string' ? `"${command}"` : String(command);
    return { ok: false, error: { code: 'unknown-command', message: `Unknown command ${name}.` } };
  }
  const parsed = contract.commands[command].request.safeParse(payload ?? {});
  if (!parsed.success) {
    return { ok: false, error: invalidRequest(command, parsed.error) };
  }
  return { ok: true, command, request: parsed.data as CommandRequest<CommandName> };
}

/**
 * A zod error as code 'invalid': one readable sentence for logs and the CLI
 * (`Invalid "osc:send" request: Too big: expected number to be <=65535 at port`), and each issue
 * with its field path for the page.
 */
export function invalidRequest(command: string, error: z.ZodError): CommandErrorInfo {
  const issues = fieldProblems(error).map((p) => ({ field: [...p.field], message: p.message }));
  const text = issues
    .map(({ field, message }) =>
      field.length === 0 ? message : `${message} at ${z.core.toDotPath(field)}`,
    )
    .join('; ');
  return {
    code: 'invalid',
    message: `Invalid "${command}" request: ${text}`,
    ...withFields(issues),
  };
}

/** `field` (the first problem's) and `issues` (when there are several), as {@link CommandErrorInfo} has them. */
export function withFields(
  issues: readonly FieldIssue[],
): Pick<CommandErrorInfo, 'field' | 'issues'> {
  const [first] = issues;
  if (first === undefined) return {};
  return issues.length === 1 ? { field: first.field } : { field: first.field, issues: [...issues] };
}

/** True for a code in {@link COMMAND_ERROR_CODES}. */
export function isCommandErrorCode(code: unknown): code is CommandErrorCode {
  return typeof code === 'string' && (COMMAND_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * A thrown failure as a result's error. The error may carry `code` (one of the command codes),
 * `field`, `issues` and `systemCode`; a socket error carries its OS code as `code` and the
 * command code as `commandCode` (UdpError). Anything else is 'failed', its OS code kept.
 */
export function errorInfo(
  error: unknown,
  fallbackCode: CommandErrorCode = 'failed',
): CommandErrorInfo {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    commandCode?: unknown;
    systemCode?: unknown;
    field?: unknown;
    issues?: unknown;
  };
  const message = error instanceof Error ? error.message : String(error);
  const code = isCommandErrorCode(e.commandCode)
    ? e.commandCode
    : isCommandErrorCode(e.code)
      ? e.code
      : fallbackCode;
  const systemCode =
    typeof e.systemCode === 'string'
      ? e.systemCode
      : typeof e.code === 'string' && !isCommandErrorCode(e.code)
        ? e.code
        : undefined;
  return {
    code,
    message,
    ...(isFieldPath(e.field) ? { field: e.field } : {}),
    ...(Array.isArray(e.issues) && e.issues.length > 0 ? { issues: e.issues as FieldIssue[] } : {}),
    ...(systemCode === undefined ? {} : { systemCode }),
  };
}

function isFieldPath(x: unknown): x is FieldPath {
  return Array.isArray(x) && x.every((k) => typeof k === 'string' || typeof k === 'number');
}
