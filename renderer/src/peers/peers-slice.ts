/**
 * The peers the engine found (mDNS) and the clocks it measures, the advertising switch, and
 * adding a peer as a metronome or timecode target in one click. Adding goes through the
 * metronome's and the timecode's own settings actions, so their errors land where theirs do.
 */
import type { StateValue } from '../../../shared/ipc/types';
import type { Slice, SliceDeps } from '../store/slices/types';
import { DIRECT } from '../store/defaults';

/** `peers:changed`. */
export type PeersSnapshot = StateValue<'peers:changed'>;
/** `clock:changed`. */
export type ClockSnapshot = StateValue<'clock:changed'>;

/** Where a peer is reached: host (name or address) and UDP port. */
export interface PeerEndpoint {
  host: string;
  port: number;
  /** A Syncroscope instance reads the extended tick format (beat numbers, send times). */
  isSyncroscope?: boolean;
}

/** See the file comment. */
export interface PeersSlice {
  peers: PeersSnapshot | null;
  clocks: ClockSnapshot | null;
  /** Plain-words errors: `advertise`, `manual`. */
  peersErrors: Record<string, string>;
  isAdvertiseBusy: boolean;
  receivePeers(snapshot: PeersSnapshot): void;
  receiveClocks(snapshot: ClockSnapshot): void;
  setAdvertising(enabled: boolean): Promise<void>;
  /** Adds the endpoint as a metronome target; false (and why, under `field`) when it is there. */
  addPeerAsMetronomeTarget(peer: PeerEndpoint, field: string): boolean;
  addPeerAsTimecodeTarget(peer: PeerEndpoint, field: string): boolean;
  setPeersError(field: string, message: string | null): void;
}

/** The first `t<n>` id not in use. */
function nextId(items: readonly { id: string }[]): string {
  const used = new Set(items.map((t) => t.id));
  for (let n = 1; ; n++) if (!used.has(`t${n}`)) return `t${n}`;
}

const sameEndpoint = (a: { host: string; port: number }, b: PeerEndpoint): boolean =>
  a.host.trim().toLowerCase() === b.host.trim().toLowerCase() && a.port === b.port;

/** Creates the slice. */
export const createPeersSlice =
  (deps: SliceDeps): Slice<PeersSlice> =>
  (set, get) => {
    const already = (field: string, where: string, peer: PeerEndpoint): false => {
      get().setPeersError(field, `${peer.host}:${peer.port} is already a ${where} target.`);
      return false;
    };
    return {
      peers: null,
      clocks: null,
      peersErrors: {},
      isAdvertiseBusy: false,
      receivePeers: (peers) => set({ peers }),
      receiveClocks: (clocks) => set({ clocks }),
      async setAdvertising(enabled) {
        get().setPeersError('advertise', null);
        set({ isAdvertiseBusy: true });
        try {
          set({ peers: await deps.bridge.invoke('peers:advertise', { enabled }) });
        } catch (error) {
          get().routeError(error, (message) => get().setPeersError('advertise', message));
        } finally {
          set({ isAdvertiseBusy: false });
        }
      },
      addPeerAsMetronomeTarget(peer, field) {
        get().setPeersError(field, null);
        const { targets } = get().settings;
        if (targets.some((t) => sameEndpoint(t, peer))) return already(field, 'metronome', peer);
        const id = nextId(targets);
        const target = {
          id,
          host: peer.host,
          port: peer.port,
          address: '/tick',
          format: peer.isSyncroscope ? ('extended' as const) : ('seed' as const),
          impairment: { ...DIRECT },
        };
        get().updateSettings({ targets: [...targets, target] }, `target:${id}`);
        return true;
      },
      addPeerAsTimecodeTarget(peer, field) {
        get().setPeersError(field, null);
        const { targets } = get().timecodeSettings;
        if (targets.some((t) => sameEndpoint(t, peer))) return already(field, 'timecode', peer);
        const id = nextId(targets);
        const target = { id, host: peer.host, port: peer.port, impairment: { ...DIRECT } };
        get().updateTimecode({ targets: [...targets, target] }, `target:${id}`);
        return true;
      },
      setPeersError(field, message) {
        const { [field]: _old, ...rest } = get().peersErrors;
        set({ peersErrors: message === null ? rest : { ...rest, [field]: message } });
      },
    };
  };
