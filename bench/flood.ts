/**
 * The flood group: the app's own engine (its worker thread, as the app runs it) listening on
 * real UDP, senders in their own processes. Two scenarios, each with a tick sender (extended
 * ticks, timetagged 50 ms ahead, 100 a second, counted by beat number):
 * - steady: 5,000 valid datagrams/s of up to 1,500 bytes (messages and bundles, some timed).
 *   Targets: 0 kernel drops, ticks dispatched within 0.5 ms p99, none lost.
 * - fair (the flood): one sender as fast as it can (small messages, and small bundles for later)
 *   and one sending maximal bundles (4,093 messages in 65,504 bytes) 200 times a second.
 *   Targets: the tick sender's ticks within 1 ms p99, none lost; memory bounded.
 * `engine:get` is asked every 100 ms throughout (how long a command waits behind the flood).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { ContractEvent, EngineSnapshot, ReceiveCountersView } from '../shared/ipc';
import { summarize } from '../shared/stats/summary';
import { createEngineThread, type EngineThread } from '../electron/engine/thread/engine-thread';
import { isRealtimeWanted } from '../electron/engine/thread/realtime';
import {
  grew,
  perThousandOver,
  refusedGrowth,
  tickFigures,
  type DueSample,
  type SeenTick,
  type TickFigures,
} from './flood-figures';
import type { SenderConfig } from './flood-sender';

/** Options for {@link runFloodBench}. */
export interface FloodBenchOptions {
  /** Seconds each scenario sends for (default 15; --quick 3). */
  seconds?: number;
  /** Runs one scenario only (diagnosis); the other's figures are NaN. */
  only?: 'steady' | 'fair';
  log?: (line: string) => void;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SENDER = fileURLToPath(new URL('./flood-sender.ts', import.meta.url));
/** After the senders stop: the last ticks come due and the kernel count is read again (1 s). */
const SETTLE_MS = 1500;

interface Sender {
  child: ChildProcess;
  port: number;
  done: Promise<{ sent: number; bytes: number }>;
}

/** Starts one sender process and resolves once it is bound. */
function startSender(config: Omit<SenderConfig, 'port'>, port: number): Promise<Sender> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', SENDER, JSON.stringify({ ...config, port })],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! });
  let onDone: (v: { sent: number; bytes: number }) => void = () => undefined;
  const done = new Promise<{ sent: number; bytes: number }>((resolve) => (onDone = resolve));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`[flood] ${config.role} sender exited (${code})`)),
    );
    lines.on('line', (line) => {
      const m = JSON.parse(line) as {
        ready?: boolean;
        done?: boolean;
        port?: number;
        sent?: number;
        bytes?: number;
      };
      if (m.ready) resolve({ child, port: m.port!, done });
      if (m.done) onDone({ sent: m.sent!, bytes: m.bytes! });
    });
  });
}

async function snapshot(engine: EngineThread): Promise<EngineSnapshot> {
  const r = await engine.invoke('engine:get', {});
  if (!r.ok) throw new Error(`[flood] engine:get failed: ${r.error.message}`);
  return r.value;
}

/** A probe's worker source: `loop` pushes how late each wait woke (µs) to lateUs until stopped. */
const probe = (loop: string): string => `
const { workerData, parentPort } = require('node:worker_threads');
const stop = new Int32Array(workerData.stop);
const cell = new Int32Array(new SharedArrayBuffer(4));
const lateUs = [];
${loop}
parentPort.postMessage(lateUs);
`;

/**
 * How late the OS wakes a thread of this process that sleeps 0.5 ms, sampled all through a
 * scenario on a thread of its own: the machine's share of a dispatch's lateness. The engine's
 * scheduler sleeps so between reads of its socket; when the OS wakes a sleeper milliseconds
 * late (other threads and processes want the cores), no design on that thread dispatches
 * within 0.5 ms.
 */
