import { describe, expect, it } from 'vitest';
import { msToNtpUnits, ntpToUnixMs } from '../../../shared/osc/timetag';
import { NO_IMPAIRMENT } from '../../../shared/model';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { TICK_METRICS } from '../measure/tick-stream';
import { createMeasurements } from '../measure/measurements';
import { createMemoryNetwork } from '../network/memory-network.test-util';
import { createRelay } from '../network/relay/relay';
import { createTickReceiver } from '../receive/tick-receiver';
import { createScheduler } from '../time/scheduler';
import { createMetronome, type BeatEvent } from './metronome';

const TWO32 = 1n << 32n;
const BPM = 300;
const F_MS = 150;
const HOUR_MS = 3_600_000;
/** Beats 0..18000: beat 18000 falls exactly on the hour. */
const BEATS = 18_001;
const WINDOW = 1024; // the app's rolling window per metric
const CSV_ROWS = 512;

/**
 * The whole chain on one virtual clock and the real scheduler: metronome (forward mode) -> the
 * impairment relay (10 ms +- 3 ms normal jitter, seeded) -> tick receiver -> measurements, over
 * an in-memory loopback network (the relay owns its sockets; real ones cannot run in virtual time).
 */
async function runOneHour() {
  const clock = new FakeClock();
  let maxQueue = 0;
  let maxTimers = 0;
  const scheduler = createScheduler({
    clock,
    timers: clock,
    onDispatch: () => {
      maxQueue = Math.max(maxQueue, scheduler.size);
      maxTimers = Math.max(maxTimers, clock.pendingTimers);
    },
  });
  const net = createMemoryNetwork({ clock, timers: clock });
  const measurements = createMeasurements({ capacity: WINDOW, eventCapacity: CSV_ROWS });
  const beats: BeatEvent[] = [];
  const dispatchOrder: number[] = [];
  const wrongDispatches: string[] = [];

  const rx = createTickReceiver({
    clock,
    scheduler,
    port: 0,
    onTick: (t) => measurements.recordTick(t),
    onTickDue: (t, d) => {
      measurements.recordDue(t, d);
      dispatchOrder.push(t.beat ?? -1);
      const sent = beats[t.beat ?? -1];
      // Exactly at the timetag the metronome sent for this beat, in virtual time.
      if (
        sent === undefined ||
        t.timetag !== sent.timetag ||
        d.errorMs !== 0 ||
        d.dispatchedMs !== ntpToUnixMs(t.timetag!)
      )
        wrongDispatches.push(`beat ${t.beat}: error ${d.errorMs} ms`);
    },
  });
  const rxEndpoint = net.makeEndpoint({ clock, port: 0 });
  const rxAddress = await rxEndpoint.bind();
  rxEndpoint.onPacket((bytes, from, atMs) => rx.handlePacket(bytes, from, atMs));

  const relay = createRelay({
    clock,
    scheduler,
    listenPort: 0,
    to: { host: rxAddress.address, port: rxAddress.port },
    impairment: { ...NO_IMPAIRMENT, delayMs: 10, jitterMs: 3, jitterDistribution: 'normal' },
    seed: 11,
    isOneWay: true,
    makeEndpoint: net.makeEndpoint,
  });
  const front = await relay.start();
  const sender = net.makeEndpoint({ clock, port: 0 });
  await sender.bind();

  const metronome = createMetronome(
    {
      clock,
      scheduler,
      send: (bytes, host, port) => sender.send(bytes, host, port),
      onBeat: (b) => void beats.push(b),
    },
    {
      mode: 'forward',
      bpm: BPM,
      offsetMs: F_MS,
      accentEvery: 4,
      targets: [{ host: front.address, port: front.port, address: '/tick', format: 'extended' }],
    },
  );
  const start = clock.nowNtp() + 12_345n; // not on a millisecond boundary
  const startMs = ntpToUnixMs(start);
  metronome.start(start);
  // Ten virtual seconds at a time, letting promise callbacks (the sends' catch) run in between.
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  for (let atMs = startMs; atMs < startMs + HOUR_MS; atMs += 10_000) {
    clock.advanceTo(atMs);
    maxTimers = Math.max(maxTimers, clock.pendingTimers);
    await flush();
  }
  clock.advanceTo(startMs + HOUR_MS + F_MS + 1); // beat 18000 dispatched; 18001 not yet sent
  metronome.stop();
  await flush();
  return {
    start,
    beats,
    dispatchOrder,
    wrongDispatches,
    maxQueue,
    maxTimers,
    queueAfterStop: scheduler.size,
    metronome: metronome.counters(),
    relay: relay.counters(),
    rx: rx.counters(),
    net: net.counters(),
    measurements,
  };
}

