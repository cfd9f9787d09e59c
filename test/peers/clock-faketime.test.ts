/**
 * Clock sync between two real processes whose wall clocks really differ: `syncroscope listen` runs
 * under faketime with its wall clock 250 ms ahead and gaining 50 ppm (the monotonic clock left
 * true, as FAKETIME_DONT_FAKE_MONOTONIC asks), and `syncroscope clock` measures it from a normal
 * process. Neither can cheat: the offset only exists in the faked process's view of time, and
 * the measuring process sees nothing but the timestamps on the wire.
 *
 * The drift: the engine's clock is the wall clock (at the monotonic counter's resolution), so it
 * runs at the wall clock's rate, learnt from its readings and followed by slewing. faketime fakes
 * the wall clock's rate but not the monotonic clock's, so the faked listener's engine clock gains
 * the faked 50 ppm on ours, and that is what must be measured; the teaching skew
 * (`--clock-drift`) drifts the engine clock on top of it.
 */
import { afterEach, expect, it } from 'vitest';
import { faketimeSpec, spawnFakedSyncroscope, stopFaked } from './harness/faketime';
import { freeUdpPort } from './harness/free-port';
import { jsonLines } from './harness/json-lines';
import type { PeerProcess } from './harness/peer-process';
import { describeWithPeers, executable } from './harness/require-peer';
import { spawnSyncroscope } from './harness/syncroscope-cli';

const PINGS = 40;
/**
 * The listener's clock learns its wall clock's rate from its own readings (a few a second while
 * it only answers pings): given this long first, the 10 s of pings see it settled.
 */
const WARM_UP_MS = 5000;

const peers: PeerProcess[] = [];
const faked: PeerProcess[] = [];
afterEach(async () => {
  for (const p of faked.splice(0)) await stopFaked(p);
  for (const p of peers.splice(0)) await p.stop({ signal: 'SIGINT' });
});

/** `syncroscope listen` with its wall clock 250 ms ahead and gaining 50 ppm. */
async function fakedListener(port: number, extra: string[] = []): Promise<PeerProcess> {
  const listen = spawnFakedSyncroscope('faked listen', faketimeSpec(250, 50), [
    ...['listen', '--port', String(port), '--no-advertise'],
    ...extra,
  ]);
  faked.push(listen);
  await listen.waitForLine((l) => l.text.includes('listening on'), 30_000, 'listen start line');
  await new Promise((r) => setTimeout(r, WARM_UP_MS));
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
    it('measures the +250 ms offset within its error bound and the +50 ppm its wall clock gains', async () => {
      const port = await freeUdpPort();
      await fakedListener(port);
      const last = await measure(port);
      expect(last.state).toBe('converged');
      const bound = last.error_bound_ms as number;
      expect(bound).toBeGreaterThan(0);
      expect(bound).toBeLessThan(5);
      // The margin covers what the bound cannot know: the 50 ppm the faked clock has gained since
      // faketime started it (a millisecond in 20 s).
      expect(Math.abs((last.offset_ms as number) - 250)).toBeLessThanOrEqual(bound + 2);
      // Over ~10 s of pings the drift is noisy (a few ppm per 0.05 ms of jitter): generous bounds.
      expect(last.drift_ppm as number).toBeGreaterThan(25);
      expect(last.drift_ppm as number).toBeLessThan(75);
    }, 70_000);

    it('measures the teaching drift on top of the faked one: +250 ms and about +100 ppm', async () => {
      const port = await freeUdpPort();
      await fakedListener(port, ['--clock-drift', '50']);
      const last = await measure(port);
      const bound = last.error_bound_ms as number;
      expect(Math.abs((last.offset_ms as number) - 250)).toBeLessThanOrEqual(bound + 2);
      expect(last.drift_ppm as number).toBeGreaterThan(75);
      expect(last.drift_ppm as number).toBeLessThan(125);
    }, 70_000);
  },
);
