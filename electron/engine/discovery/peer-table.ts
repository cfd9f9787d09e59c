/**
 * The peers seen so far, keyed by instance name: answers refresh them, goodbyes remove them, and
 * those that stopped answering expire. Pure (time is passed in), so it is tested without a network.
 */
import type { PeerView } from '../../../shared/ipc';

/** The peer list. */
export interface PeerTable {
  /** Adds or refreshes a peer; true when the list changed (a new peer, or any field but time). */
  upsert(peer: PeerView): boolean;
  /** Removes a peer by instance name (a goodbye); true when it was there. */
  remove(name: string): boolean;
  /** Drops peers not seen since `beforeMs`; true when any went. */
  expire(beforeMs: number): boolean;
  /** Every peer, sorted by name. */
  list(): PeerView[];
}

/** Never more peers than this: a flood of fake services cannot eat the engine's memory. */
export const MAX_PEERS = 256;

const keyOf = (name: string): string => name.toLowerCase();

/** Whether two views of a peer differ in anything but when it was seen. */
function differs(a: PeerView, b: PeerView): boolean {
  return JSON.stringify({ ...a, lastSeenMs: 0 }) !== JSON.stringify({ ...b, lastSeenMs: 0 });
}

/** Creates an empty table. */
export function createPeerTable(maxPeers = MAX_PEERS): PeerTable {
  const peers = new Map<string, PeerView>();
  return {
    upsert(peer) {
      const key = keyOf(peer.name);
      const old = peers.get(key);
      if (!old && peers.size >= maxPeers) return false;
      peers.set(key, peer);
      return !old || differs(old, peer);
    },
    remove: (name) => peers.delete(keyOf(name)),
    expire(beforeMs) {
      let isChanged = false;
      for (const [key, peer] of peers) {
        if (peer.lastSeenMs < beforeMs) isChanged = peers.delete(key) || isChanged;
      }
      return isChanged;
    },
    list: () => [...peers.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
