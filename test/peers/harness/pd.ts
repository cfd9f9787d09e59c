/**
 * Pure Data (vanilla 0.53 + mrpeach externals) run headless as an OSC peer. Pd prints with
 * `-stderr`; each `[print LABEL]` line arrives as `LABEL: args`, stamped at arrival.
 */
import { fileURLToPath } from 'node:url';
import { sendBareOscMessage } from './control-message';
import { spawnPeer, type PeerProcess, type StampedLine } from './peer-process';
import { executable, installedFile, type PeerRequirement } from './require-peer';
import { sleepMs } from './wall-clock';

/** Where Debian's pd-mrpeach installs the OSC externals. */
export const MRPEACH_DIR = '/usr/lib/pd/extra/mrpeach';

/** The path of one of our companion patches (assets/peers/), e.g. `example1-strings.pd`. */
export function companionPatch(file: string): string {
  return fileURLToPath(new URL(`../../../assets/peers/${file}`, import.meta.url));
}

/** What a Pd peer test needs installed. */
export const PD_REQUIREMENTS: readonly PeerRequirement[] = [
  executable('pd', 'puredata-core'),
  installedFile(`${MRPEACH_DIR}/unpackOSC.pd_linux`, 'pd-mrpeach'),
];

/** Options for {@link startPd}. */
export interface PdOptions {
  patch: string;
  /** `-send` messages, e.g. `syncroscope-port 9123`: delivered after the patch loads. */
  sends?: readonly string[];
  /** The patch's OSC port: {@link PdPeer.stop} sends `/quit` there before falling back to SIGKILL. */
  quitPort?: number;
  /** A `[print LABEL]` label the patch prints once it is listening (default `READY`). */
  readyLabel?: string;
  /** Default 0.2 ms: Pd's default (1 ms) makes its scheduler late by up to a tick. */
  sleepGrainMs?: number;
  startTimeoutMs?: number;
}

/** A `[print LABEL]` line: `LABEL: text`. */
export interface PdPrint extends StampedLine {
  label: string;
  /** What followed `LABEL: ` (Pd's rendering of the printed atoms). */
  body: string;
}

/** A running Pd. */
export interface PdPeer {
  readonly process: PeerProcess;
  /** Every `[print label]` line so far. */
  prints(label: string): PdPrint[];
  /** Resolves with the first `[print label]` line (seen or future) whose body matches. */
  waitForPrint(label: string, body: (body: string) => boolean, timeoutMs: number): Promise<PdPrint>;
  /** Resolves with every `[print label]` line once there are at least `count` of them. */
  waitForPrints(label: string, count: number, timeoutMs: number): Promise<PdPrint[]>;
  /** Asks Pd to quit over OSC `/quit` (if a quit port was given), then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

// Pd keeps running when an object fails to create or a port cannot be bound: these lines are fatal.
const FATAL_LINE = /couldn't create|: bind: |Address already in use/;

/** Starts `pd -nogui` on `patch` and resolves once it printed its ready label. */
export async function startPd(options: PdOptions): Promise<PdPeer> {
  const readyLabel = options.readyLabel ?? 'READY';
  // Every flag, -send included, must come before the patch file or Pd treats it as a file name.
  const args = [
    ...['-nogui', '-noaudio', '-nomidi', '-stderr'],
    ...['-path', MRPEACH_DIR],
    ...['-sleepgrain', String(options.sleepGrainMs ?? 0.2)],
    ...(options.sends ?? []).flatMap((message) => ['-send', message]),
    options.patch,
  ];
  const pd = spawnPeer('pd', 'pd', args);
  const peer = createPdPeer(pd, options.quitPort);
  try {
    const first = await pd.waitForLine(
      (line) => FATAL_LINE.test(line.text) || parsePrint(line)?.label === readyLabel,
      options.startTimeoutMs ?? 10_000,
      `"${readyLabel}: ..." line`,
    );
    if (FATAL_LINE.test(first.text))
      throw new Error(`[pd] the patch did not load cleanly:\n${pd.describe()}`);
  } catch (error) {
    await peer.stop();
    throw error;
  }
  return peer;
}

/** Parses a Pd `[print]` line (`LABEL: body`, or `LABEL: bang`); null for other output. */
export function parsePrint(line: StampedLine): PdPrint | null {
  const m = /^([^\s:]+):(?: (.*))?$/.exec(line.text);
  if (!m?.[1]) return null;
  return { ...line, label: m[1], body: m[2] ?? '' };
}

function createPdPeer(pd: PeerProcess, quitPort: number | undefined): PdPeer {
  const prints = (label: string): PdPrint[] =>
    pd.lines.map(parsePrint).filter((p): p is PdPrint => p !== null && p.label === label);
  return {
    process: pd,
    prints,
    async waitForPrint(label, body, timeoutMs) {
      const line = await pd.waitForLine(
        (l) => {
          const p = parsePrint(l);
          return p !== null && p.label === label && body(p.body);
        },
        timeoutMs,
        `matching "${label}: ..." line`,
      );
      return parsePrint(line) as PdPrint;
    },
    waitForPrints: (label, count, timeoutMs) =>
      pd.waitFor(
        () => {
          const found = prints(label);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
        `${count} "${label}: ..." lines`,
      ),
    async stop() {
      if (!pd.isRunning()) return;
      if (quitPort !== undefined) {
        await sendBareOscMessage(quitPort, '/quit').catch(() => undefined);
        const quitInTime = await Promise.race([
          pd.exited.then(() => true),
          sleepMs(2000).then(() => false),
        ]);
        if (quitInTime) return;
        console.warn(`[pd] did not quit on OSC /quit within 2 s; killing it`);
      }
      await pd.stop({ signal: 'SIGKILL' });
    },
  };
}
