/**
 * Clock sync between two real processes whose wall clocks really differ: `syncroscope listen` runs
 * under faketime with its wall clock 250 ms ahead and gaining 50 ppm (the monotonic clock left
 * true, as FAKETIME_DONT_FAKE_MONOTONIC asks), and `syncroscope clock` measures it from a normal
 * process. Neither can cheat: the offset only exists in the faked process's view of time, and
 * the measuring process sees nothing but the timestamps on the wire.
 *
 * What is honest to assert about the drift: the engine's clock is the monotonic clock anchored to
 * the wall clock, which it follows only when the two part by more than 20 ms (a step). faketime
 * fakes the wall clock's rate but not the monotonic clock's, so for the first ~400 s the faked
 * listener's engine clock keeps the 250 ms offset at no drift: that is what must be measured.
 * The teaching skew (`--clock-drift`) drifts the engine clock itself, and that drift must show.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { freeUdpPort } from './harness/free-port';
import { jsonLines } from './harness/json-lines';
import { spawnPeer, type PeerProcess } from './harness/peer-process';
import { describeWithPeers, executable } from './harness/require-peer';
import { spawnSyncroscope } from './harness/syncroscope-cli';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/syncroscope.js', import.meta.url));
const PINGS = 40;

const peers: PeerProcess[] = [];
const faked: PeerProcess[] = [];
afterEach(async () => {
  for (const p of faked.splice(0)) await stopFaked(p);
  for (const p of peers.splice(0)) await p.stop({ signal: 'SIGINT' });
});

/**
 * faketime runs the program as its child and forwards no signal; it exits when the child does.
 * So the child (by its pid, read from /proc) is asked to stop, then killed if it will not.
 */
async function stopFaked(wrapper: PeerProcess): Promise<void> {
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
  const signal = (name: NodeJS.Signals) => {
    for (const child of children) {
      try {
        process.kill(child, name);
      } catch {
        // already gone
      }
    }
  };
  signal('SIGINT');
  const timer = setTimeout(() => signal('SIGKILL'), 5000);
  await wrapper.exited;
  clearTimeout(timer);
}

/** `syncroscope listen` with its wall clock 250 ms ahead and gaining 50 ppm. */
async function fakedListener(port: number, extra: string[] = []): Promise<PeerProcess> {
  const listen = spawnPeer(
    'faked listen',
    'faketime',
    [
      '-f',
      '+0.25 x1.00005',
      process.execPath,
      BIN,
      'listen',
      '--port',
      String(port),
      '--no-advertise',
      ...extra,
    ],
    { cwd: ROOT, env: { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1' } },
  );
  faked.push(listen);
  await listen.waitForLine((l) => l.text.includes('listening on'), 30_000, 'listen start line');
  return listen;
}

/** Runs `syncroscope clock` against the port to the end; its last JSON estimate. */
async function measure(port: number): Promise<Record<string, number | string>> {
  const clock = spawnSyncroscope('clock', [
    'clock',
    `127.0.0.1:${port}`,
    '--json',
    '--count',
    String(PINGS),
  ]);
  peers.push(clock);
  const exit = await clock.exited;
  expect(exit.code, clock.describe()).toBe(0);
  const lines = jsonLines(clock);
  expect(lines.length, clock.describe()).toBeGreaterThanOrEqual(PINGS * 0.9);
  const last = lines.at(-1)!.value as Record<string, number | string>;
  console.info(
    `[clock-faketime] offset ${last.offset_ms} ms +- ${last.error_bound_ms}, rtt ${last.rtt_ms} ms, drift ${last.drift_ppm} ppm, ${last.state} (${last.samples} samples)`,
  );
  return last;
}

describeWithPeers(
  'clock sync against a process with a faked wall clock (faketime)',
  [executable('faketime', 'faketime')],
  () => {
    it('measures the +250 ms offset within its error bound, converged', async () => {
      const port = await freeUdpPort();
      await fakedListener(port);
      const last = await measure(port);
      expect(last.state).toBe('converged');
      const bound = last.error_bound_ms as number;
      expect(bound).toBeGreaterThan(0);
      expect(bound).toBeLessThan(5);
      // The margin covers what the bound cannot know: the 50 ppm the wall clock gained before
      // the engine anchored to it at start-up (under a millisecond).
      expect(Math.abs((last.offset_ms as number) - 250)).toBeLessThanOrEqual(bound + 2);
      // Its engine clock does not drift against ours (see the file comment): within the noise.
      expect(Math.abs(last.drift_ppm as number)).toBeLessThan(40);
    }, 60_000);

    it('measures a drift the faked process really has: +250 ms and about +50 ppm', async () => {
      const port = await freeUdpPort();
      await fakedListener(port, ['--clock-drift', '50']);
      const last = await measure(port);
      const bound = last.error_bound_ms as number;
      expect(Math.abs((last.offset_ms as number) - 250)).toBeLessThanOrEqual(bound + 2);
      // Over ~10 s of pings the drift is noisy (a few ppm per 0.05 ms of jitter): generous bounds.
      expect(last.drift_ppm as number).toBeGreaterThan(15);
      expect(last.drift_ppm as number).toBeLessThan(85);
    }, 60_000);
  },
);
