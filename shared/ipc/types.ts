/** Types derived from the contract table: names, payloads, results and the service both hosts serve. */
import type { z } from 'zod';
import type { contract } from './contract';
import type { CommandErrorInfo } from './errors';

export type { CommandErrorCode, CommandErrorInfo, FieldIssue, FieldPath } from './errors';

type Contract = typeof contract;

/** Every command name (`domain:verb`). */
export type CommandName = keyof Contract['commands'] & string;
/** What a caller passes (defaults may be left out). */
export type CommandInput<C extends CommandName> = z.input<Contract['commands'][C]['request']>;
/** A request after validation (defaults filled in): what handlers receive. */
export type CommandRequest<C extends CommandName> = z.output<Contract['commands'][C]['request']>;
/** What a command answers. */
export type CommandResponse<C extends CommandName> = z.output<Contract['commands'][C]['response']>;

/** Every pushed-state name (`domain:changed`). */
export type StateName = keyof Contract['states'] & string;
/** A pushed state's value. */
export type StateValue<S extends StateName> = z.output<Contract['states'][S]['value']>;

/** Every stream name (`stream:<name>`). */
export type StreamName = keyof Contract['streams'] & string;
/** One item of a stream. */
export type StreamItem<S extends StreamName> = z.output<Contract['streams'][S]['item']>;
/** One display frame of a stream: a batch, plus how many items did not fit in it. */
export interface StreamFrame<S extends StreamName> {
  items: StreamItem<S>[];
  dropped: number;
}

/** Every name a host pushes. */
export type EventName = StateName | StreamName;
/** What a host pushes on a channel. */
export type EventPayload<E extends EventName> = E extends StateName
  ? StateValue<E>
  : E extends StreamName
    ? StreamFrame<E>
    : never;
/** One pushed event, discriminated by channel. */
export type ContractEvent = {
  [E in EventName]: { channel: E; payload: EventPayload<E> };
}[EventName];

/** A command's outcome as it crosses a boundary (exceptions do not survive IPC cleanly). */
export type CommandResult<C extends CommandName> =
  { ok: true; value: CommandResponse<C> } | { ok: false; error: CommandErrorInfo };

/** The contract as a host serves it: the engine, its worker-thread client, or a test double. */
export interface ContractService {
  /** Runs a validated command; never rejects: failures come back as `{ ok: false }`. */
  invoke<C extends CommandName>(command: C, request: CommandRequest<C>): Promise<CommandResult<C>>;
  /** Listens to every pushed event (already coalesced to display rate); returns the remover. */
  onEvent(listener: (event: ContractEvent) => void): () => void;
}
