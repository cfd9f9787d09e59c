/**
 * liblo's `oscdump` as a byte-level oracle: it prints one line per message it could parse and an
 * error line ("Invalid message received", "Invalid bundle") for every datagram it rejects.
 * liblo releases future bundles up to ~10 ms early on purpose: never use its timing as an oracle.
 */
import type { NtpTime } from '../../../shared/osc/timetag';
import { ntpFromHex } from '../../../shared/osc/timetag';
import { CANARY_ADDRESS, sendCanaryUntilSeen } from './control-message';
import { spawnPeer, type PeerProcess, type StampedLine } from './peer-process';
import { executable, type PeerRequirement } from './require-peer';

/** What an oscdump peer test needs installed. */
export const OSCDUMP_REQUIREMENTS: readonly PeerRequirement[] = [
  executable('oscdump', 'liblo-tools'),
];

/** One message as oscdump printed it: `SSSSSSSS.FFFFFFFF /address types args...`. */
export interface OscdumpLine extends StampedLine {
  /** The enclosing bundle's timetag, or liblo's receive time for a plain message. */
  timetag: NtpTime;
  address: string;
  /** The type tags without the leading comma. */
  typeTags: string;
  /** The arguments as liblo renders them (see `formatOscdumpArgs`). */
  argsText: string;
}

/** A running `oscdump -L port`. */
export interface OscdumpPeer {
  readonly port: number;
  readonly process: PeerProcess;
  /** Every message printed so far, readiness canaries left out. */
  messages(): OscdumpLine[];
  /** Everything liblo complained about (its stderr), e.g. `... Invalid bundle`. */
  errors(): StampedLine[];
  /** Resolves once `count` messages (after the canaries) were printed. */
  waitForMessages(count: number, timeoutMs: number): Promise<OscdumpLine[]>;
  stop(): Promise<void>;
}

const LINE = /^([0-9a-f]{8}\.[0-9a-f]{8}) (\S+) (\S*)(?: (.*))?$/;

/** Parses one oscdump stdout line; null when it is not a message line. */
export function parseOscdumpLine(line: StampedLine): OscdumpLine | null {
  const m = LINE.exec(line.text);
  if (!m?.[1] || !m[2]) return null;
  return {
    ...line,
    timetag: ntpFromHex(m[1]),
    address: m[2],
    typeTags: m[3] ?? '',
    argsText: m[4] ?? '',
  };
}

/** Starts `oscdump -L port` and resolves once a canary sent to it was printed (it is really bound). */
export async function startOscdump(port: number): Promise<OscdumpPeer> {
  const oscdump = spawnPeer('oscdump', 'oscdump', ['-L', String(port)]);
  const parsed = (): OscdumpLine[] =>
    oscdump.lines
      .filter((l) => l.stream === 'stdout')
      .map(parseOscdumpLine)
      .filter((l): l is OscdumpLine => l !== null);
  const messages = (): OscdumpLine[] => parsed().filter((l) => l.address !== CANARY_ADDRESS);
  const stop = async (): Promise<void> => {
    await oscdump.stop({ signal: 'SIGTERM', graceMs: 2000 });
  };
  try {
    await sendCanaryUntilSeen(
      port,
      () => {
        if (!oscdump.isRunning())
          throw new Error(`[oscdump] exited while starting\n${oscdump.describe()}`);
        return parsed().some((l) => l.address === CANARY_ADDRESS);
      },
      { timeoutMs: 10_000, what: 'oscdump' },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    port,
    process: oscdump,
    messages,
    errors: () => oscdump.lines.filter((l) => l.stream === 'stderr' && l.text.trim() !== ''),
    waitForMessages(count, timeoutMs) {
      return oscdump.waitFor(
        () => (messages().length >= count ? messages() : undefined),
        timeoutMs,
        `${count} message lines`,
      );
    },
    stop,
  };
}
