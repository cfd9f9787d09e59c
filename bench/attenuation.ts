/**
 * Attenuation: what forward synchronization does to network jitter. One metronome per mode
 * (immediate, forward with F = 100 ms) sends ticks at 120 BPM through its own impairment relay
 * (a separate `syncroscope relay` process: 30 ms +- 10 ms sd) to its own tick receiver. The figure
 * is the sd of the receiver's output interval error: when consecutive ticks were acted on, minus
 * the interval the sender meant. Both modes run side by side, in the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createSystemClock } from '../electron/engine/time/clock';
import { createMeasurements, type Measurements } from '../electron/engine/measure';
import { createMetronome } from '../electron/engine/metronome';
import type { MetronomeMode } from '../shared/model';
import { createScheduler } from '../electron/engine/time/scheduler';
import { createTickReceiver } from '../electron/engine/receive/tick-receiver';
import { createRealTimers } from '../electron/engine/time/timers';
import { waitFor } from '../electron/engine/testing/wait-for';
import { createUdpEndpoint } from '../electron/engine/network/udp-endpoint';
import { robustSd, summarize } from '../shared/stats/summary';

const BIN = fileURLToPath(new URL('../bin/syncroscope.js', import.meta.url));
const BPM = 120;
const OFFSET_MS = 100;
const DELAY_MS = 30;
const JITTER_MS = 10;

interface RelayProcess {
  child: ChildProcess;
  port: number;
  /** Resolves to the relay's final "added delay" sd once it exits. */
  stop(): Promise<number>;
}

async function startRelay(listenPort: number, toPort: number, seed: number): Promise<RelayProcess> {
  const args = [BIN, 'relay', '--listen', String(listenPort), '--to', `127.0.0.1:${toPort}`];
  args.push(
    '--delay',
    String(DELAY_MS),
    '--jitter',
    String(JITTER_MS),
    '--seed',
    String(seed),
    '--one-way',
  );
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitFor(() => stderr.includes('->'), {
    timeoutMs: 20_000,
    what: 'the relay to start',
    details: () => stderr,
  });
  return {
    child,
    port: listenPort,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
      const m = /added delay [\d.]+ \+- ([\d.]+) ms\s*$/.exec(stderr.trim());
      return m ? Number(m[1]) : NaN;
    },
  };
}

/** Options for {@link runAttenuationBench}. */
export interface AttenuationOptions {
  /** Ticks per mode (default 60: 30 s at 120 BPM). */
  ticks?: number;
}

/** Runs both modes side by side and returns the attenuation figures. */
export async function runAttenuationBench(
  options: AttenuationOptions = {},
): Promise<Record<string, number>> {
  const ticks = options.ticks ?? 60;
  const clock = createSystemClock();
  const scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
  const sender = createUdpEndpoint({ clock, port: 0 });
  await sender.bind();
  const modes: MetronomeMode[] = ['immediate', 'forward'];
  const lanes = await Promise.all(
    modes.map(async (mode, i) => {
      const measurements: Measurements = createMeasurements({ capacity: ticks + 10 });
      let due = 0;
      const receiver = createTickReceiver({
        clock,
        scheduler,
        port: 0,
        onTick: (t) => measurements.recordTick(t),
        onTickDue: (t, d) => {
          measurements.recordDue(t, d);
          due++;
        },
      });
      const rxPort = (await receiver.start()).port;
      const probe = createUdpEndpoint({ clock, port: 0 });
      const relayPort = (await probe.bind()).port;
      await probe.close();
      const relay = await startRelay(relayPort, rxPort, 11 + i);
      const metronome = createMetronome(
        { clock, scheduler, send: (b, h, p) => sender.send(b, h, p) },
        {
          mode,
          bpm: BPM,
          offsetMs: OFFSET_MS,
          accentEvery: 0,
          targets: [{ host: '127.0.0.1', port: relay.port, address: '/tick', format: 'extended' }],
        },
      );
      return { mode, measurements, receiver, relay, metronome, due: () => due };
    }),
  );
  const start = clock.nowNtp();
  for (const lane of lanes) lane.metronome.start(start);
  const intervalMs = 60_000 / BPM;
  const deadline = Date.now() + ticks * intervalMs + OFFSET_MS + 2000;
  while (lanes.some((l) => l.metronome.counters().beats < ticks) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const lane of lanes) lane.metronome.stop();
  await new Promise((r) => setTimeout(r, OFFSET_MS + DELAY_MS + 6 * JITTER_MS));

  const figures: Record<string, number> = {};
  const inputSds: number[] = [];
  for (const lane of lanes) {
    inputSds.push(await lane.relay.stop());
    await lane.receiver.dispose();
    const streams = lane.measurements.summary().streams;
    const values = streams.flatMap((s) => [
      ...lane.measurements.values('outputIntervalErrorMs', s.key),
    ]);
    const late = streams.reduce((n, s) => n + s.counts.late, 0);
    const lost = streams.reduce((n, s) => n + s.counts.lost, 0);
    const s = summarize(values);
    figures[`attenuation.${lane.mode}_sd_ms`] = s.sd;
    figures[`attenuation.${lane.mode}_robust_sd_ms`] = robustSd(values);
    figures[`attenuation.${lane.mode}_p99_abs_ms`] = summarize(values.map(Math.abs)).p99;
    const dispatchUs = streams.flatMap((st) =>
      [...lane.measurements.values('dispatchErrorMs', st.key)].map((v) => v * 1000),
    );
    figures[`attenuation.${lane.mode}_dispatch_p99_us`] = summarize(dispatchUs).p99;
    figures[`attenuation.${lane.mode}_late`] = late;
    figures[`attenuation.${lane.mode}_lost`] = lost;
    figures[`attenuation.${lane.mode}_ticks`] = lane.due();
  }
  await sender.close();
  scheduler.dispose();
  figures['attenuation.input_sd_ms'] = summarize(inputSds).mean;
  figures['attenuation.ratio'] =
    figures['attenuation.immediate_sd_ms']! / figures['attenuation.forward_sd_ms']!;
  return figures;
}
