/**
 * The renderer's typed client of the contract, the same whichever host serves it: commands
 * resolve to their response or throw a {@link CommandError}; pushed state is delivered on every
 * (re)connection by its getter command and then as it changes; streams arrive as frames.
 */
// Types and zod-free helpers only: the page does not need to load zod and the schemas.
import { isEventChannel, stateGetter } from '../../../shared/ipc/names';
import type {
  CommandErrorCode,
  CommandErrorInfo,
  CommandInput,
  CommandName,
  CommandResponse,
  ContractEvent,
  EventName,
  FieldIssue,
  FieldPath,
  StateName,
  StateValue,
  StreamFrame,
  StreamName,
} from '../../../shared/ipc/types';
import type { ConnectionState, Transport } from './transport';

/**
 * A command that failed: a stable `code` from COMMAND_ERROR_CODES ('invalid', 'port-in-use',
 * 'disconnected'...), the sentence to show, and the `field` (and every field's `issues`) it
 * concerns, so the page can put the words beside that field; `systemCode` is the OS's (EADDRINUSE).
 */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  readonly field?: FieldPath;
  readonly issues?: readonly FieldIssue[];
  readonly systemCode?: string;
  constructor(
    readonly code: CommandErrorCode,
    message: string,
    details: Pick<CommandErrorInfo, 'field' | 'issues' | 'systemCode'> = {},
  ) {
    super(message);
    if (details.field !== undefined) this.field = details.field;
    if (details.issues !== undefined) this.issues = details.issues;
    if (details.systemCode !== undefined) this.systemCode = details.systemCode;
  }

  /** The error a failed result carries, as a CommandError. */
  static from(info: CommandErrorInfo): CommandError {
    return new CommandError(info.code, info.message, info);
  }
}

/** What the UI uses. */
export interface Bridge {
  invoke<C extends CommandName>(command: C, request: CommandInput<C>): Promise<CommandResponse<C>>;
  onState<S extends StateName>(name: S, listener: (value: StateValue<S>) => void): () => void;
  onStream<S extends StreamName>(name: S, listener: (frame: StreamFrame<S>) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  readonly connection: ConnectionState;
  dispose(): void;
}

/** Builds the bridge over a transport. */
export function createBridge(transport: Transport): Bridge {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const pushes = new Map<EventName, number>(); // pushes seen per channel, to drop stale reads

  const deliver = (channel: EventName, payload: unknown): void => {
    for (const listener of listeners.get(channel) ?? []) listener(payload);
  };
  const offEvent = transport.onEvent((event: ContractEvent) => {
    pushes.set(event.channel, (pushes.get(event.channel) ?? 0) + 1);
    deliver(event.channel, event.payload);
  });

  /** Reads a state through its getter; a push that overtakes the read wins. */
  const refresh = (name: StateName): void => {
    const seen = pushes.get(name) ?? 0;
    void transport.invoke(stateGetter(name) as CommandName, {}).then((result) => {
      if (result.ok && (pushes.get(name) ?? 0) === seen) deliver(name, result.value);
    });
  };
  const offConnection = transport.onConnection((state) => {
    if (state !== 'open') return;
    for (const name of listeners.keys()) {
      if (isEventChannel(name) && !name.startsWith('stream:')) refresh(name as StateName);
    }
  });

  const listen = (channel: EventName, listener: (payload: unknown) => void): (() => void) => {
    let set = listeners.get(channel);
    if (!set) {
      listeners.set(channel, (set = new Set()));
      transport.subscribe([...listeners.keys()]);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size > 0) return;
      listeners.delete(channel);
      transport.subscribe([...listeners.keys()]);
    };
  };

  return {
    async invoke(command, request) {
      const result = await transport.invoke(command, request);
      if (!result.ok) throw CommandError.from(result.error);
      return result.value as CommandResponse<typeof command>;
    },
    onState(name, listener) {
      const off = listen(name, listener as (payload: unknown) => void);
      if (transport.connection === 'open') refresh(name);
      return off;
    },
    onStream(name, listener) {
      return listen(name, listener as (payload: unknown) => void);
    },
    onConnection: (listener) => transport.onConnection(listener),
    get connection() {
      return transport.connection;
    },
    dispose() {
      offEvent();
      offConnection();
      listeners.clear();
      transport.dispose();
    },
  };
}