const WAKE_PROBE = probe(`
while (Atomics.load(stop, 0) === 0) {
  const t0 = performance.now();
  Atomics.wait(cell, 0, 0, 0.5);
  lateUs.push((performance.now() - t0 - 0.5) * 1000);
}
`);

/**
 * The floor: a thread of this process that does nothing but wait precisely for a target every
 * 10 ms (the tick sender's schedule) as the engine's scheduler waits for its last stretch: a
 * futex sleep until 0.25 ms before, then a spin on the clock (timers.ts, waitUntil). How late it
 * still is, under the same load, is the best any dispatcher on a thread of its own could do on
 * this machine then; the engine's ticks are judged beside it.
 */
const FLOOR_PROBE = probe(`
let target = performance.now() + 10;
while (Atomics.load(stop, 0) === 0) {
  for (;;) {
    const remaining = target - performance.now();
    if (remaining <= 0) break;
    if (remaining > 0.25) Atomics.wait(cell, 0, 0, remaining - 0.25);
  }
  lateUs.push((performance.now() - target) * 1000);
  target += 10;
}
`);

/**
 * The machine's CPU time by kind (/proc/stat's first line, Linux; null elsewhere). `steal` is
 * time the hypervisor ran something else while this virtual machine had work: no thread of ours,
 * however urgent, runs then.
 */
function cpuTimes(): { busy: number; idle: number; steal: number } | null {
  try {
    const cells = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = cells.map(Number);
    if (steal === undefined || [user, nice, system, idle].some((v) => !Number.isFinite(v)))
      return null;
    return {
      busy: user! + nice! + system! + irq! + softirq!,
      idle: idle! + iowait!,
      steal,
    };
  } catch {
    return null;
  }
}

/** The share of the machine's CPU time (every core) spent on each kind between two readings, %. */
function cpuShares(
  before: ReturnType<typeof cpuTimes>,
  after: ReturnType<typeof cpuTimes>,
): { busyPct: number; stealPct: number } {
  if (before === null || after === null) return { busyPct: NaN, stealPct: NaN };
  const busy = after.busy - before.busy;
  const steal = after.steal - before.steal;
  const total = busy + steal + (after.idle - before.idle);
  return total > 0
    ? { busyPct: (100 * busy) / total, stealPct: (100 * steal) / total }
    : { busyPct: NaN, stealPct: NaN };
}

/** Starts a probe (its source); `stop()` resolves to how late each wait woke, µs. */
function startProbe(source: string): { stop(): Promise<number[]> } {
  const flag = new SharedArrayBuffer(4);
  const worker = new Worker(source, { eval: true, workerData: { stop: flag } });
  const done = new Promise<number[]>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return {
    stop() {
      Atomics.store(new Int32Array(flag), 0, 1);
      return done.finally(() => worker.terminate());
    },
  };
}

/** What one scenario measured. */
interface ScenarioResult {
  ticks: TickFigures;
  before: ReceiveCountersView;
  after: ReceiveCountersView;
  seconds: number;
  sentDatagrams: number;
  getLatencyMs: number[];
  peakRssMb: number;
  /** How late 0.5 ms sleeps woke on a thread of this process, µs. */
  wakeLateUs: number[];
  /** How late a thread doing nothing but precise waits every 10 ms was, µs (the floor). */
  floorLateUs: number[];
  /** The machine's CPU while the senders sent: busy, and taken by the hypervisor, %. */
  cpu: { busyPct: number; stealPct: number };
}

