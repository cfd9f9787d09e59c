/**
 * The transport in a plain browser: a WebSocket to the web host that serves the page. It
 * reconnects with exponential backoff (with jitter) when the host restarts, and subscribes again.
 */
import type {
  CommandName,
  CommandResult,
  ContractEvent,
  EventName,
} from '../../../shared/ipc/types';
import type { ClientFrame, ServerFrame } from '../../../shared/ipc/ws-protocol';
import { disconnected, type ConnectionState, type Transport } from './transport';

/** The constructor we need (the browser's WebSocket; tests pass the `ws` package's). */
export type WebSocketLike = new (url: string) => {
  readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
};

/** WebSocket.OPEN (the `ws` package's constructor has it too; a fake may not). */
const OPEN = 1;

/** Options for {@link createWsTransport}. */
export interface WsTransportOptions {
  url: string;
  WebSocket?: WebSocketLike;
  /** First retry delay; doubles per failed attempt up to `maxBackoffMs`. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
}

/** Connects at once and keeps reconnecting until disposed. */
export function createWsTransport(options: WsTransportOptions): Transport {
  const Ws = options.WebSocket ?? (WebSocket as unknown as WebSocketLike);
  const initialMs = options.initialBackoffMs ?? 250;
  const maxMs = options.maxBackoffMs ?? 5000;
  const eventListeners = new Set<(event: ContractEvent) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, (result: CommandResult<CommandName>) => void>();
  let channels: readonly EventName[] = [];
  let state: ConnectionState = 'connecting';
  let socket: InstanceType<WebSocketLike> | null = null;
  let attempts = 0;
  let nextId = 1;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let isDisposed = false;

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(state);
  };
  /**
   * A socket the host is closing stays in `socket` until its close event: sending on it would
   * only make the browser complain (the frame is lost, and onclose answers what waits).
   */
  const isOpen = (): boolean => socket !== null && socket.readyState === OPEN;
  const send = (frame: ClientFrame): void => {
    if (isOpen()) socket!.send(JSON.stringify(frame));
  };

  const connect = (): void => {
    const ws = new Ws(options.url);
    socket = ws;
    ws.onopen = () => {
      attempts = 0;
      send({ kind: 'subscribe', channels: [...channels] });
      setState('open');
    };
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as ServerFrame;
      if (frame.kind === 'result') {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      } else if (frame.kind === 'error') {
        // The host could not read one of our frames (we send only valid ones): nothing waits on it.
        console.warn(`[bridge] the host refused a frame: ${frame.error.message}`);
      } else {
        const { kind: _kind, ...event } = frame;
        for (const listener of eventListeners) listener(event as ContractEvent);
      }
    };
    ws.onerror = () => {}; // onclose follows and handles it
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      for (const resolve of pending.values())
        resolve(disconnected('The connection to the Syncroscope host was lost.'));
      pending.clear();
      if (isDisposed) return;
      setState('reconnecting');
      const delayMs = Math.min(maxMs, initialMs * 2 ** attempts++) * (0.5 + Math.random() / 2);
      retry = setTimeout(connect, delayMs);
    };
  };
  connect();

  return {
    invoke(command, request) {
      if (state !== 'open' || !isOpen()) {
        return Promise.resolve(
          disconnected('Not connected to the Syncroscope host (reconnecting).'),
        );
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ kind: 'invoke', id, command, request });
      });
    },
    subscribe(next) {
      channels = [...next];
      if (state === 'open') send({ kind: 'subscribe', channels: [...channels] });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    get connection() {
      return state;
    },
    dispose() {
      isDisposed = true;
      if (retry) clearTimeout(retry);
      for (const resolve of pending.values()) resolve(disconnected('The bridge was closed.'));
      pending.clear();
      socket?.close();
      socket = null;
      eventListeners.clear();
      stateListeners.clear();
    },
  };
}
