/**
 * Validation at every boundary (Electron main, web host, engine thread): a payload becomes a
 * typed request, or a failed result whose message says what is wrong and where.
 */
import { z } from 'zod';
import { contract } from './contract';
import type {
  CommandErrorInfo,
  CommandName,
  CommandRequest,
  EventName,
  StateName,
  StreamName,
} from './types';

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

/** A zod error as one readable sentence: `Invalid "osc:send" request: port: Too big ...`. */
export function invalidRequest(command: string, error: z.ZodError): CommandErrorInfo {
  const text = z
    .prettifyError(error)
    .replace(/✖ /g, '')
    .replace(/\n\s*→ at /g, ' at ');
  return {
    code: 'invalid-request',
    message: `Invalid "${command}" request: ${text.split('\n').join('; ')}`,
  };
}

/** A failure as a result's error, keeping a socket error's code (EADDRINUSE...). */
export function errorInfo(error: unknown, fallbackCode = 'failed'): CommandErrorInfo {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return { code: typeof code === 'string' ? code : fallbackCode, message };
}
