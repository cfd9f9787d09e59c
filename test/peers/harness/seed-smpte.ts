/**
 * Our stand-ins for the SMPTE seed's master and client (test/peers/seed-smpte/*.py, python3-liblo
 * under Debian's /usr/bin/python3): started on free ports, their JSON lines read back as typed
 * events. They speak exactly the seed's wire format; see the scripts' own docstrings.
 */
import { fileURLToPath } from 'node:url';
import { jsonLines, waitForJson } from './json-lines';
import { PYLIBLO_REQUIREMENTS } from './liblo-sender';
import { spawnPeer, type PeerProcess } from './peer-process';
import type { PeerRequirement } from './require-peer';

/** What a seed stand-in test needs installed. */
export const SEED_SMPTE_REQUIREMENTS: readonly PeerRequirement[] = PYLIBLO_REQUIREMENTS;

const PYTHON = '/usr/bin/python3';
const script = (name: string): string =>
  fileURLToPath(new URL(`../seed-smpte/${name}`, import.meta.url));

/** Fields every stand-in line carries: when it was printed, on the peer's own clocks. */
interface Stamped {
  /** time.time() when printed, Unix seconds. */
  unix: number;
  /** time.monotonic() when printed, seconds (CLOCK_MONOTONIC, shared by every process here). */
  mono: number;
}

/** A frame the seed master sent (printed with `logSent`). */
export interface SeedFrameSent extends Stamped {
  frame: number;
  label: string;
}

/** A cue or trigger the seed master received. */
export interface SeedCueReceived extends Stamped {
  kind: 'trigger' | 'cue';
  address: string;
  /** Type tags as liblo read them, e.g. `ss`. */
  types: string;
  args: unknown[];
  /** The label the master had last sent when the cue arrived (null before the first frame). */
  current: string | null;
}

/** A timecode message the seed client received. */
export interface SeedTimecodeReceived extends Stamped {
  /** The first string argument, or null when there was none. */
  label: string | null;
  types: string;
  /** 1 for the first one heard. */
  n: number;
}

/** A cue message the seed client sent. */
export interface SeedCueSent extends Stamped {
  address: string;
  args: string[];
}

/** A running stand-in. */
interface SeedPeer {
  readonly process: PeerProcess;
  /** Stops it (SIGTERM: the script closes its server and exits). */
  stop(): Promise<void>;
}

/** The seed master stand-in. */
export interface SeedMaster extends SeedPeer {
  sent(): SeedFrameSent[];
  received(): SeedCueReceived[];
  waitForReceived(
    predicate: (c: SeedCueReceived) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<SeedCueReceived>;
  /** Resolves when it printed `done` (all `count` frames sent). */
  waitForDone(timeoutMs: number): Promise<void>;
}

/** The seed client stand-in. */
export interface SeedClient extends SeedPeer {
  timecodes(): SeedTimecodeReceived[];
  sentCues(): SeedCueSent[];
  waitForTimecodes(count: number, timeoutMs: number): Promise<SeedTimecodeReceived[]>;
}

/** Options for {@link startSeedMaster}. */
export interface SeedMasterOptions {
  listenPort: number;
  /** Where timecode goes, on 127.0.0.1. */
  toPort: number;
  fps?: number;
  /** Frames to send; 0 = until stopped. */
  count?: number;
  startFrame?: number;
  /** Seconds to keep listening after the last frame. */
  lingerS?: number;
  /** Print a line per frame sent. */
  logSent?: boolean;
}

/** Starts the seed master stand-in; resolves once it is listening. */
export async function startSeedMaster(options: SeedMasterOptions): Promise<SeedMaster> {
  const args = [script('seed_master.py'), '--listen', String(options.listenPort)];
  args.push('--to', `127.0.0.1:${options.toPort}`, '--fps', String(options.fps ?? 25));
  args.push('--count', String(options.count ?? 0), '--start', String(options.startFrame ?? 0));
  args.push('--linger', String(options.lingerS ?? 2));
  if (options.logSent) args.push('--log-sent');
  const peer = await startSeedPeer('seed-master', args);
  const received = (): SeedCueReceived[] => events<SeedCueReceived>(peer, 'received');
  return {
    process: peer,
    stop: () => stopSeedPeer(peer),
    sent: () => events<SeedFrameSent>(peer, 'sent'),
    received,
    waitForReceived: (predicate, timeoutMs, what) =>
      peer.waitFor(() => received().find(predicate), timeoutMs, what),
    waitForDone: async (timeoutMs) => {
      await waitForJson(peer, (v) => v.event === 'done', 1, timeoutMs, '"done" line');
    },
  };
}

/** Options for {@link startSeedClient}. */
export interface SeedClientOptions {
  listenPort: number;
  /** Where cues go, on 127.0.0.1. */
  toPort: number;
  /** Labels to hear before exiting; 0 = until stopped. */
  count?: number;
  /** Labels to hear before the first round of the four cues (0: never send them). */
  cueAfter?: number;
  /** Labels between rounds (0: one round). */
  cueEvery?: number;
  durationS?: number;
}

/** Starts the seed client stand-in; resolves once it is listening. */
export async function startSeedClient(options: SeedClientOptions): Promise<SeedClient> {
  const args = [script('seed_client.py'), '--listen', String(options.listenPort)];
  args.push('--to', `127.0.0.1:${options.toPort}`, '--count', String(options.count ?? 0));
  args.push('--cue-after', String(options.cueAfter ?? 1));
  args.push('--cue-every', String(options.cueEvery ?? 0));
  args.push('--duration', String(options.durationS ?? 0));
  const peer = await startSeedPeer('seed-client', args);
  const timecodes = (): SeedTimecodeReceived[] => events<SeedTimecodeReceived>(peer, 'timecode');
  return {
    process: peer,
    stop: () => stopSeedPeer(peer),
    timecodes,
    sentCues: () => events<SeedCueSent>(peer, 'sent'),
    waitForTimecodes: (count, timeoutMs) =>
      peer.waitFor(
        () => (timecodes().length >= count ? timecodes() : undefined),
        timeoutMs,
        `${count} timecode messages`,
      ),
  };
}

async function startSeedPeer(name: string, args: string[]): Promise<PeerProcess> {
  // -u: unbuffered, although the scripts flush every line themselves.
  const peer = spawnPeer(name, PYTHON, ['-u', ...args]);
  try {
    await waitForJson(peer, (v) => v.event === 'ready', 1, 10_000, '"ready" line');
  } catch (error) {
    await peer.stop({ signal: 'SIGKILL' });
    throw error;
  }
  return peer;
}

async function stopSeedPeer(peer: PeerProcess): Promise<void> {
  await peer.stop({ signal: 'SIGTERM', graceMs: 3000 });
}

function events<T>(peer: PeerProcess, event: string): T[] {
  return jsonLines(peer)
    .filter((l) => l.value.event === event)
    .map((l) => l.value as unknown as T);
}
