import { summarize } from '../shared/stats/summary';
import { ntpFromUnixMs } from '../shared/osc/timetag';
import { createSystemClock, type Clock } from '../electron/engine/time/clock';
import { createScheduler } from '../electron/engine/time/scheduler';
import { createRealTimers } from '../electron/engine/time/timers';

/** Options for the dispatch benchmark. */
export interface DispatchBenchOptions {
  /** Events per contender (default 2000, at 100 events/s: 20 s each). */
  n?: number;
  ratePerS?: number;
}

interface RunResult {
  errorsUs: number[];
  cpuPct: number;
}

/** Targets 10 ms apart with a sub-ms fraction, so nothing lines up with timer ticks. */
function targets(clock: Clock, n: number, ratePerS: number): number[] {
  const start = clock.nowMs() + 200;
  return Array.from({ length: n }, (_, i) => start + (i * 1000) / ratePerS + ((i * 0.6180339) % 1));
}

async function measure(run: (done: () => void) => void): Promise<number> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise<void>((resolve) => run(resolve));
  const cpu = process.cpuUsage(cpu0);
  return ((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100;
}

async function runOurs(clock: Clock, n: number, ratePerS: number): Promise<RunResult> {
  const scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
  const errorsUs: number[] = [];
  const cpuPct = await measure((done) => {
    for (const t of targets(clock, n, ratePerS)) {
      scheduler.schedule(ntpFromUnixMs(t), (info) => {
        errorsUs.push(info.errorMs * 1000);
        if (errorsUs.length === n) done();
      });
    }
  });
  scheduler.dispose();
  return { errorsUs, cpuPct };
}

/** The naive scheduler most code uses: one setTimeout per event at (target - now). */
async function runBaseline(clock: Clock, n: number, ratePerS: number): Promise<RunResult> {
  const errorsUs: number[] = [];
  const cpuPct = await measure((done) => {
    for (const t of targets(clock, n, ratePerS)) {
      setTimeout(() => {
        errorsUs.push((clock.nowMs() - t) * 1000);
        if (errorsUs.length === n) done();
      }, t - clock.nowMs());
    }
  });
  return { errorsUs, cpuPct };
}

/** Dispatch error of our scheduler vs a plain setTimeout scheduler, same clock, same run. */
export async function runDispatchBench(
  options: DispatchBenchOptions = {},
): Promise<Record<string, number>> {
  const n = options.n ?? 2000;
  const rate = options.ratePerS ?? 100;
  const clock = createSystemClock();
  const ours = await runOurs(clock, n, rate);
  const base = await runBaseline(clock, n, rate);
  const o = summarize(ours.errorsUs);
  const b = summarize(base.errorsUs);
  return {
    'dispatch.n': o.n,
    'dispatch.p50_us': o.p50,
    'dispatch.p99_us': o.p99,
    'dispatch.max_us': o.max,
    'dispatch.min_us': o.min,
    'dispatch.sd_us': o.sd,
    'dispatch.cpu_pct': ours.cpuPct,
    'dispatch.baseline_p50_us': b.p50,
    'dispatch.baseline_p99_us': b.p99,
    'dispatch.baseline_max_us': b.max,
    'dispatch.baseline_min_us': b.min,
    'dispatch.baseline_cpu_pct': base.cpuPct,
    'dispatch.p99_ratio': b.p99 / Math.max(o.p99, 1e-3),
  };
}