async function runScenario(
  engine: EngineThread,
  port: number,
  senders: Array<Omit<SenderConfig, 'port' | 'durationMs'>>,
  seconds: number,
): Promise<ScenarioResult> {
  const seen: SeenTick[] = [];
  const samples: DueSample[] = [];
  const off = engine.onEvent((e: ContractEvent) => {
    if (e.channel === 'stream:ticks') for (const t of e.payload.items) seen.push(t);
    else if (e.channel === 'stream:samples') for (const s of e.payload.items) samples.push(s);
  });
  const tickSender = await startSender(
    { role: 'ticks', durationMs: seconds * 1000, everyMs: 10, leadMs: 50 },
    port,
  );
  const others = await Promise.all(
    senders.map((c) => startSender({ ...c, durationMs: seconds * 1000 }, port)),
  );
  const all = [tickSender, ...others];
  const before = (await snapshot(engine)).counters;
  let peakRss = process.memoryUsage.rss();
  const getLatencyMs: number[] = [];
  const probe = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    const t0 = performance.now();
    void snapshot(engine).then(() => getLatencyMs.push(performance.now() - t0));
  }, 100);
  const wakes = startProbe(WAKE_PROBE);
  const floor = startProbe(FLOOR_PROBE);
  const cpuBefore = cpuTimes();
  const t0 = performance.now();
  for (const s of all) s.child.stdin!.write('go\n');
  const results = await Promise.all(all.map((s) => s.done));
  const cpu = cpuShares(cpuBefore, cpuTimes());
  const wakeLateUs = await wakes.stop();
  const floorLateUs = await floor.stop();
  const elapsedS = (performance.now() - t0) / 1000;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  clearInterval(probe);
  const after = (await snapshot(engine)).counters;
  off();
  for (const s of all) s.child.kill();
  return {
    ticks: tickFigures(`127.0.0.1:${tickSender.port}`, results[0]!.sent, seen, samples),
    before,
    after,
    seconds: elapsedS,
    sentDatagrams: results.reduce((sum, r) => sum + r.sent, 0),
    getLatencyMs,
    peakRssMb: peakRss / 1e6,
    wakeLateUs,
    floorLateUs,
    cpu,
  };
}

