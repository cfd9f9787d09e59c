/**
 * The contract over WebSockets: the web host's counterpart of electron/main/ipc.ts. Each frame
 * from a browser is validated (shape, command name, payload) before the engine sees it; pushed
 * events are serialized once and sent to the connections that subscribed to their channel.
 */
import type { WebSocket } from 'ws';
import { clientFrameSchema, type ClientFrame, type ServerFrame } from '../../shared/ipc';
import { isEventName, parseCommand, type ContractService, type EventName } from '../../shared/ipc';

/** A slow browser beyond this much unsent data misses stream frames (state still goes). */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** How often idle connections are probed, so a vanished browser is noticed. */
const HEARTBEAT_MS = 15_000;

/** Options for {@link createWsContract}. */
export interface WsContractOptions {
  service: ContractService;
  log: (line: string) => void;
}

/** Serves the contract to WebSocket connections. */
export interface WsContract {
  /** Takes over an accepted connection. */
  accept(ws: WebSocket): void;
  /** Open connections. */
  readonly size: number;
  /** Closes every connection (code 1001, "going away": browsers reconnect). */
  dispose(): void;
}

interface Connection {
  ws: WebSocket;
  channels: Set<EventName>;
  isAlive: boolean;
}

/** Creates the WebSocket side of the contract. */
export function createWsContract(options: WsContractOptions): WsContract {
  const { service, log } = options;
  const connections = new Set<Connection>();

  const offEvent = service.onEvent((event) => {
    let json: string | null = null; // serialized once, for however many browsers
    const isStream = event.channel.startsWith('stream:');
    for (const c of connections) {
      if (!c.channels.has(event.channel) || c.ws.readyState !== c.ws.OPEN) continue;
      if (isStream && c.ws.bufferedAmount > MAX_BUFFERED_BYTES) continue;
      json ??= JSON.stringify({ kind: 'event', ...event } satisfies ServerFrame);
      c.ws.send(json);
    }
  });

  const heartbeat = setInterval(() => {
    for (const c of connections) {
      if (!c.isAlive) c.ws.terminate();
      c.isAlive = false;
      c.ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const handle = async (c: Connection, frame: ClientFrame): Promise<void> => {
    if (frame.kind === 'subscribe') {
      c.channels = new Set(frame.channels.filter(isEventName));
      return;
    }
    const parsed = parseCommand(frame.command, frame.request);
    const result = parsed.ok
      ? await service.invoke(parsed.command, parsed.request)
      : { ok: false as const, error: parsed.error };
    if (!parsed.ok) log(`[web] refused ${String(frame.command)}: ${parsed.error.message}`);
    if (c.ws.readyState === c.ws.OPEN) {
      c.ws.send(JSON.stringify({ kind: 'result', id: frame.id, result } satisfies ServerFrame));
    }
  };

  return {
    accept(ws) {
      const c: Connection = { ws, channels: new Set(), isAlive: true };
      connections.add(c);
      ws.on('pong', () => (c.isAlive = true));
      ws.on('close', () => connections.delete(c));
      ws.on('error', (error) => log(`[web] WebSocket error: ${error.message}`));
      ws.on('message', (data, isBinary) => {
        let frame: ClientFrame;
        try {
          if (isBinary) throw new Error('binary frame');
          frame = clientFrameSchema.parse(JSON.parse(String(data)));
        } catch {
          log('[web] closing a WebSocket that sent a frame outside the protocol');
          ws.close(1008, 'frame outside the protocol');
          return;
        }
        void handle(c, frame);
      });
    },
    get size() {
      return connections.size;
    },
    dispose() {
      offEvent();
      clearInterval(heartbeat);
      for (const c of connections) c.ws.close(1001, 'host stopping');
      connections.clear();
    },
  };
}
