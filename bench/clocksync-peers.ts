/**
 * Three receivers with three different clocks play one metronome's forward-synced ticks: each
 * `syncroscope listen --json` runs under its own faketime clock behind its own two-way relay
 * (10 ms sd jitter), and ONE unfaked `syncroscope metronome --mode forward` sends them all the
 * same timetags. Beside each synced receiver runs its twin with `--no-clock-sync` (same clock,
 * same network), side by side in the same run. Each receiver's dispatch instants (its own clock)
 * are turned into true time through its `--log-clock` log of the shared monotonic clock, and the
 * figure is how far apart the receivers play each beat in true time.
 */
import { join } from 'node:path';
import { summarize } from '../shared/stats/summary';
import { readClockLog, type ClockLog } from '../test/peers/harness/clock-log';
import { faketimeSpec, spawnFakedSyncroscope, stopFaked } from '../test/peers/harness/faketime';
import { freeUdpPort } from '../test/peers/harness/free-port';
import { jsonLines } from '../test/peers/harness/json-lines';
import type { PeerProcess } from '../test/peers/harness/peer-process';
import {
  spawnSyncroscope,
  startRelayPeer,
  type RelayPeer,
} from '../test/peers/harness/syncroscope-cli';
import { CLOCK_NETWORK } from './clocksync-peer';

/** The receivers' clocks: offset (ms) and rate (ppm), each a different machine. */
export const RECEIVER_SKEWS = [
  { offsetMs: 250, driftPpm: 50 },
  { offsetMs: -120, driftPpm: -30 },
  { offsetMs: 40, driftPpm: 20 },
];
const BPM = 120;
/** F: large enough that no receiver's clock (250 ms ahead at most) makes a tick late. */
const FORWARD_MS = 400;
/** Beats before the receivers' estimates are counted (first ping, convergence, drift). */
const WARM_UP_BEATS = 14;

interface Receiver {
  name: string;
  isSynced: boolean;
  process: PeerProcess;
  logPath: string;
  relay: RelayPeer;
}

/** True-time dispatch instant (monotonic ms) of each tick, keyed by its timetag as sent. */
function dispatchedInTrueTime(r: Receiver, log: ClockLog): Map<string, number> {
  const out = new Map<string, number>();
  for (const { value } of jsonLines(r.process)) {
    if (value.address !== '/tick' || typeof value.timetag !== 'string') continue;
    if (r.isSynced && value.clock !== 'peer') continue; // still measuring: not yet synced
    out.set(value.timetag, log.monoAt((value.dispatched as number) * 1000));
  }
  return out;
}

/** |a - b| for every pair of receivers on every beat all of them played (after warm-up). */
function pairDisagreementsMs(maps: Map<string, number>[], beats: string[]): number[] {
  const out: number[] = [];
  for (const beat of beats) {
    const at = maps.map((m) => m.get(beat));
    if (at.some((t) => t === undefined || !Number.isFinite(t))) continue;
    for (let i = 0; i < at.length; i++)
      for (let j = i + 1; j < at.length; j++) out.push(Math.abs(at[i]! - at[j]!));
  }
  return out;
}

/** Runs `beats` measured beats (after the warm-up) and returns the peers figures. */
export async function measurePeers(options: {
  beats: number;
  dir: string;
  log: (line: string) => void;
}): Promise<Record<string, number>> {
  const receivers: Receiver[] = [];
  try {
    const plan = RECEIVER_SKEWS.flatMap((skew, i) =>
      [true, false].map((isSynced) => ({ skew, i, isSynced })),
    );
    for (const { skew, i, isSynced } of plan) {
      const port = await freeUdpPort();
      const name = `${isSynced ? 'synced' : 'unsynced'} receiver ${i + 1} (${skew.offsetMs} ms)`;
      const logPath = join(options.dir, `receiver-${i}-${isSynced ? 'sync' : 'nosync'}.clock`);
      const process = spawnFakedSyncroscope(name, faketimeSpec(skew.offsetMs, skew.driftPpm), [
        ...['listen', '--port', String(port), '--json', '--no-advertise'],
        ...['--log-clock', logPath, ...(isSynced ? [] : ['--no-clock-sync'])],
      ]);
      const relay = await startRelayPeer({
        listenPort: await freeUdpPort(),
        toPort: port,
        ...CLOCK_NETWORK,
        seed: 41 + receivers.length,
        isTwoWay: true,
      });
      receivers.push({ name, isSynced, process, logPath, relay });
    }
    await Promise.all(
      receivers.map((r) =>
        r.process.waitForLine((l) => l.text.includes('listening on'), 60_000, r.name),
      ),
    );
    const count = WARM_UP_BEATS + options.beats;
    const metronome = spawnSyncroscope('metronome', [
      ...['metronome', '--mode', 'forward', '--bpm', String(BPM), '--offset', String(FORWARD_MS)],
      ...['--count', String(count), '--extended'],
      ...receivers.flatMap((r) => ['--target', `127.0.0.1:${r.relay.listenPort}/tick`]),
    ]);
    const exit = await metronome.exited;
    if (exit.code !== 0)
      throw new Error(`[clocksync] the metronome failed: ${metronome.describe()}`);
    await new Promise((r) => setTimeout(r, FORWARD_MS + 500));
    for (const r of receivers) await stopFaked(r.process);

    const maps = receivers.map((r) => dispatchedInTrueTime(r, readClockLog(r.logPath)));
    const beats = [...new Set(maps.flatMap((m) => [...m.keys()]))].sort().slice(WARM_UP_BEATS);
    const synced = pairDisagreementsMs(
      maps.filter((_, i) => receivers[i]!.isSynced),
      beats,
    );
    const unsynced = pairDisagreementsMs(
      maps.filter((_, i) => !receivers[i]!.isSynced),
      beats,
    );
    for (const r of receivers) {
      const summary = [...r.process.lines].reverse().find((l) => l.text.startsWith('[clock]'));
      if (summary) options.log(`[clocksync] ${r.name}: ${summary.text}`);
    }
    const s = summarize(synced);
    return {
      'clocksync.peers_p99_ms': s.p99,
      'clocksync.peers_max_ms': s.max,
      'clocksync.peers_nosync_p99_ms': summarize(unsynced).p99,
      'clocksync.peers_beats': synced.length / 3,
    };
  } finally {
    for (const r of receivers) {
      await stopFaked(r.process);
      await r.relay.stop();
    }
  }
}
