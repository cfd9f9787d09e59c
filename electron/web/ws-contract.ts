/**
 * The contract over WebSockets: the web host's counterpart of electron/main/ipc.ts. Each frame
 * from a browser is read and validated (shape, command name, payload) before the engine sees it;
 * a frame that fails gets an error result and the connection stays open. Pushed events are
 * serialized once and sent to the connections that subscribed to their channel.
 *
 * Memory is bounded per connection, whatever the browser does. A browser that reads slowly
 * first misses stream frames (state and results still go), and the host stops reading its
 * commands until it catches up (TCP then holds the browser's sends back, so nothing is lost).
 * One that does not read at all is closed once its unsent data passes a hard limit.
 */
import type { WebSocket } from 'ws';
import type { ServerFrame } from '../../shared/ipc';
import { isEventName, parseCommand, type ContractService, type EventName } from '../../shared/ipc';
import { readClientFrame } from './ws-frames';

/** Unsent bytes beyond which stream frames are skipped and the connection's commands wait. */
const PAUSE_BYTES = 4 * 1024 * 1024;
/** Unsent bytes beyond which the connection is closed (it is not reading at all). */
const CLOSE_BYTES = 32 * 1024 * 1024;
/** How often a paused connection is checked for having caught up. */
const RESUME_CHECK_MS = 50;
/** How often idle connections are probed, so a vanished browser is noticed. */
const HEARTBEAT_MS = 15_000;
/** How long a connection closed for not reading gets to take its close frame before it is cut. */
const CLOSE_GRACE_MS = 1000;

/** Options for {@link createWsContract}. */
export interface WsContractOptions {
  service: ContractService;
  log: (line: string) => void;
  /** The unsent-data limits (tests make them small). */
  limits?: { pauseBytes: number; closeBytes: number };
}

/** What the guards did, since the host started. */
export interface WsContractStats {
  connections: number;
  /** Connections whose commands are not being read until they catch up. */
  paused: number;
  /** Unsent bytes across all connections now. */
  bufferedBytes: number;
  /** Stream frames not sent to a connection that was behind. */
  skippedStreamFrames: number;
  /** Connections closed because they did not read what they were sent. */
  closedNotReading: number;
  /** Frames refused (outside the protocol, unknown commands, invalid payloads). */
  refusedFrames: number;
}

/** Serves the contract to WebSocket connections. */
export interface WsContract {
  /** Takes over an accepted connection. */
  accept(ws: WebSocket): void;
  /** Open connections. */
  readonly size: number;
  stats(): WsContractStats;
  /** Closes every connection (code 1001, "going away": browsers reconnect). */
  dispose(): void;
}

interface Connection {
  ws: WebSocket;
  channels: Set<EventName>;
  isAlive: boolean;
  refused: number;
  /** Times its reading was paused (the first is logged). */
  pauses: number;
}

