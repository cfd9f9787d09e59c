/**
 * One row per peer for the peers panel: the peers discovered over mDNS merged with the clocks
 * the engine measures and the jitter of the ticks received from them. A clock belongs to a
 * computer, not to a socket: the engine measures the socket a peer sends from, discovery names
 * the port it listens on, so a discovered peer takes the clock measured at its very address:port
 * or else at its address. A clock heard from without discovery gets a row of its own.
 */
import type { MeasurementsSnapshot } from '../store/contract-types';
import type { ClockSnapshot, PeersSnapshot } from './peers-slice';

type PeerClock = ClockSnapshot['peers'][number];
type DiscoveredPeer = PeersSnapshot['peers'][number];

/** One row. */
export interface PeerRow {
  /** "address:port" (stable key). */
  key: string;
  /** The advertised name; null for a peer only heard from. */
  name: string | null;
  /** Where to send: the discovered address, or the source address. */
  address: string;
  /** The advertised (listening) port; for a peer only heard from, the port it sends from. */
  port: number;
  hostName: string | null;
  app: string | null;
  role: string | null;
  isSyncroscope: boolean;
  answersClockSync: boolean;
  isDiscovered: boolean;
  /** On this computer (loopback): one clock, unless a teaching skew says otherwise. */
  isLocal: boolean;
  clock: PeerClock | null;
  /** Arrival interval error sd of the ticks received from this address, ms (the worst stream). */
  jitterMs: number | null;
  /** Tick streams received from it. */
  streams: number;
}

/** "1.2.3.4:5" or "[::1]:5" -> address and port. */
export function splitSource(source: string): { address: string; port: number } | null {
  const i = source.lastIndexOf(':');
  if (i <= 0) return null;
  const port = Number(source.slice(i + 1));
  if (!Number.isInteger(port)) return null;
  return { address: source.slice(0, i).replace(/^\[(.*)\]$/, '$1'), port };
}

/** A loopback address (this computer). */
export const isLoopback = (address: string): boolean =>
  address === '::1' || address === 'localhost' || address.startsWith('127.');

const rank = (c: PeerClock): number =>
  c.state === 'converged' ? 0 : c.state === 'measuring' ? 1 : c.state === 'stale' ? 2 : 3;

/** The best clock measured at this address (converged first, then the tightest bound). */
export function clockAtAddress(
  clocks: readonly PeerClock[],
  address: string,
  port?: number,
): PeerClock | null {
  const exact =
    port === undefined ? undefined : clocks.find((c) => c.peer === `${address}:${port}`);
  if (exact) return exact;
  const same = clocks.filter((c) => splitSource(c.peer)?.address === address);
  same.sort((a, b) => rank(a) - rank(b) || (a.errorBoundMs ?? 1e9) - (b.errorBoundMs ?? 1e9));
  return same[0] ?? null;
}

/** The worst arrival jitter (sd) of the streams received from `address`, and their count. */
export function jitterFrom(
  measurements: MeasurementsSnapshot | null,
  address: string,
): { jitterMs: number | null; streams: number } {
  let jitterMs: number | null = null;
  let streams = 0;
  for (const st of measurements?.streams ?? []) {
    if (splitSource(st.source)?.address !== address) continue;
    streams++;
    const sd = st.metrics.arrivalIntervalErrorMs.sd;
    if (sd !== null && st.metrics.arrivalIntervalErrorMs.n >= 2) {
      jitterMs = Math.max(jitterMs ?? 0, sd);
    }
  }
  return { jitterMs, streams };
}

const fromDiscovered = (
  p: DiscoveredPeer,
  clocks: readonly PeerClock[],
  m: MeasurementsSnapshot | null,
): PeerRow => ({
  key: `${p.address}:${p.port}`,
  name: p.name,
  address: p.address,
  port: p.port,
  hostName: p.host,
  app: p.txt.app,
  role: p.txt.role,
  isSyncroscope: p.isSyncroscope,
  answersClockSync: p.answersClockSync,
  isDiscovered: true,
  isLocal: isLoopback(p.address),
  clock: clockAtAddress(clocks, p.address, p.port),
  ...jitterFrom(m, p.address),
});

/** The rows: discovered peers (not this engine itself) by name, then peers only heard from. */
export function peerRows(
  peers: PeersSnapshot | null,
  clocks: ClockSnapshot | null,
  measurements: MeasurementsSnapshot | null,
): PeerRow[] {
  const clockList = clocks?.peers ?? [];
  const discovered = (peers?.peers ?? []).filter((p) => !p.isSelf);
  const rows = discovered.map((p) => fromDiscovered(p, clockList, measurements));
  const claimed = new Set(rows.map((r) => r.clock?.peer).filter(Boolean));
  const addresses = new Set(discovered.map((p) => p.address));
  for (const c of clockList) {
    const at = splitSource(c.peer);
    if (!at || claimed.has(c.peer) || addresses.has(at.address)) continue;
    rows.push({
      key: c.peer,
      name: null,
      address: at.address,
      port: at.port,
      hostName: null,
      app: null,
      role: null,
      isSyncroscope: c.state !== 'no-answer',
      answersClockSync: c.state !== 'no-answer',
      isDiscovered: false,
      isLocal: isLoopback(at.address),
      clock: c,
      ...jitterFrom(measurements, at.address),
    });
  }
  return rows;
}
