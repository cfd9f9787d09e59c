/**
 * Peers that print one JSON object per line (our seed stand-ins, the CLI with `--json`): their
 * stdout parsed object by object, keeping our arrival stamp beside each, and waits on them.
 */
import type { PeerProcess } from './peer-process';

/** One JSON object a peer printed on stdout, with the time its line reached us. */
export interface JsonLine {
  /** Unix-epoch ms when the line arrived here (pipe and event-loop latency included). */
  atMs: number;
  value: Record<string, unknown>;
}

/** Every stdout line of `peer` that is a JSON object, in order (other lines are left out). */
export function jsonLines(peer: PeerProcess): JsonLine[] {
  const out: JsonLine[] = [];
  for (const line of peer.lines) {
    if (line.stream !== 'stdout' || !line.text.startsWith('{')) continue;
    try {
      const value: unknown = JSON.parse(line.text);
      if (value && typeof value === 'object' && !Array.isArray(value))
        out.push({ atMs: line.atMs, value: value as Record<string, unknown> });
    } catch {
      // a partial or foreign line: not an object this helper reports
    }
  }
  return out;
}

/** Resolves once `count` JSON objects matching `predicate` were printed (seen or future). */
export function waitForJson(
  peer: PeerProcess,
  predicate: (value: Record<string, unknown>) => boolean,
  count: number,
  timeoutMs: number,
  what: string,
): Promise<JsonLine[]> {
  return peer.waitFor(
    () => {
      const found = jsonLines(peer).filter((l) => predicate(l.value));
      return found.length >= count ? found : undefined;
    },
    timeoutMs,
    count === 1 ? what : `${count} x ${what}`,
  );
}
