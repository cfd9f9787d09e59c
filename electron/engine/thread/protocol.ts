/** Messages between the engine thread and its client on the host's main thread. */
import type { CommandName, CommandResult, ContractEvent } from '../../../shared/ipc';

/** Host -> engine thread. */
export type ToEngineThread =
  { kind: 'invoke'; id: number; command: CommandName; payload: unknown } | { kind: 'dispose' };

/** Engine thread -> host. */
export type FromEngineThread =
  | { kind: 'ready' }
  | { kind: 'result'; id: number; result: CommandResult<CommandName> }
  | { kind: 'event'; event: ContractEvent }
  | { kind: 'disposed' };
