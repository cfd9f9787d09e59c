/**
 * The `peers:*` domain: browses for `_osc._udp` services from the start, and advertises the
 * engine's receiver while it listens (unless `peers:advertise {enabled: false}`). Without a
 * discovery (the engine's tests) it answers an empty, unavailable snapshot and never multicasts.
 */
import type { PeersSnapshot, PeerView } from '../../../shared/ipc';
import { createSerialQueue, type DomainHandlers, type EngineContext } from './context';
import type { AdvertiseHandle, BrowseHandle, Discovery } from '../discovery/discovery';

/** Where the receiver listens, or null when it does not. */
export type ListeningAt = { host: string; port: number } | null;

/** The peers domain. */
export interface PeersDomain {
  handlers: DomainHandlers<'peers:get' | 'peers:advertise'>;
  /** The receiver's hook: called whenever it starts listening (again) or stops. */
  onListening(at: ListeningAt): void;
  dispose(): Promise<void>;
}

/** What the domain needs beyond the context. */
export interface PeersDomainDeps {
  discovery: Discovery | null;
  /** Whether the receiver answers clock-sync pings now (read when advertising starts). */
  answersClockSync: () => boolean;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Creates the domain and starts browsing when there is a discovery. */
export function createPeersDomain(ctx: EngineContext, deps: PeersDomainDeps): PeersDomain {
  const { discovery } = deps;
  const serial = createSerialQueue();
  let isEnabled = true;
  let listening: ListeningAt = null;
  let ad: { handle: AdvertiseHandle; port: number } | null = null;
  let peers: PeerView[] = [];

  const snapshot = (): PeersSnapshot => ({
    isAvailable: discovery !== null && discovery.problem() === null,
    isAdvertisingEnabled: isEnabled,
    isAdvertising: ad?.handle.isPublished() ?? false,
    advertisedName: ad?.handle.name ?? null,
    problem: discovery?.problem() ?? null,
    peers,
  });
  const changed = (): void => ctx.sink.state('peers:changed', snapshot);

  const browse: BrowseHandle | null =
    discovery?.browse((list) => {
      peers = list;
      changed();
    }) ?? null;

  /** Brings the advertisement in line with the setting and the receiver. */
  const apply = async (): Promise<void> => {
    const port = isEnabled && discovery ? (listening?.port ?? null) : null;
    if (ad && ad.port === port) return;
    if (ad) {
      const old = ad;
      ad = null;
      await old.handle.dispose();
      changed();
    }
    if (port === null || !discovery) return;
    if (listening && LOOPBACK.has(listening.host)) {
      ctx.log(
        'info',
        `mDNS: the receiver listens on ${listening.host} only, so only this computer can reach it; tick "Reachable from other computers" in Listen (0.0.0.0) so other computers can`,
      );
    }
    const handle = discovery.advertise(
      { port, role: 'app', answersClockSync: deps.answersClockSync() },
      changed,
    );
    ad = { handle, port };
    changed();
  };

  return {
    handlers: {
      'peers:get': async () => snapshot(),
      'peers:advertise': (req) =>
        serial(async () => {
          isEnabled = req.enabled;
          await apply();
          changed();
          return snapshot();
        }),
    },
    onListening(at) {
      listening = at;
      void serial(apply);
    },
    dispose: () =>
      serial(async () => {
        browse?.dispose();
        listening = null;
        await apply();
      }),
  };
}
