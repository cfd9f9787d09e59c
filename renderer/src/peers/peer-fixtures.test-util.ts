/** Snapshots for the peers tests: a discovered peer, a measured clock, a measured stream. */
import type { MeasurementsSnapshot, StreamStats } from '../store/contract-types';
import type { ClockSnapshot, PeersSnapshot } from './peers-slice';

type Peer = PeersSnapshot['peers'][number];
type PeerClock = ClockSnapshot['peers'][number];

/** A discovered Syncroscope at 192.168.1.20:8000 unless patched. */
export function discovered(patch: Partial<Peer> = {}): Peer {
  return {
    name: 'Syncroscope on studio (8000)',
    host: 'studio.local',
    addresses: ['192.168.1.20'],
    address: '192.168.1.20',
    port: 8000,
    txt: { app: 'syncroscope', role: 'metronome', clock: '1' },
    isSyncroscope: true,
    answersClockSync: true,
    isSelf: false,
    lastSeenMs: 1_000_000,
    ...patch,
  };
}

/** A peers snapshot with `peers`. */
export function peersSnapshot(peers: Peer[], patch: Partial<PeersSnapshot> = {}): PeersSnapshot {
  return {
    isAvailable: true,
    isAdvertisingEnabled: true,
    isAdvertising: true,
    advertisedName: 'Syncroscope on here (8001)',
    problem: null,
    peers,
    ...patch,
  };
}

/** A converged clock at `peer` ("address:port"). */
export function peerClock(peer: string, patch: Partial<PeerClock> = {}): PeerClock {
  return {
    peer,
    state: 'converged',
    offsetMs: 250.2,
    rttMs: 1.4,
    errorBoundMs: 0.7,
    driftPpm: 3,
    samples: 20,
    pings: 22,
    pongs: 20,
    steps: 0,
    ...patch,
  };
}

/** A clock snapshot with `peers`. */
export const clockSnapshot = (peers: PeerClock[]): ClockSnapshot => ({
  skew: { offsetMs: 0, driftPpm: 0 },
  peers,
});

const summary = (patch: Partial<StreamStats['metrics']['leadMs']> = {}) => ({
  n: 100,
  mean: 0,
  sd: 0,
  min: 0,
  max: 0,
  p50: 0,
  p95: 0,
  p99: 0,
  ...patch,
});

/** A measured stream from `source` whose arrival interval error has `jitterSdMs` sd. */
export function stream(
  source: string,
  jitterSdMs: number,
  patch: Partial<StreamStats> = {},
): StreamStats {
  return {
    key: `${source} /tick`,
    source,
    address: '/tick',
    mode: 'forward',
    counts: {
      ticks: 100,
      late: 0,
      dropped: 0,
      dispatched: 100,
      lost: 0,
      reordered: 0,
      duplicates: 0,
    },
    metrics: {
      leadMs: summary(),
      arrivalIntervalErrorMs: summary({ sd: jitterSdMs }),
      dispatchErrorMs: summary(),
      outputIntervalErrorMs: summary(),
    },
    ...patch,
  };
}

/** A measurements snapshot with `streams`. */
export const measurementsOf = (streams: StreamStats[]): MeasurementsSnapshot => ({
  streams,
  untrackedTicks: 0,
});