describe('an hour of virtual time at 300 BPM through the relay (forward mode, F = 150 ms)', () => {
  it('sends, relays and dispatches 18,001 beats, each exactly at its timetag, in order, none lost or doubled, in bounded memory', async () => {
    const r = await runOneHour();

    // Sent: every beat, on the grid computed from the anchor (n x 0.2 s, rounded half up to 2^-32 s).
    expect(r.metronome).toEqual({ beats: BEATS, packets: BEATS, sendErrors: 0, skippedBeats: 0 });
    const F = msToNtpUnits(F_MS);
    const offGrid = r.beats.filter(
      (b, n) => b.n !== n || b.timetag !== r.start + (BigInt(n) * 2n * TWO32 + 5n) / 10n + F,
    );
    expect(offGrid).toEqual([]);
    const last = r.beats.at(-1)!;
    expect(last.n).toBe(18_000);
    expect(last.timetag).toBe(r.start + 3600n * TWO32 + F);

    // Relayed: the seeded jitter was really applied, and nothing was lost on the way.
    expect(r.relay).toMatchObject({ received: BEATS, delivered: BEATS, lost: 0, duplicated: 0 });
    expect(r.relay.meanDelayMs).toBeCloseTo(10, 0);
    expect(r.relay.sdDelayMs).toBeGreaterThan(2.5);
    expect(r.net.undeliverable).toBe(0);

    // Dispatched: all of them, each exactly at its timetag, in beat order.
    expect(r.wrongDispatches).toEqual([]);
    expect(r.dispatchOrder).toHaveLength(BEATS);
    expect(r.dispatchOrder.every((beat, i) => beat === i)).toBe(true);
    expect(r.rx).toMatchObject({
      packets: BEATS,
      malformed: 0,
      future: BEATS,
      late: 0,
      queueFull: 0,
      ticks: BEATS,
      ticksDue: BEATS,
    });

    // Measured: the network's jitter is at the arrivals, none of it at the output.
    const { streams, untrackedTicks } = r.measurements.summary();
    expect(untrackedTicks).toBe(0);
    expect(streams).toHaveLength(1);
    const s = streams[0]!;
    expect(s.counts).toMatchObject({
      ticks: BEATS,
      dispatched: BEATS,
      late: 0,
      lost: 0,
      reordered: 0,
      duplicates: 0,
      restarts: 0,
    });
    expect(s.metrics.dispatchErrorMs).toMatchObject({ min: 0, max: 0 });
    expect(s.metrics.arrivalIntervalErrorMs.sd).toBeGreaterThan(3);
    expect(Math.abs(s.metrics.outputIntervalErrorMs.min)).toBeLessThan(1e-6);
    expect(Math.abs(s.metrics.outputIntervalErrorMs.max)).toBeLessThan(1e-6);

    // Bounded: rings full at their capacity and no more, one beat in flight per stage.
    for (const metric of TICK_METRICS) {
      expect(r.measurements.values(metric, s.key)).toHaveLength(WINDOW);
    }
    expect(r.measurements.toCsv().split('\r\n').filter(Boolean)).toHaveLength(CSV_ROWS + 1);
    expect(r.maxQueue).toBeLessThanOrEqual(3);
    expect(r.maxTimers).toBeLessThanOrEqual(3);
    expect(r.queueAfterStop).toBe(0);
  });
});
