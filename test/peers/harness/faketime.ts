/**
 * The project's CLI under faketime: a process whose wall clock (`Date.now()`,
 * `performance.timeOrigin`) is offset and runs at another rate, while CLOCK_MONOTONIC stays true
 * (FAKETIME_DONT_FAKE_MONOTONIC=1; without it hrtime would be faked too). faketime runs the
 * program as its child and forwards no signal, so stopping asks the child itself.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnPeer, type PeerProcess } from './peer-process';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../../bin/syncroscope.js', import.meta.url));

/** A faketime spec: `+0.25 x1.00005` is 250 ms ahead, gaining 50 ppm from the process start. */
export function faketimeSpec(offsetMs: number, driftPpm: number): string {
  const offset = `${offsetMs >= 0 ? '+' : '-'}${Math.abs(offsetMs) / 1000}`;
  return `${offset} x${(1 + driftPpm * 1e-6).toFixed(6)}`;
}

/** Null when faketime is installed, else what to do about it (no vitest: benches use it too). */
export function missingFaketime(): string | null {
  const probe = spawnSync('faketime', ['-f', '+0', 'true'], { stdio: 'ignore', timeout: 10_000 });
  return probe.status !== 0
    ? 'faketime (apt-get install faketime) to run processes whose wall clocks differ'
    : null;
}

/** Starts `syncroscope ARGS...` under `faketime -f SPEC`. */
export function spawnFakedSyncroscope(
  name: string,
  spec: string,
  args: readonly string[],
): PeerProcess {
  return spawnPeer(name, 'faketime', ['-f', spec, process.execPath, BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1' },
  });
}

/** Asks the faked program (faketime's child, by its pid from /proc) to stop; kills it if it will not. */
export async function stopFaked(
  wrapper: PeerProcess,
  signal: NodeJS.Signals = 'SIGINT',
): Promise<void> {
  const pid = wrapper.child.pid;
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    // already gone
  }
  const send = (name: NodeJS.Signals) => {
    for (const child of children) {
      try {
        process.kill(child, name);
      } catch {
        // already gone
      }
    }
  };
  if (!wrapper.isRunning()) return;
  send(signal);
  const timer = setTimeout(() => send('SIGKILL'), 5000);
  await wrapper.exited;
  clearTimeout(timer);
}
