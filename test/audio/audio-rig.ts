/**
 * The real-audio rig: a private PulseAudio null sink, two web hosts each with its tick receiver
 * behind its own impairment relay, and one headless Chromium with a page per host, the first
 * panned hard left and the second hard right, both playing into the one stereo sink. A run
 * records the sink's monitor with parec while CLI metronomes send ticks, then finds the onsets of
 * each channel:
 *
 * - contrast: a forward-synced metronome -> relay A -> left page, and an immediate one -> relay B
 *   -> right page, side by side in the same recording;
 * - pair: ONE forward-synced metronome -> relay A -> left page and -> relay B -> right page (the
 *   same timetags, independent jitter): how closely the two instances play each beat.
 */
import type { Browser, Page } from 'playwright-core';
import { createWebHostProcess, type WebHostProcess } from '../../e2e/web-host-process';
import { freeTcpPort, freeUdpPort } from '../../e2e/udp';
import { deinterleaveS16le, detectOnsets } from '../../shared/audio/onsets';
import type { AudioStats } from '../../renderer/src/audio/audio-stats';
import { launchAudioChromium } from './chromium';
import { runMetronome, startRelay, type MetronomeRun, type RelayProcess } from './cli-processes';
import { invokeOnHost } from './host-control';
import { startPulseServer, type PulseServer } from './pulse-server';
import { startRecorder } from './recorder';
import { startReplyDrop, type ReplyDrop } from './reply-drop';
import { faketimeSpec } from '../peers/harness/faketime';

/**
 * The network and metronome of every run (docs/benchmarks.md: 10 ms sd jitter). Forward ticks
 * are sent `lookaheadMs` before their beat (their timetag is still beat + F): a CPU stall of a
 * few tens of ms on a shared CI machine must not make them late.
 */
export const RIG_NETWORK = {
  bpm: 120,
  offsetMs: 100,
  delayMs: 30,
  jitterMs: 10,
  lookaheadMs: 200,
} as const;

/**
 * Large audio buffers: on a loaded 2-core machine the default ones (21 ms with 'playback') drop
 * out several times a minute, each dropout shifting the context clock (PEERS.md measured the
 * same: 0 glitches with 4096 frames). Latency grows to ~340 ms, which the uncompensated mode
 * absorbs; timing precision does not depend on it.
 */
export const STEADY_AUDIO_ARGS = ['--audio-buffer-size=4096'];

/** One channel of a run: where its clicks were heard, and what its page counted meanwhile. */
export interface ChannelResult {
  /** Onset times from the start of the recording, ms. */
  onsetsMs: number[];
  /** The page's counters over the run (after minus before); `recent` as of the end. */
  stats: AudioStats;
}

/** A run's outcome. */
export interface RunResult {
  left: ChannelResult;
  right: ChannelResult;
  ticks: number;
  nominalIntervalMs: number;
}

/** A host's wall clock under faketime: offset at its start, and the rate it gains at. */
export interface HostClock {
  offsetMs: number;
  driftPpm: number;
}

/** Options of {@link createAudioRig}. */
export interface AudioRigOptions {
  log?: (line: string) => void;
  /** Extra Chromium flags (default {@link STEADY_AUDIO_ARGS}). */
  chromiumArgs?: string[];
  /** Run the two hosts under faketime with these clocks (left, right): two machines' clocks. */
  hostClocks?: readonly [HostClock, HostClock];
  /** The relays' network (default RIG_NETWORK's, replies unimpaired). */
  network?: { delayMs: number; jitterMs: number; isTwoWay: boolean };
}

/** Options of {@link AudioRig.runCrossPair}. */
export interface CrossPairRun {
  /** Counted beats, after `warmUpTicks` that let the receivers measure the metronome's clock. */
  ticks: number;
  warmUpTicks: number;
  bpm: number;
  /**
   * False: the ticks reach the hosts through forwarders that drop every reply, so the clock
   * pings go unanswered and each host reads the timetags in its own clock.
   */
  isClockSynced: boolean;
}

