/**
 * Fault: no route to the target's network (ENETUNREACH). This machine routes every address
 * somewhere (a default route for IPv4 and IPv6, even for the TEST-NET ranges), so the CLI runs
 * as a real process in a network namespace of its own (`unshare -rn`), where no interface is up
 * and nothing is routable: what a laptop sees with Wi-Fi off. `send` exits 1 in words; the
 * metronome says it once and keeps its beats.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeWithPeers, type PeerRequirement } from '../peers/harness/require-peer';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/syncroscope.js', import.meta.url));
const NO_ROUTE =
  /10\.9\.8\.7:9000 cannot be reached from this computer \(no route to that network\)/;

const ownNetwork: PeerRequirement = {
  what: 'a private network namespace (unshare -rn)',
  aptPackage: 'util-linux',
  isPresent: () => spawnSync('unshare', ['-rn', 'true'], { stdio: 'ignore' }).status === 0,
};

/** Runs `syncroscope ARGS` with no network at all; returns its exit code and stderr lines. */
function offline(args: string[]) {
  const run = spawnSync('unshare', ['-rn', process.execPath, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, err: run.stderr.split('\n').filter(Boolean), out: run.stdout };
}

describeWithPeers('fault: the network is unreachable', [ownNetwork], () => {
  it('syncroscope send exits 1 and says there is no route', () => {
    const r = offline(['send', '10.9.8.7:9000', '/x']);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(NO_ROUTE)]);
  });

  it('syncroscope metronome says it once and keeps its beats', () => {
    const r = offline([
      ...['metronome', '--bpm', '300', '--count', '4', '--mode', 'immediate'],
      ...['--target', '10.9.8.7:9000/tick'],
    ]);
    expect(r.code).toBe(0);
    expect(r.err.filter((l) => NO_ROUTE.test(l))).toHaveLength(1);
    expect(r.out.trim().split('\n')).toHaveLength(4);
  });
});
