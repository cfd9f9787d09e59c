/**
 * python3-zeroconf (Debian's, for /usr/bin/python3) as an independent mDNS peer: publish an
 * `_osc._udp` service, or browse for them and read what it saw as JSON lines.
 */
import { fileURLToPath } from 'node:url';
import { jsonLines } from '../harness/json-lines';
import { spawnPeer, type PeerProcess } from '../harness/peer-process';
import { debianPythonModule, type PeerRequirement } from '../harness/require-peer';

const SCRIPT = fileURLToPath(new URL('./zeroconf_peer.py', import.meta.url));

/** What the zeroconf tests need. */
export const ZEROCONF_REQUIREMENTS: readonly PeerRequirement[] = [
  debianPythonModule('zeroconf', 'python3-zeroconf'),
];

/** Publishes `name` on 127.0.0.1:`port` with `txt`; resolves once it has been announced. */
export async function publishWithZeroconf(
  name: string,
  port: number,
  txt: Record<string, string>,
): Promise<PeerProcess> {
  const args = ['publish', '--name', name, '--port', String(port)];
  for (const [k, v] of Object.entries(txt)) args.push('--txt', `${k}=${v}`);
  const peer = spawnPeer('zeroconf-publish', '/usr/bin/python3', [SCRIPT, ...args]);
  await peer.waitForLine((l) => l.text === 'PUBLISHED', 10_000, 'PUBLISHED');
  return peer;
}

/** Starts browsing `_osc._udp`; resolves once the browser runs. */
export async function browseWithZeroconf(): Promise<PeerProcess> {
  const peer = spawnPeer('zeroconf-browse', '/usr/bin/python3', [SCRIPT, 'browse']);
  await peer.waitForLine((l) => l.text === 'BROWSING', 10_000, 'BROWSING');
  return peer;
}

/** One service event the zeroconf browser printed. */
export interface ZeroconfEvent {
  event: 'Added' | 'Updated' | 'Removed';
  /** The full name, e.g. "Syncroscope on vm (8000)._osc._udp.local.". */
  name: string;
  server?: string;
  port?: number;
  addresses?: string[];
  txt?: Record<string, string | null>;
}

/** Resolves with the first event for instance `instance` matching `event`. */
export function waitForZeroconfEvent(
  browser: PeerProcess,
  instance: string,
  event: ZeroconfEvent['event'],
  timeoutMs: number,
): Promise<ZeroconfEvent> {
  const full = `${instance}._osc._udp.local.`;
  return browser.waitFor(
    () =>
      jsonLines(browser)
        .map((l) => l.value as unknown as ZeroconfEvent)
        .find((e) => e.name === full && e.event === event),
    timeoutMs,
    `zeroconf ${event} event for "${instance}"`,
  );
}
