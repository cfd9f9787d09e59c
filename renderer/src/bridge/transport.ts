/** How the bridge reaches a host: Electron's preload facade, or a WebSocket to the web host. */
import type {
  CommandName,
  CommandResult,
  ContractEvent,
  EventName,
} from '../../../shared/ipc/types';

/** Whether commands can reach the host right now. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

/** A connection to a host that speaks the contract. */
export interface Transport {
  /** Resolves to the command's result; a lost connection is a failed result, not a rejection. */
  invoke(command: CommandName, request: unknown): Promise<CommandResult<CommandName>>;
  /** The channels wanted; a transport asks for them again after every reconnect. */
  subscribe(channels: readonly EventName[]): void;
  onEvent(listener: (event: ContractEvent) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  readonly connection: ConnectionState;
  dispose(): void;
}

/** The failed result for a command that could not reach the host. */
export function disconnected(message: string): CommandResult<CommandName> {
  return { ok: false, error: { code: 'disconnected', message } };
}
