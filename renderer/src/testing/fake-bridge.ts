/**
 * A Bridge for component and store tests: commands answer from handlers the test sets (or
 * reject), every call is recorded, and the test pushes state, stream frames and connection
 * changes as a host would.
 */
import { stateGetter } from '../../../shared/ipc/names';
import { CommandError, type Bridge, type ConnectionState } from '../bridge';
import type {
  CommandErrorCode,
  CommandInput,
  CommandName,
  CommandResponse,
  StateName,
  StateValue,
  StreamFrame,
  StreamName,
} from '../../../shared/ipc/types';

type Handler<C extends CommandName> = (
  request: CommandInput<C>,
) => CommandResponse<C> | Promise<CommandResponse<C>>;

/** The fake and its controls. */
export interface FakeBridge extends Bridge {
  /** Every command in order. */
  calls: { command: CommandName; request: unknown }[];
  /** Calls of one command. */
  callsOf<C extends CommandName>(command: C): CommandInput<C>[];
  handle<C extends CommandName>(command: C, handler: Handler<C>): void;
  /** The next call of `command` fails with this code and message. */
  failNext(command: CommandName, code: CommandErrorCode, message: string): void;
  pushState<S extends StateName>(name: S, value: StateValue<S>): void;
  pushStream<S extends StreamName>(name: S, frame: StreamFrame<S>): void;
  setConnection(state: ConnectionState): void;
}

/** Creates the fake (connection 'open'). */
export function createFakeBridge(): FakeBridge {
  const handlers = new Map<CommandName, (request: unknown) => unknown>();
  const failures = new Map<CommandName, CommandError>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const calls: FakeBridge['calls'] = [];
  let connection: ConnectionState = 'open';

  const listen = (name: string, listener: (payload: unknown) => void): (() => void) => {
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  };
  const pushes = new Map<string, number>(); // per channel, to drop reads a push overtook
  const emit = (name: string, payload: unknown): void => {
    pushes.set(name, (pushes.get(name) ?? 0) + 1);
    for (const l of listeners.get(name) ?? []) l(payload);
  };

  return {
    calls,
    callsOf: <C extends CommandName>(command: C) =>
      calls.filter((c) => c.command === command).map((c) => c.request as CommandInput<C>),
    handle(command, handler) {
      handlers.set(command, handler as (request: unknown) => unknown);
    },
    failNext(command, code, message) {
      failures.set(command, new CommandError(code, message));
    },
    pushState: (name, value) => emit(name, value),
    pushStream: (name, frame) => emit(name, frame),
    setConnection(state) {
      connection = state;
      for (const l of connectionListeners) l(state);
    },
    async invoke(command, request) {
      calls.push({ command, request });
      const failure = failures.get(command);
      if (failure) {
        failures.delete(command);
        throw failure;
      }
      if (connection !== 'open') {
        throw new CommandError(
          'disconnected',
          'Not connected to the Syncroscope host (reconnecting).',
        );
      }
      const handler = handlers.get(command);
      if (!handler) throw new CommandError('unknown-command', `no fake handler for ${command}`);
      return (await handler(request)) as never;
    },
    onState(name, listener) {
      // As the real bridge: the current value is read through the state's getter at once.
      const off = listen(name, listener as (p: unknown) => void);
      const getter = stateGetter(name) as CommandName;
      if (connection === 'open' && handlers.has(getter)) {
        const seen = pushes.get(name) ?? 0;
        void Promise.resolve(handlers.get(getter)!({})).then((value) => {
          if ((pushes.get(name) ?? 0) === seen) listener(value as never);
        });
      }
      return off;
    },
    onStream: (name, listener) => listen(name, listener as (p: unknown) => void),
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    get connection() {
      return connection;
    },
    dispose() {
      listeners.clear();
    },
  };
}
