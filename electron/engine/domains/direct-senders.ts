/**
 * The metronome's direct targets each send from a socket connected to them
 * (network/connected-sender.ts), so a target whose port is closed is noticed and said by target
 * id ("nothing is listening on 127.0.0.1:9000 (port unreachable)"); the ticks keep going and the
 * words clear once something listens there. Targets sharing a host and port share a socket.
 * Relayed targets, broadcast and multicast ones go through the shared socket as before.
 */
import type { ConnectedSender } from '../network/connected-sender';
import { isConnectable } from '../network/connected-sender';
import type { RelayTarget, TargetRoute } from './target-relays';

/** Makes the socket for one destination; `onProblem` hears its words change. */
export type ConnectSender = (
  host: string,
  port: number,
  onProblem: (problem: string | null) => void,
) => ConnectedSender;

/** The connected sockets of the current direct targets. Thread: the engine's. */
export interface DirectSenders {
  /**
   * Makes the sockets match the targets routed straight to themselves; returns the closer of
   * the ones no longer used (call it once the metronome has switched to the new routes).
   */
  sync(
    targets: readonly RelayTarget[],
    routes: ReadonlyMap<string, TargetRoute>,
  ): () => Promise<void>;
  /** The socket for host:port, if that is a direct target's. */
  senderFor(host: string, port: number): ConnectedSender | undefined;
  /** By target id: why its ticks seem to go nowhere. */
  toRecord(): Record<string, string>;
  dispose(): Promise<void>;
}

interface Entry {
  sender: ConnectedSender;
  ids: string[];
}

const key = (host: string, port: number): string => `${host} ${port}`;

/** A socket's problem ("nothing is listening on ...") as the target row's sentence. */
export function unreachableSentence(problem: string): string {
  return `${problem[0]!.toUpperCase()}${problem.slice(1)}. The ticks keep going: this clears once a receiver listens there.`;
}

/** Creates the set (empty); `onChange` hears when a destination's words change (null: fine). */
export function createDirectSenders(
  connect: ConnectSender,
  onChange: (host: string, port: number, problem: string | null) => void,
): DirectSenders {
  let entries = new Map<string, Entry>();

  return {
    sync(targets, routes) {
      const next = new Map<string, Entry>();
      for (const t of targets) {
        const route = routes.get(t.id);
        const isDirect =
          route !== undefined &&
          !('error' in route) &&
          route.host === t.host &&
          route.port === t.port;
        if (!isDirect || !isConnectable(t.host)) continue;
        const k = key(t.host, t.port);
        let e = next.get(k) ?? entries.get(k);
        if (!e) {
          const { host, port } = t;
          e = { sender: connect(host, port, (p) => onChange(host, port, p)), ids: [] };
        } else if (!next.has(k)) {
          e = { sender: e.sender, ids: [] };
        }
        e.ids.push(t.id);
        next.set(k, e);
      }
      const retired = [...entries].filter(([k]) => !next.has(k)).map(([, e]) => e.sender);
      entries = next;
      return async () => void (await Promise.all(retired.map((s) => s.dispose())));
    },
    senderFor: (host, port) => entries.get(key(host, port))?.sender,
    toRecord() {
      const out: Record<string, string> = {};
      for (const e of entries.values()) {
        const problem = e.sender.problem;
        if (problem === null) continue;
        for (const id of e.ids) out[id] = unreachableSentence(problem);
      }
      return out;
    },
    async dispose() {
      const all = [...entries.values()].map((e) => e.sender);
      entries = new Map();
      await Promise.all(all.map((s) => s.dispose()));
    },
  };
}