/** The rig, ready to run. */
export interface AudioRig {
  runContrast(ticks: number): Promise<RunResult>;
  runPair(ticks: number): Promise<RunResult>;
  /**
   * ONE forward metronome (unfaked) -> relay -> each host (with its own clock, see
   * `hostClocks`): the result's `ticks` is warm-up plus counted beats, all recorded.
   */
  runCrossPair(run: CrossPairRun): Promise<RunResult>;
  /** The relays' measured added-delay sd (stops them). */
  dispose(): Promise<{ relayJitterSdMs: number[] }>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pageStats(page: Page): Promise<AudioStats | undefined> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { __syncroscopeAudioStats?: AudioStats }).__syncroscopeAudioStats,
  );
}

async function waitForAudio(page: Page, name: string): Promise<void> {
  let last: AudioStats | undefined;
  for (const end = Date.now() + 45_000; Date.now() < end; await sleep(200)) {
    last = await pageStats(page);
    if (last?.status === 'running' && last.mapping?.isSettled) return;
  }
  throw new Error(
    last
      ? `[audio] the ${name} page's audio did not settle: status ${last.status} ${last.error ?? ''}, clock ${JSON.stringify(last.mapping)}`
      : `[audio] the ${name} page never exposed window.__syncroscopeAudioStats: is AudioControls mounted?`,
  );
}

/**
 * After "settled" (recent pairs within 0.5 ms) the audio server's latency estimate keeps
 * converging for a few seconds (measured: 0.6 -> 0.05 ms sd); the figures are about steady state.
 */
const WARM_UP_MS = 5000;

const COUNTERS = ['received', 'scheduled', 'played', 'late', 'dropped'] as const;

function delta(after: AudioStats, before: AudioStats): AudioStats {
  const out = { ...after };
  for (const k of COUNTERS) out[k] = after[k] - before[k];
  return out;
}

