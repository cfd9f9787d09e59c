/**
 * The project's own CLI (`bin/syncroscope.js`) as peer processes: a separate process per role, so
 * each schedules on its own event loop as it would on another machine, read like any other peer.
 */
import { fileURLToPath } from 'node:url';
import { spawnPeer, type PeerProcess } from './peer-process';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/syncroscope.js', import.meta.url));

/** Starts `syncroscope ARGS...` under this Node, from the repository root. */
export function spawnSyncroscope(name: string, args: readonly string[]): PeerProcess {
  return spawnPeer(name, process.execPath, [BIN, ...args], { cwd: ROOT });
}

/** A running `syncroscope relay`. */
export interface RelayPeer {
  readonly process: PeerProcess;
  readonly listenPort: number;
  /** Stops it (SIGINT); resolves to the sd of the delay it added (its exit summary), or NaN. */
  stop(): Promise<number>;
}

/** Options for {@link startRelayPeer}. */
export interface RelayPeerOptions {
  listenPort: number;
  /** Forwards to 127.0.0.1:`toPort`. */
  toPort: number;
  delayMs: number;
  /** The sd of the added delay (normal jitter). */
  jitterMs: number;
  seed: number;
  /** Impair the replies too (default: they travel back unimpaired). */
  isTwoWay?: boolean;
}

/** Starts an impairment relay (one-way unless asked) and resolves once it is forwarding. */
export async function startRelayPeer(options: RelayPeerOptions): Promise<RelayPeer> {
  const relay = spawnSyncroscope('relay', [
    ...['relay', '--listen', String(options.listenPort)],
    ...['--to', `127.0.0.1:${options.toPort}`],
    ...['--delay', String(options.delayMs), '--jitter', String(options.jitterMs)],
    ...['--seed', String(options.seed)],
    ...(options.isTwoWay ? [] : ['--one-way']),
  ]);
  try {
    // The relay announces "LISTEN -> TO" on stderr once its socket is bound.
    await relay.waitForLine((l) => l.text.includes('->'), 30_000, 'relay start line');
  } catch (error) {
    await relay.stop({ signal: 'SIGKILL' });
    throw error;
  }
  return {
    process: relay,
    listenPort: options.listenPort,
    async stop() {
      await relay.stop({ signal: 'SIGINT', graceMs: 5000 });
      const summary = [...relay.lines].reverse().find((l) => l.text.includes('added delay'));
      const m = summary ? /added delay [\d.]+ \+- ([\d.]+) ms/.exec(summary.text) : null;
      return m ? Number(m[1]) : NaN;
    },
  };
}
