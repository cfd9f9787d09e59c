/**
 * Clock sync against one peer whose clock really differs: `syncroscope listen` under faketime
 * (250 ms ahead, gaining 50 ppm; the monotonic clock left true), reached through a two-way
 * `syncroscope relay` (10 ms sd jitter each way). This process pings it exactly as a receiver
 * pings a new source (electron/engine/clocksync) and samples the estimate every 100 ms. The truth
 * comes from the monotonic clock every process shares: the peer logs its engine clock against it
 * (`--log-clock`) and so does this process, so the true offset at each sample is exact.
 */
import { join } from 'node:path';
import { decodePacket } from '../shared/osc';
import { summarize } from '../shared/stats/summary';
import { createPeerClocks, type SendFrom } from '../electron/engine/clocksync';
import { createUdpEndpoint } from '../electron/engine/network/udp-endpoint';
import { createSystemClock } from '../electron/engine/time/clock';
import { createRealTimers } from '../electron/engine/time/timers';
import { monoNowMs, readClockLog } from '../test/peers/harness/clock-log';
import { faketimeSpec, spawnFakedSyncroscope, stopFaked } from '../test/peers/harness/faketime';
import { freeUdpPort } from '../test/peers/harness/free-port';
import { startRelayPeer } from '../test/peers/harness/syncroscope-cli';

/** The peer's faked clock, and the network (the relay's default delay: 0 ms + jitter). */
export const PEER_SKEW = { offsetMs: 250, driftPpm: 50 };
export const CLOCK_NETWORK = { delayMs: 0, jitterMs: 10 };
/** Figures count samples from this long after the first ping. */
const SETTLE_MS = 10_000;
/** The error an estimate must be within to count as converged, ms (the p95 target). */
const CONVERGED_ERROR_MS = 0.2;

interface Sample {
  /** Since the first ping, ms. */
  atMs: number;
  monoMs: number;
  localMs: number;
  offsetMs: number | null;
  boundMs: number | null;
  driftPpm: number | null;
  state: string;
}

/** The least-squares slope of ys over xs. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxy / sxx;
}

/** Runs the one-peer measurement for `durationMs` of pinging. */
export async function measureOnePeer(options: {
  durationMs: number;
  dir: string;
  log: (line: string) => void;
}): Promise<Record<string, number>> {
  const clock = createSystemClock();
  const logPath = join(options.dir, 'peer.clock');
  const peerPort = await freeUdpPort();
  const peer = spawnFakedSyncroscope(
    'faked peer',
    faketimeSpec(PEER_SKEW.offsetMs, PEER_SKEW.driftPpm),
    ['listen', '--port', String(peerPort), '--no-advertise', '--log-clock', logPath],
  );
  const endpoint = createUdpEndpoint({ clock, port: 0 });
  const peers = createPeerClocks({ clock, timers: createRealTimers(clock) });
  let relay: Awaited<ReturnType<typeof startRelayPeer>> | null = null;
  try {
    await peer.waitForLine((l) => l.text.includes('listening on'), 30_000, 'the faked listen');
    relay = await startRelayPeer({
      listenPort: await freeUdpPort(),
      toPort: peerPort,
      ...CLOCK_NETWORK,
      seed: 23,
      isTwoWay: true,
    });
    endpoint.onPacket((bytes, from, arrivalMs) => {
      try {
        const packet = decodePacket(bytes);
        if (packet.kind === 'message') peers.onPong(packet, from, arrivalMs);
      } catch {
        // not a pong
      }
    });
    await endpoint.bind();
    const to = { address: '127.0.0.1', port: relay.listenPort };
    const send: SendFrom = (bytes, t) =>
      void endpoint.send(bytes, t.address, t.port).catch(() => {});
    const samples: Sample[] = [];
    const startMono = monoNowMs();
    peers.heard(to, send);
    for (let i = 0; monoNowMs() - startMono < options.durationMs; i++) {
      await new Promise((r) => setTimeout(r, 100));
      if (i % 10 === 0) peers.heard(to, send); // as a sender's ticks would keep it heard
      const before = monoNowMs();
      const localMs = clock.nowMs();
      const after = monoNowMs();
      const view = peers.views()[0];
      samples.push({
        atMs: before - startMono,
        monoMs: (before + after) / 2,
        localMs,
        offsetMs: view?.offsetMs ?? null,
        boundMs: view?.errorBoundMs ?? null,
        driftPpm: view?.driftPpm ?? null,
        state: view?.state ?? 'none',
      });
    }
    const view = peers.views()[0];
    options.log(
      `[clocksync] one peer: ${view?.pongs ?? 0} of ${view?.pings ?? 0} pings answered, ${view?.state}, offset ${view?.offsetMs?.toFixed(3)} ms +- ${view?.errorBoundMs?.toFixed(3)}, drift ${view?.driftPpm?.toFixed(1)} ppm`,
    );
    await stopFaked(peer);
    const truth = readClockLog(logPath);
    const trueOffset = (s: Sample) => truth.clockAt(s.monoMs) - s.localMs;
    const known = samples.filter((s) => Number.isFinite(trueOffset(s)));
    const settled = known.filter((s) => s.atMs >= SETTLE_MS && s.offsetMs !== null);
    if (settled.length < 10)
      throw new Error(`[clocksync] only ${settled.length} samples after 10 s`);
    const errors = settled.map((s) => Math.abs(s.offsetMs! - trueOffset(s)));
    const converged = known.find(
      (s) =>
        s.state === 'converged' &&
        s.offsetMs !== null &&
        Math.abs(s.offsetMs - trueOffset(s)) < CONVERGED_ERROR_MS,
    );
    const trueDriftPpm =
      slope(
        settled.map((s) => s.localMs),
        settled.map(trueOffset),
      ) * 1e6;
    const last = settled[settled.length - 1]!;
    const peerRatePpm = (slope(truth.monoMs, truth.clockMs) - 1) * 1e6;
    return {
      'clocksync.p95_error_ms': summarize(errors).p95,
      'clocksync.max_error_ms': summarize(errors).max,
      'clocksync.bound_held':
        settled.filter((s, i) => errors[i]! <= s.boundMs!).length / settled.length,
      'clocksync.drift_error_ppm': Math.abs(last.driftPpm! - trueDriftPpm),
      'clocksync.drift_ppm': last.driftPpm!,
      'clocksync.true_drift_ppm': trueDriftPpm,
      'clocksync.peer_clock_rate_ppm': peerRatePpm,
      'clocksync.converge_s': converged ? converged.atMs / 1000 : NaN,
      'clocksync.nosync_error_ms': summarize(settled.map((s) => Math.abs(trueOffset(s)))).p95,
    };
  } finally {
    await stopFaked(peer);
    await relay?.stop();
    peers.dispose();
    await endpoint.close();
  }
}
