/**
 * The receive-side address router: every feature that listens for OSC (ticks, timecode, cues,
 * clock sync) registers its address patterns here, and they all share the one receiver socket.
 * Routes belong to the engine, not to a socket: a receiver restart connects a new receive path to
 * the same routes. Patterns match the incoming address the way python-osc's dispatcher does
 * ('/py*' takes '/py' and '/pyfoo'; '*' never crosses '/').
 */
import { compileAddressPattern, type AddressMatcher } from '../../../shared/osc';
import type { UdpSource } from '../network/udp-endpoint';
import type { DispatchedMessage, ReceivedMessage } from './receive-path';

/** Sends one datagram back from the socket the message arrived on. Never throws; failures are counted. */
export type Reply = (bytes: Uint8Array, to: UdpSource) => void;

/**
 * What a feature does with the messages its patterns match. Both hooks run on the engine thread,
 * synchronously, and must not block; an exception is counted (`handlerErrors`) and swallowed.
 */
export interface RouteHandler {
  /**
   * On arrival, before the message waits for its timetag: `arrivalMs` is the socket's arrival
   * stamp, `from` the sender, `classification` and `leadMs` how early it came. Answer a clock
   * ping here. Late messages the drop policy refuses arrive here too (`isDropped`).
   */
  onArrival?(message: ReceivedMessage, reply: Reply): void;
  /**
   * When due: at its timetag (never early), at arrival if immediate, at once if late under the
   * play policy. `errorMs` is how late the dispatch ran. Goes to the routes registered then.
   */
  onDue?(message: DispatchedMessage, reply: Reply): void;
}

/** The router's running totals over the engine's life (every receiver it was connected to). */
export interface RouterCounters {
  /** Messages at least one route matched (counted on arrival). */
  routed: number;
  /** Messages no route matched. */
  unrouted: number;
  /** Exceptions thrown by route handlers (caught; the receive path goes on). */
  handlerErrors: number;
  /** Replies the socket sent. */
  replies: number;
  /** Replies that could not be sent (no socket, or the send failed). */
  replyErrors: number;
}

/** The receive path's hooks for one socket: pass them as its onReceive and onDispatch. */
export interface RouterInput {
  onReceive(message: ReceivedMessage): void;
  onDispatch(message: DispatchedMessage): void;
}

/** How one connected socket sends replies; null when packets are fed in without a socket. */
export interface RouterConnection {
  send: ((bytes: Uint8Array, host: string, port: number) => Promise<void>) | null;
  /** A reply that failed (for the log); counted either way. */
  onReplyError?: (error: unknown) => void;
}

/** Maps OSC address patterns to handlers. Thread: the engine's. */
export interface OscRouter {
  /**
   * Routes messages whose address matches any of `patterns` to `handler`; returns its remover
   * (safe to call twice). Throws OscPatternError for a malformed pattern, registering nothing.
   */
  add(patterns: string | readonly string[], handler: RouteHandler): () => void;
  /** Hooks for a receive path fed by one socket; replies go out through `connection.send`. */
  connect(connection: RouterConnection): RouterInput;
  /** A copy of the counters. */
  counters(): RouterCounters;
}

interface Route {
  readonly matchers: readonly AddressMatcher[];
  readonly handler: RouteHandler;
}

const NONE: readonly Route[] = [];
// Addresses come from the network: the per-address cache must not grow without bound.
const CACHE_LIMIT = 256;

/** Creates an empty router. */
export function createOscRouter(): OscRouter {
  let routes: readonly Route[] = [];
  // address -> the routes it matches, so the hot path runs each pattern once per address.
  const cache = new Map<string, readonly Route[]>();
  const counters: RouterCounters = {
    routed: 0,
    unrouted: 0,
    handlerErrors: 0,
    replies: 0,
    replyErrors: 0,
  };

  const lookup = (address: string): readonly Route[] => {
    let hit = cache.get(address);
    if (hit === undefined) {
      const found = routes.filter((r) => r.matchers.some((matches) => matches(address)));
      hit = found.length === 0 ? NONE : found;
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(address, hit);
    }
    return hit;
  };

  return {
    add(patterns, handler) {
      const list = typeof patterns === 'string' ? [patterns] : patterns;
      const route: Route = { matchers: list.map(compileAddressPattern), handler };
      routes = [...routes, route];
      cache.clear();
      return () => {
        if (!routes.includes(route)) return;
        routes = routes.filter((r) => r !== route);
        cache.clear();
      };
    },

    connect({ send, onReplyError }) {
      const failed = (error: unknown): void => {
        counters.replyErrors++;
        onReplyError?.(error);
      };
      const sent = (): void => void counters.replies++;
      const reply: Reply = (bytes, to) => {
        if (send === null) return failed(new Error('[router] no socket to reply from'));
        try {
          send(bytes, to.address, to.port).then(sent, failed);
        } catch (error) {
          failed(error);
        }
      };
      return {
        onReceive(message) {
          const hit = lookup(message.message.address);
          if (hit === NONE) counters.unrouted++;
          else counters.routed++;
          for (const { handler } of hit) {
            if (handler.onArrival === undefined) continue;
            try {
              handler.onArrival(message, reply);
            } catch {
              counters.handlerErrors++;
            }
          }
        },
        onDispatch(message) {
          for (const { handler } of lookup(message.message.address)) {
            if (handler.onDue === undefined) continue;
            try {
              handler.onDue(message, reply);
            } catch {
              counters.handlerErrors++;
            }
          }
        },
      };
    },

    counters: () => ({ ...counters }),
  };
}
