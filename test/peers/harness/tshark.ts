/**
 * tshark as a passive wire oracle: it captures our datagrams on the loopback interface and decodes
 * them with Wireshark's own OSC dissector, independent of our codec.
 */
import { CANARY_ADDRESS, sendCanaryUntilSeen } from './control-message';
import { spawnPeer, type PeerProcess } from './peer-process';
import { executable, type PeerRequirement } from './require-peer';

/** What a tshark peer test needs installed (and capture rights on `lo`: root or the wireshark group). */
export const TSHARK_REQUIREMENTS: readonly PeerRequirement[] = [executable('tshark', 'tshark')];

const BASE_FIELDS = [
  'frame.time_epoch',
  'osc.bundle.timetag',
  'osc.message.header.path',
  'osc.message.header.format',
  '_ws.malformed',
] as const;
// Joins repeated occurrences of a field; absolute times contain ", " so a comma cannot be used.
const AGGREGATOR = '\x1f';

/** One captured datagram as tshark decoded it. */
export interface TsharkFrame {
  /** Capture time (kernel timestamp), Unix-epoch ms. */
  captureUnixMs: number;
  /** Every bundle timetag in tree order (outer first), as tshark printed it. */
  bundleTimetags: string[];
  /** Every message address in tree order. */
  paths: string[];
  /** Every message's type tag string, with its comma. */
  typeTags: string[];
  /** Whether Wireshark flagged the packet as malformed. */
  isMalformed: boolean;
  /** Every requested field's occurrences, by field name (including the extra fields). */
  fields: Record<string, string[]>;
}

/** A running capture. */
export interface TsharkCapture {
  readonly process: PeerProcess;
  /** The frames decoded so far, readiness canaries left out. */
  frames(): TsharkFrame[];
  /** Resolves once `count` frames were decoded (tshark hands frames over in ~0.5 s batches). */
  waitForFrames(count: number, timeoutMs: number): Promise<TsharkFrame[]>;
  /** Ends the capture (SIGINT, so tshark removes its temporary file). */
  stop(): Promise<void>;
}

/** Options for {@link startTsharkCapture}. */
export interface TsharkOptions {
  /** The UDP port to capture (both directions). */
  port: number;
  /** More `-e` fields to read, e.g. `osc.message.rgba`. */
  extraFields?: readonly string[];
  startTimeoutMs?: number;
}

/** Starts capturing on `lo`, resolving once a canary datagram was seen decoded (capture is live). */
export async function startTsharkCapture(options: TsharkOptions): Promise<TsharkCapture> {
  const fieldNames = [...BASE_FIELDS, ...(options.extraFields ?? [])];
  const args = [
    ...['-i', 'lo', '-f', `udp port ${options.port}`],
    ...['--enable-heuristic', 'osc_udp'], // OSC has no well-known port: let the heuristic claim it
    ...['-n', '-l', '-T', 'fields', '-E', 'separator=/t'],
    ...['-E', 'occurrence=a', '-E', `aggregator=${AGGREGATOR}`],
    ...fieldNames.flatMap((f) => ['-e', f]),
  ];
  const tshark = spawnPeer('tshark', 'tshark', args, { env: { ...process.env, TZ: 'UTC' } });
  const parsed = (): TsharkFrame[] =>
    tshark.lines
      .filter((l) => l.stream === 'stdout' && l.text !== '')
      .map((l) => parseFrame(l.text, fieldNames));
  const frames = (): TsharkFrame[] => parsed().filter((f) => !f.paths.includes(CANARY_ADDRESS));
  const stop = async (): Promise<void> => {
    await tshark.stop({ signal: 'SIGINT', graceMs: 5000 });
  };
  const timeoutMs = options.startTimeoutMs ?? 20_000;
  try {
    // "Capturing on" comes before the capture is really live: packets sent right after it are lost.
    await tshark.waitForLine(
      (l) => l.text.startsWith('Capturing on'),
      timeoutMs,
      '"Capturing on" line',
    );
    await sendCanaryUntilSeen(
      options.port,
      () => {
        if (!tshark.isRunning())
          throw new Error(`[tshark] exited while starting\n${tshark.describe()}`);
        return parsed().some((f) => f.paths.includes(CANARY_ADDRESS));
      },
      { timeoutMs, intervalMs: 100, what: 'tshark capture' },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    process: tshark,
    frames,
    waitForFrames: (count, waitMs) =>
      tshark.waitFor(
        () => (frames().length >= count ? frames() : undefined),
        waitMs,
        `${count} decoded frames`,
      ),
    stop,
  };
}

function parseFrame(text: string, fieldNames: readonly string[]): TsharkFrame {
  const columns = text.split('\t');
  const fields: Record<string, string[]> = {};
  fieldNames.forEach((name, i) => {
    const value = columns[i] ?? '';
    fields[name] = value === '' ? [] : value.split(AGGREGATOR);
  });
  const get = (name: string): string[] => fields[name] ?? [];
  return {
    captureUnixMs: Number(get('frame.time_epoch')[0]) * 1000,
    bundleTimetags: get('osc.bundle.timetag'),
    paths: get('osc.message.header.path'),
    typeTags: get('osc.message.header.format'),
    isMalformed: get('_ws.malformed').length > 0,
    fields,
  };
}