/** Creates the WebSocket side of the contract. */
export function createWsContract(options: WsContractOptions): WsContract {
  const { service, log } = options;
  const { pauseBytes, closeBytes } = options.limits ?? {
    pauseBytes: PAUSE_BYTES,
    closeBytes: CLOSE_BYTES,
  };
  const connections = new Set<Connection>();
  const paused = new Set<Connection>();
  const counts = { skippedStreamFrames: 0, closedNotReading: 0, refusedFrames: 0 };
  let resumeTimer: ReturnType<typeof setInterval> | null = null;

  const isOpen = (c: Connection): boolean => connections.has(c) && c.ws.readyState === c.ws.OPEN;

  const closeNotReading = (c: Connection, bufferedBytes: number): void => {
    counts.closedNotReading++;
    connections.delete(c);
    paused.delete(c);
    const mb = (bufferedBytes / 1024 / 1024).toFixed(1);
    log(`[web] closing a WebSocket that is not reading what it is sent (${mb} MB unsent)`);
    c.ws.close(1008, 'not reading: too much unsent data');
    setTimeout(() => c.ws.terminate(), CLOSE_GRACE_MS).unref();
  };

  const checkPaused = (): void => {
    for (const c of paused) {
      if (c.ws.bufferedAmount > pauseBytes / 2 && c.ws.readyState === c.ws.OPEN) continue;
      paused.delete(c);
      c.ws.resume();
    }
    if (paused.size === 0 && resumeTimer !== null) {
      clearInterval(resumeTimer);
      resumeTimer = null;
    }
  };

  /** Sends, then applies the limits to what is left unsent. */
  const send = (c: Connection, json: string): void => {
    c.ws.send(json);
    const buffered = c.ws.bufferedAmount;
    if (buffered > closeBytes) return closeNotReading(c, buffered);
    if (buffered > pauseBytes && !paused.has(c)) {
      if (c.pauses++ === 0) {
        const mb = (buffered / 1024 / 1024).toFixed(1);
        log(`[web] a WebSocket is ${mb} MB behind: its commands wait until it catches up`);
      }
      paused.add(c);
      c.ws.pause();
      resumeTimer ??= setInterval(checkPaused, RESUME_CHECK_MS);
      resumeTimer.unref();
    }
  };

  /** Logs the 1st, 10th, 100th... refusal of a connection: a flood of bad frames stays quiet. */
  const noteRefused = (c: Connection, what: string): void => {
    counts.refusedFrames++;
    c.refused++;
    if (Number.isInteger(Math.log10(c.refused))) {
      log(
        `[web] refused ${what}${c.refused > 1 ? ` (${c.refused} refused on this connection)` : ''}`,
      );
    }
  };

  const offEvent = service.onEvent((event) => {
    let json: string | null = null; // serialized once, for however many browsers
    const isStream = event.channel.startsWith('stream:');
    for (const c of connections) {
      if (!c.channels.has(event.channel) || !isOpen(c)) continue;
      if (isStream && c.ws.bufferedAmount > pauseBytes) {
        counts.skippedStreamFrames++;
        continue;
      }
      json ??= JSON.stringify({ kind: 'event', ...event } satisfies ServerFrame);
      send(c, json);
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

  const handle = async (
    c: Connection,
    data: Parameters<typeof readClientFrame>[0],
    isBinary: boolean,
  ) => {
    const read = readClientFrame(data, isBinary);
    if (!read.ok) {
      noteRefused(c, `a frame outside the protocol: ${read.error.message}`);
      const reply: ServerFrame =
        read.id === null
          ? { kind: 'error', error: read.error }
          : { kind: 'result', id: read.id, result: { ok: false, error: read.error } };
      if (isOpen(c)) send(c, JSON.stringify(reply));
      return;
    }
    const { frame } = read;
    if (frame.kind === 'subscribe') {
      c.channels = new Set(frame.channels.filter(isEventName));
      return;
    }
    const parsed = parseCommand(frame.command, frame.request);
    if (!parsed.ok) noteRefused(c, `${String(frame.command)}: ${parsed.error.message}`);
    const result = parsed.ok
      ? await service.invoke(parsed.command, parsed.request)
      : { ok: false as const, error: parsed.error };
    if (isOpen(c)) {
      send(c, JSON.stringify({ kind: 'result', id: frame.id, result } satisfies ServerFrame));
    }
  };

  return {
    accept(ws) {
      const c: Connection = { ws, channels: new Set(), isAlive: true, refused: 0, pauses: 0 };
      connections.add(c);
      ws.on('pong', () => (c.isAlive = true));
      ws.on('close', () => {
        connections.delete(c);
        paused.delete(c);
      });
      ws.on('error', (error) => log(`[web] WebSocket error: ${error.message}`));
      ws.on('message', (data, isBinary) => void handle(c, data, isBinary));
    },
    get size() {
      return connections.size;
    },
    stats() {
      let bufferedBytes = 0;
      for (const c of connections) bufferedBytes += c.ws.bufferedAmount;
      return { connections: connections.size, paused: paused.size, bufferedBytes, ...counts };
    },
    dispose() {
      offEvent();
      clearInterval(heartbeat);
      if (resumeTimer !== null) clearInterval(resumeTimer);
      for (const c of connections) c.ws.close(1001, 'host stopping');
      connections.clear();
      paused.clear();
    },
  };
}
