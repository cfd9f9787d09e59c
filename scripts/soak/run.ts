/**
 * One soak run: the chain (rig.ts) plays beats 0..N, N = minutes x bpm, so the last beat falls
 * exactly `minutes` after the anchor; memory is read (after a full GC) every few seconds and a
 * progress line printed every `progressSec`. Both happen 10 ms after a tick's dispatch, in the
 * quiet stretch before the next beat, so the soak's own work does not land on a beat.
 */
import { cpus, loadavg } from 'node:os';
import { ntpToUnixMs } from '../../shared/osc/timetag';
import { createHeapTracker, type MemoryReading } from './heap';
import type { SoakOptions } from './options';
import type { SoakProgress } from './report';
import { createSoakRig } from './rig';
import { createTally } from './tally';
import { judge, type SoakFigures, type SoakSummary } from './verdict';

/** Housekeeping this long after a dispatch: past its callbacks, well before the next beat. */
const AFTER_DISPATCH_MS = 10;

/** Runs the soak; resolves to the summary (stopping early, still summarized, on `signal`). */
export async function runSoak(
  o: SoakOptions,
  onProgress: (p: SoakProgress) => void,
  signal?: AbortSignal,
): Promise<SoakSummary> {
  const durationSec = o.minutes * 60;
  const lastBeat = Math.round(o.minutes * o.bpm);
  const warmupSec = Math.min(60, Math.max(0.5, durationSec / 10));
  const readEveryMs = 1000 * Math.min(5, o.progressSec, Math.max(0.2, durationSec / 40));
  // Long enough for the last beat to cross the relay and reach its timetag.
  const drainMs = o.offsetMs + o.delayMs + 6 * o.jitterMs + 1000;
  const heap = createHeapTracker(warmupSec);
  let tally: ReturnType<typeof createTally> | null = null;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let anchorMs = NaN;
  let lastReadMs = -Infinity;
  let nextProgressSec = o.progressSec;
  let isHousekeepingQueued = false;
  let drainTimer: ReturnType<typeof setTimeout> | undefined;
  let reading: MemoryReading = heap.read(0);

  const rig = await createSoakRig(o, {
    onBeat(b) {
      if (b.n < lastBeat) return;
      rig.metronome.stop();
      drainTimer = setTimeout(finish, drainMs);
    },
    onTickDue(t, d) {
      if (t.beat === undefined || tally === null) return;
      tally.record(t.beat, d.dispatchedMs, d.errorMs);
      if (t.beat >= lastBeat) finish();
      else if (rig.clock.nowMs() - lastReadMs >= readEveryMs && !isHousekeepingQueued) {
        isHousekeepingQueued = true;
        setTimeout(housekeep, AFTER_DISPATCH_MS);
      }
    },
  });
  const elapsedSec = (): number => Math.max(0, (rig.clock.nowMs() - anchorMs) / 1000);
  const counts = () => rig.measurements.summary().streams[0]?.counts;

  function housekeep(): void {
    isHousekeepingQueued = false;
    lastReadMs = rig.clock.nowMs();
    reading = heap.read(elapsedSec());
    if (reading.atSec < nextProgressSec) return;
    while (nextProgressSec <= reading.atSec) nextProgressSec += o.progressSec;
    const f = tally!.figures();
    const c = counts();
    onProgress({
      elapsedSec: reading.atSec,
      beats: rig.metronome.counters().beats,
      lost: c?.lost ?? 0,
      late: c?.late ?? 0,
      p50Ms: f.dispatchErrorMs.p50,
      p99Ms: f.dispatchErrorMs.p99,
      driftMs: f.lastDriftMs,
      rssMb: reading.rssMb,
      heapMb: reading.heapMb,
      dataMb: reading.dataMb,
    });
  }

  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const loadStart = loadavg()[0]!;
  const anchor = rig.start();
  anchorMs = ntpToUnixMs(anchor);
  tally = createTally({ anchorMs, bpm: o.bpm, offsetMs: o.offsetMs, expectedBeats: lastBeat + 1 });
  // No ticks arriving (all lost): keep reading memory and printing all the same.
  const watchdog = setInterval(() => {
    if (rig.clock.nowMs() - lastReadMs > 2 * readEveryMs) housekeep();
  }, readEveryMs);
  const deadline = setTimeout(finish, durationSec * 1000 + drainMs + 5000);
  const onAbort = (): void => {
    rig.metronome.stop();
    drainTimer ??= setTimeout(finish, drainMs);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  await finished;
  signal?.removeEventListener('abort', onAbort);
  for (const t of [drainTimer, deadline]) clearTimeout(t);
  clearInterval(watchdog);
  rig.metronome.stop();
  reading = heap.read(elapsedSec());

  const c = counts();
  const f = tally.figures();
  const sent = rig.metronome.counters().beats;
  const received = c ? c.received - c.duplicates : 0;
  const relay = rig.relay.counters();
  const cpu = process.cpuUsage(cpu0);
  const figures: SoakFigures = {
    settings: {
      minutes: o.minutes,
      bpm: o.bpm,
      offsetMs: o.offsetMs,
      delayMs: o.delayMs,
      jitterMs: o.jitterMs,
      loss: o.loss,
      seed: o.seed,
    },
    elapsedSec: reading.atSec,
    beats: {
      sent,
      received,
      dispatched: f.dispatched,
      lost: Math.max(0, sent - received),
      late: c?.late ?? 0,
      early: f.early,
      duplicates: c?.duplicates ?? 0,
      reordered: c?.reordered ?? 0,
      skipped: rig.metronome.counters().skippedBeats,
    },
    dispatchErrorMs: f.dispatchErrorMs,
    driftMs: { last: f.lastDriftMs, judged: f.judgedDriftMs },
    relay: {
      delivered: relay.delivered,
      lost: relay.lost,
      meanDelayMs: relay.meanDelayMs,
      sdDelayMs: relay.sdDelayMs,
    },
    memory: { ...heap.figures(), schedulerQueueMax: rig.maxQueue() },
    load: {
      cores: cpus().length,
      loadStart,
      loadEnd: loadavg()[0]!,
      cpuPct: ((cpu.user + cpu.system) / 1000 / (performance.now() - wall0)) * 100,
    },
    errors: rig.errors(),
  };
  await rig.dispose();
  const bounds = { maxDriftMs: o.maxDriftMs, maxHeapGrowthMb: o.maxHeapGrowthMb };
  const failures = judge(figures, bounds);
  return { ...figures, isPassed: failures.length === 0, failures, bounds };
}