/** Runs both scenarios on one engine thread; returns the figures. */
export async function runFloodBench(
  options: FloodBenchOptions = {},
): Promise<Record<string, number>> {
  const seconds = options.seconds ?? 15;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // Real-time priority where the OS grants it, as the hosts ask for it with
  // SYNCROSCOPE_REALTIME=on; the bench asks unless told SYNCROSCOPE_REALTIME=off (the comparison).
  const realtime = process.env.SYNCROSCOPE_REALTIME === undefined || isRealtimeWanted();
  const engine = await createEngineThread({ log: () => undefined, realtime });
  try {
    const started = await engine.invoke('receiver:start', { host: '127.0.0.1', port: 0 });
    const receiver = started.ok ? started.value.receiver : null;
    if (receiver?.status !== 'listening')
      throw new Error(`[flood] the receiver did not start: ${JSON.stringify(started)}`);
    const { port, receiveBufferBytes } = receiver;
    const priority = started.ok ? started.value.priority : undefined;
    log(
      `[flood] engine listening on ${port}, receive buffer ${receiveBufferBytes} bytes, ${priority?.kind ?? 'normal'} priority`,
    );
    const run = (
      name: 'steady' | 'fair',
      what: string,
      senders: Array<Omit<SenderConfig, 'port' | 'durationMs'>>,
    ): Promise<ScenarioResult | null> => {
      if (options.only !== undefined && options.only !== name) return Promise.resolve(null);
      log(`[flood] ${name}: ${what}, ${seconds} s`);
      return runScenario(engine, port, senders, seconds);
    };
    const steady = await run('steady', '5,000 datagrams/s of up to 1,500 bytes + ticks', [
      { role: 'mixed', rate: 5000, seed: 7 },
    ]);
    const fair = await run(
      'fair',
      'a sender as fast as it can + maximal bundles at 200/s + ticks',
      [{ role: 'flood' }, { role: 'maximal', rate: 200 }],
    );
    /** A counter's growth over a scenario; NaN when not run or not reported. */
    const growth = (r: ScenarioResult | null, key: keyof ReceiveCountersView): number =>
      r === null ? NaN : (grew(r.before, r.after, key) ?? NaN);
    const refused = (r: ScenarioResult | null): number =>
      r === null ? NaN : refusedGrowth(r.before, r.after);
    const gets = summarize([...(steady?.getLatencyMs ?? []), ...(fair?.getLatencyMs ?? [])]);
    return {
      'flood.rx_msgs_per_s': growth(fair, 'messages') / (fair?.seconds ?? NaN),
      'flood.rx_datagrams_per_s': growth(fair, 'packets') / (fair?.seconds ?? NaN),
      'flood.sent_datagrams_per_s': (fair?.sentDatagrams ?? NaN) / (fair?.seconds ?? NaN),
      'flood.peak_rss_mb': Math.max(steady?.peakRssMb ?? 0, fair?.peakRssMb ?? 0),
      'flood.dropped': refused(fair),
      'flood.kernel_dropped': growth(fair, 'kernelDropped'),
      'flood.tick_dispatch_p99_us': fair?.ticks.dispatchP99Us ?? NaN,
      'flood.fair_tick_lost': fair ? fair.ticks.lost + fair.ticks.undispatched : NaN,
      'flood.fair_tick_early': fair?.ticks.early ?? NaN,
      'flood.fair_tick_dispatch_p50_us': fair?.ticks.dispatchP50Us ?? NaN,
      'flood.fair_tick_dispatch_max_us': fair?.ticks.dispatchMaxUs ?? NaN,
      'flood.steady_kernel_dropped': growth(steady, 'kernelDropped'),
      'flood.steady_dispatch_p99_us': steady?.ticks.dispatchP99Us ?? NaN,
      'flood.steady_tick_lost': steady ? steady.ticks.lost + steady.ticks.undispatched : NaN,
      'flood.steady_dropped': refused(steady),
      'flood.engine_get_p99_ms': gets.p99,
      // 1 when the engine thread ran at real-time priority (the OS allowed it), else 0.
      'flood.engine_realtime': priority?.kind === 'realtime' ? 1 : 0,
      // The machine's part: how late a 0.5 ms sleep woke during each scenario (p99, µs).
      'flood.steady_wake_late_p99_us': steady ? summarize(steady.wakeLateUs).p99 : NaN,
      'flood.fair_wake_late_p99_us': fair ? summarize(fair.wakeLateUs).p99 : NaN,
      // ...and how many of them woke more than 0.5 ms late, per thousand.
      'flood.steady_wake_late_per_1000': steady ? perThousandOver(steady.wakeLateUs, 500) : NaN,
      'flood.fair_wake_late_per_1000': fair ? perThousandOver(fair.wakeLateUs, 500) : NaN,
      // The floor: a thread waiting precisely every 10 ms and doing nothing else, p99 late, µs...
      'flood.steady_floor_p99_us': steady ? summarize(steady.floorLateUs).p99 : NaN,
      'flood.fair_floor_p99_us': fair ? summarize(fair.floorLateUs).p99 : NaN,
      // ...and how many of its waits ended later than each scenario's tick target, per thousand.
      'flood.steady_floor_late_per_1000': steady ? perThousandOver(steady.floorLateUs, 500) : NaN,
      'flood.fair_floor_late_per_1000': fair ? perThousandOver(fair.floorLateUs, 1000) : NaN,
      // The machine's CPU during each scenario (every core): busy, and taken by the hypervisor.
      'flood.steady_cpu_busy_pct': steady?.cpu.busyPct ?? NaN,
      'flood.steady_cpu_steal_pct': steady?.cpu.stealPct ?? NaN,
      'flood.fair_cpu_busy_pct': fair?.cpu.busyPct ?? NaN,
      'flood.fair_cpu_steal_pct': fair?.cpu.stealPct ?? NaN,
      // Ticks dispatched more than 0.5 ms (steady) or 1 ms (fair) late, per thousand.
      'flood.steady_tick_late_per_1000': steady ? steady.ticks.lateOver(0.5) : NaN,
      'flood.fair_tick_late_per_1000': fair ? fair.ticks.lateOver(1) : NaN,
    };
  } finally {
    await engine.dispose();
  }
}
