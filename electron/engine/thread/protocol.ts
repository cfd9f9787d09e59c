/** Messages between the engine thread and its client on the host's main thread. */
import type {
  CommandName,
  CommandResult,
  ContractEvent,
  ThreadPriority,
} from '../../../shared/ipc';

/** Host -> engine thread. */
export type ToEngineThread =
  { kind: 'invoke'; id: number; command: CommandName; payload: unknown } | { kind: 'dispose' };

/** Engine thread -> host. */
export type FromEngineThread =
  /**
   * `priority`: how the OS runs the thread (normal when real-time priority was not asked for);
   * `tid`: the OS's id of the thread (Linux), for the log.
   */
  | { kind: 'ready'; priority: ThreadPriority; tid: string | null }
  | { kind: 'result'; id: number; result: CommandResult<CommandName> }
  | { kind: 'event'; event: ContractEvent }
  | { kind: 'disposed' };
