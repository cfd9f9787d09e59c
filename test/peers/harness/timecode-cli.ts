/**
 * Syncroscope's own timecode master and client (`syncroscope timecode master|client --json`) as
 * peer processes, their JSON lines read back as typed records (the keys their --help documents).
 */
import { ntpFromHex, ntpToUnixMs } from '../../../shared/osc/index';
import { jsonLines } from './json-lines';
import type { PeerProcess } from './peer-process';
import { spawnSyncroscope } from './syncroscope-cli';

/** A frame our master sent (`{"type":"frame"}`). */
export interface MasterFrameLine {
  frame: number;
  label: string;
  /** NTP hex of the frame's exact instant. */
  instant: string;
  /** NTP hex of the bundle timetag, or null when plain. */
  timetag: string | null;
  /** Unix seconds. */
  sent: number;
}

/** A cue or trigger our master received (`{"type":"cue"}`). */
export interface MasterCueLine {
  address: string;
  text: string | null;
  master_label: string | null;
  sender_label: string | null;
  diff_frames: number | null;
  diff_ms: number | null;
  timetag: string | null;
  /** Unix seconds. */
  arrival: number;
  from: string;
}

/** A timecode our client received (`{"type":"timecode"}`). */
export interface ClientTimecodeLine {
  label: string;
  frame: number;
  estimate_label: string;
  error_frames: number;
  error_ms: number;
  state: 'locked' | 'freewheel' | 'lost' | 'stopped';
  /** NTP hex: when the frame is shown (its timetag, or its arrival when plain). */
  instant: string;
  timetag: string | null;
  /** Unix seconds. */
  arrival: number;
  from: string;
}

/** A cue our client sent (`{"type":"cue"}`). */
export interface ClientCueLine {
  id: string | null;
  address: string;
  args: unknown[];
  label: string | null;
  timetag: string | null;
  sent: number;
  error_ms: number | null;
}

/** Unix ms of an NTP hex field (`eeb8ff9b.3e724189`). */
export function hexToUnixMs(hex: string): number {
  return ntpToUnixMs(ntpFromHex(hex));
}

interface OurPeer {
  readonly process: PeerProcess;
  /** Stops it like Ctrl-C (it prints its summary on stderr), SIGKILL after a grace period. */
  stop(): Promise<void>;
  /** Resolves when it has exited (after --count). */
  exited(timeoutMs: number): Promise<void>;
}

/** Our master. */
export interface OurMaster extends OurPeer {
  frames(): MasterFrameLine[];
  cues(): MasterCueLine[];
}

/** Our client. */
export interface OurClient extends OurPeer {
  timecodes(): ClientTimecodeLine[];
  cues(): ClientCueLine[];
  /** The lock states it announced on stderr, in order (`locked`, `freewheel`, `lost`). */
  states(): string[];
}

/** Options for {@link startOurMaster}. */
export interface OurMasterOptions {
  listenPort: number;
  /** Where frames go, each on 127.0.0.1. */
  toPorts: readonly number[];
  fps?: string;
  forwardMs?: number;
  startLabel?: string;
  count?: number;
}

/** Starts `syncroscope timecode master --json`; resolves once it is sending. */
export async function startOurMaster(options: OurMasterOptions): Promise<OurMaster> {
  const args = ['timecode', 'master', '--json', '--listen', String(options.listenPort)];
  for (const port of options.toPorts) args.push('--to', `127.0.0.1:${port}`);
  if (options.fps) args.push('--fps', options.fps);
  if (options.forwardMs !== undefined) args.push('--forward', String(options.forwardMs));
  if (options.startLabel) args.push('--start', options.startLabel);
  if (options.count !== undefined) args.push('--count', String(options.count));
  const peer = await startOurPeer('timecode-master', args, 'cues on port');
  return {
    ...peerControls(peer),
    frames: () => records<MasterFrameLine>(peer, 'frame'),
    cues: () => records<MasterCueLine>(peer, 'cue'),
  };
}

/** Options for {@link startOurClient}. */
export interface OurClientOptions {
  listenPort: number;
  /** Where cues go, on 127.0.0.1. */
  toPort: number;
  fps?: string;
  /** `LABEL=/address,arg...` entries. */
  cues?: readonly string[];
  count?: number;
}

/** Starts `syncroscope timecode client --json`; resolves once it is listening. */
export async function startOurClient(options: OurClientOptions): Promise<OurClient> {
  const args = ['timecode', 'client', '--json', '--listen', String(options.listenPort)];
  args.push('--to', `127.0.0.1:${options.toPort}`);
  if (options.fps) args.push('--fps', options.fps);
  for (const cue of options.cues ?? []) args.push('--cue', cue);
  if (options.count !== undefined) args.push('--count', String(options.count));
  const peer = await startOurPeer('timecode-client', args, 'listening on port');
  return {
    ...peerControls(peer),
    timecodes: () => records<ClientTimecodeLine>(peer, 'timecode'),
    cues: () => records<ClientCueLine>(peer, 'cue'),
    states: () =>
      peer.lines
        .filter((l) => l.stream === 'stderr')
        .map((l) => /^\[timecode client\] (locked|freewheel|lost|stopped)$/.exec(l.text)?.[1])
        .filter((s): s is string => s !== undefined),
  };
}

async function startOurPeer(name: string, args: string[], readyText: string): Promise<PeerProcess> {
  const peer = spawnSyncroscope(name, args);
  try {
    await peer.waitForLine(
      (l) => l.stream === 'stderr' && l.text.includes(readyText),
      30_000,
      `"${readyText}" line`,
    );
  } catch (error) {
    await peer.stop({ signal: 'SIGKILL' });
    throw error;
  }
  return peer;
}

function peerControls(peer: PeerProcess): OurPeer {
  return {
    process: peer,
    stop: async () => {
      await peer.stop({ signal: 'SIGINT', graceMs: 5000 });
    },
    exited: async (timeoutMs) => {
      const timer = new Promise<never>((_, reject) =>
        setTimeout(
          () =>
            reject(
              new Error(`[${peer.name}] still running after ${timeoutMs} ms\n${peer.describe()}`),
            ),
          timeoutMs,
        ).unref(),
      );
      const exit = await Promise.race([peer.exited, timer]);
      if (exit.code !== 0)
        throw new Error(`[${peer.name}] exited with code ${exit.code}\n${peer.describe()}`);
    },
  };
}

function records<T>(peer: PeerProcess, type: string): T[] {
  return jsonLines(peer)
    .filter((l) => l.value.type === type)
    .map((l) => l.value as unknown as T);
}
