/**
 * Clock sync between processes whose clocks really differ (faketime): one peer measured against
 * the truth of the shared monotonic clock (clocksync-peer.ts), then three receivers with three
 * clocks playing one metronome's forward-synced ticks, with and without clock sync
 * (clocksync-peers.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingFaketime } from '../test/peers/harness/faketime';
import { measureOnePeer } from './clocksync-peer';
import { measurePeers } from './clocksync-peers';

/** Options for {@link runClocksyncBench}. */
export interface ClocksyncBenchOptions {
  /** How long the one peer is pinged, ms (default 60 s). */
  durationMs?: number;
  /** Beats the three receivers are measured over, after their warm-up (default 120: 60 s). */
  beats?: number;
}

/** Runs both measurements and returns the clocksync figures. */
export async function runClocksyncBench(
  options: ClocksyncBenchOptions = {},
): Promise<Record<string, number>> {
  const missing = missingFaketime();
  if (missing !== null) throw new Error(`[bench] clocksync needs ${missing}`);
  const dir = mkdtempSync(join(tmpdir(), 'syncroscope-clocksync-'));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const one = await measureOnePeer({ durationMs: options.durationMs ?? 60_000, dir, log });
    const peers = await measurePeers({ beats: options.beats ?? 120, dir, log });
    return { ...one, ...peers };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