/** Starts everything; call dispose() whatever happens. */
export async function createAudioRig(options: AudioRigOptions = {}): Promise<AudioRig> {
  const log = options.log ?? (() => undefined);
  const cleanups: (() => Promise<unknown>)[] = [];
  const relays: RelayProcess[] = [];
  const dispose = async () => {
    const relayJitterSdMs = await Promise.all(relays.map((r) => r.stop()));
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    return { relayJitterSdMs };
  };
  try {
    const pulse: PulseServer = await startPulseServer();
    cleanups.push(() => pulse.stop());
    log(`[audio] pulseaudio at ${pulse.server}, sink ${pulse.sink}`);

    const hosts: WebHostProcess[] = [];
    for (let i = 0; i < 2; i++) {
      const skew = options.hostClocks?.[i];
      hosts.push(
        createWebHostProcess(
          await freeTcpPort(),
          skew === undefined
            ? {}
            : {
                wrapper: ['faketime', '-f', faketimeSpec(skew.offsetMs, skew.driftPpm)],
                env: { FAKETIME_DONT_FAKE_MONOTONIC: '1' },
              },
        ),
      );
    }
    cleanups.push(() => Promise.all(hosts.map((h) => h.stop())));
    await Promise.all(hosts.map((h) => h.start()));
    const receivePorts: number[] = [];
    for (const host of hosts) {
      const port = await freeUdpPort();
      await invokeOnHost(host.port, 'receiver:start', { port });
      receivePorts.push(port);
    }
    const network = options.network ?? { ...RIG_NETWORK, isTwoWay: false };
    const relaysTo = (seed: number) =>
      Promise.all(
        receivePorts.map(async (toPort, i) =>
          startRelay({ listenPort: await freeUdpPort(), toPort, ...network, seed: seed + i }),
        ),
      );
    const started = await relaysTo(101);
    relays.push(...started);
    log(
      `[audio] hosts ${hosts.map((h) => h.url).join(' ')}; relays ${relays.map((r) => r.listenPort)}`,
    );

    const browser: Browser = await launchAudioChromium(
      pulse.clientEnv,
      options.chromiumArgs ?? STEADY_AUDIO_ARGS,
    );
    cleanups.push(() => browser.close());
    const pages: Page[] = [];
    for (const [i, pan] of (['left', 'right'] as const).entries()) {
      // A context each: two separate instances of the app, as on two machines.
      const page = await (await browser.newContext()).newPage();
      page.on('pageerror', (e) => log(`[audio] ${pan} page error: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && log(`[audio] ${pan} console: ${m.text()}`));
      await page.goto(`${hosts[i]!.url}?audio=autostart&pan=${pan}`);
      pages.push(page);
    }
    await Promise.all(pages.map((p, i) => waitForAudio(p, i ? 'right' : 'left')));
    log(`[audio] both pages running, clocks settled`);
    await sleep(WARM_UP_MS);

    const run = async (
      metronomes: MetronomeRun[],
      ticks: number,
      bpm: number = RIG_NETWORK.bpm,
    ): Promise<RunResult> => {
      const before = await Promise.all(pages.map(pageStats));
      const recorder = await startRecorder({
        device: pulse.monitor,
        env: pulse.clientEnv,
        channels: 2,
      });
      await sleep(200);
      await Promise.all(metronomes.map(runMetronome));
      // The last tick sounds after: look-ahead + F (or the immediate playout delay) + relay delay
      // (+6 sd) + output latency. Twice the latency covers the playout delay, with room to spare.
      const latencyMs = Math.max(...before.map((s) => s?.latencyMs ?? 0));
      const { offsetMs, lookaheadMs, delayMs, jitterMs } = RIG_NETWORK;
      await sleep(lookaheadMs + offsetMs + delayMs + 6 * jitterMs + 2 * latencyMs + 300);
      const bytes = await recorder.stop();
      const after = await Promise.all(pages.map(pageStats));
      const channels = deinterleaveS16le(bytes, 2);
      const [left, right] = channels.map((samples, i): ChannelResult => ({
        onsetsMs: detectOnsets(samples, { sampleRate: recorder.sampleRate }).map(
          (s) => (s / recorder.sampleRate) * 1000,
        ),
        stats: delta(after[i]!, before[i]!),
      }));
      log(
        `[audio] recorded ${(bytes.length / 4 / recorder.sampleRate).toFixed(1)} s; onsets L ${left!.onsetsMs.length}, R ${right!.onsetsMs.length}`,
      );
      return { left: left!, right: right!, ticks, nominalIntervalMs: 60_000 / bpm };
    };
    const base = { bpm: RIG_NETWORK.bpm, offsetMs: RIG_NETWORK.offsetMs };
    const forward = { ...base, mode: 'forward' as const, lookaheadMs: RIG_NETWORK.lookaheadMs };
    const [relayA, relayB] = relays as [RelayProcess, RelayProcess];
    /** Relays of their own behind reply-dropping forwarders: sources the hosts never synced to. */
    let unsynced: ReplyDrop[] | null = null;
    const unsyncedPorts = async (): Promise<number[]> => {
      if (unsynced === null) {
        const own = await relaysTo(201);
        relays.push(...own);
        unsynced = await Promise.all(own.map((r) => startReplyDrop(r.listenPort)));
        const drops = unsynced;
        cleanups.push(() => Promise.all(drops.map((d) => d.close())));
      }
      return unsynced.map((d) => d.listenPort);
    };

    return {
      runContrast: (ticks) =>
        run(
          [
            { ...forward, count: ticks, targetPorts: [relayA.listenPort] },
            { ...base, mode: 'immediate', count: ticks, targetPorts: [relayB.listenPort] },
          ],
          ticks,
        ),
      runPair: (ticks) =>
        run(
          [{ ...forward, count: ticks, targetPorts: [relayA.listenPort, relayB.listenPort] }],
          ticks,
        ),
      runCrossPair: async (cross) => {
        const count = cross.warmUpTicks + cross.ticks;
        const targetPorts = cross.isClockSynced
          ? [relayA.listenPort, relayB.listenPort]
          : await unsyncedPorts();
        return run([{ ...forward, bpm: cross.bpm, count, targetPorts }], count, cross.bpm);
      },
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}
