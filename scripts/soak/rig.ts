/**
 * The soak's chain on real loopback UDP, in one process on one scheduler as the app's engine runs
 * its metronome, target relays and receiver: metronome (forward mode, extended ticks, so beats
 * are numbered) -> impairment relay -> tick receiver -> the app's measurements.
 */
import { NO_IMPAIRMENT } from '../../shared/model';
import { ntpFromUnixMs, type NtpTime } from '../../shared/osc/timetag';
import { createMeasurements, type Measurements } from '../../electron/engine/measure';
import { createMetronome, type BeatEvent, type Metronome } from '../../electron/engine/metronome';
import { createRelay, type Relay } from '../../electron/engine/network/relay/relay';
import { createUdpEndpoint } from '../../electron/engine/network/udp-endpoint';
import {
  createTickReceiver,
  type TickDispatch,
  type TickEvent,
  type TickReceiver,
} from '../../electron/engine/receive/tick-receiver';
import { createSystemClock, type Clock } from '../../electron/engine/time/clock';
import { createScheduler, type Scheduler } from '../../electron/engine/time/scheduler';
import { createRealTimers } from '../../electron/engine/time/timers';
import type { SoakOptions } from './options';

/** The app's rolling window per metric (electron/engine/domains/measurements.ts). */
export const MEASUREMENT_WINDOW = 1024;
/** Raw rows kept: few, so the log is full within the warm-up and cannot look like growth. */
export const EVENT_ROWS = 64;
/** Socket or send errors kept in words (the rest are only counted). */
const MAX_ERROR_TEXTS = 10;

/** What the chain reports as it runs. */
export interface RigListeners {
  onBeat: (beat: BeatEvent) => void;
  onTickDue: (tick: TickEvent, dispatch: TickDispatch) => void;
}

/** The running chain. */
export interface SoakRig {
  clock: Clock;
  scheduler: Scheduler;
  metronome: Metronome;
  relay: Relay;
  receiver: TickReceiver;
  measurements: Measurements;
  /** Beat 0's time: now plus a moment for the sockets to settle. */
  start(): NtpTime;
  /** The most events the scheduler held at once (the one being dispatched included). */
  maxQueue(): number;
  errors(): { count: number; texts: string[] };
  dispose(): Promise<void>;
}

/** Binds the three sockets and wires the chain; nothing is sent until `start`. */
export async function createSoakRig(o: SoakOptions, on: RigListeners): Promise<SoakRig> {
  const clock = createSystemClock();
  let maxQueue = 0;
  const scheduler = createScheduler({
    clock,
    timers: createRealTimers(clock),
    onDispatch: () => (maxQueue = Math.max(maxQueue, scheduler.size + 1)),
  });
  const errors = { count: 0, texts: [] as string[] };
  const report = (e: unknown): void => {
    errors.count++;
    if (errors.texts.length < MAX_ERROR_TEXTS)
      errors.texts.push(e instanceof Error ? e.message : String(e));
  };
  const measurements = createMeasurements({
    capacity: MEASUREMENT_WINDOW,
    eventCapacity: EVENT_ROWS,
  });
  const receiver = createTickReceiver({
    clock,
    scheduler,
    port: 0,
    onTick: (t) => measurements.recordTick(t),
    onTickDue: (t, d) => {
      measurements.recordDue(t, d);
      on.onTickDue(t, d);
    },
    onError: report,
  });
  const rx = await receiver.start();
  const relay = createRelay({
    clock,
    scheduler,
    listenPort: 0,
    to: { host: rx.address, port: rx.port },
    impairment: { ...NO_IMPAIRMENT, delayMs: o.delayMs, jitterMs: o.jitterMs, loss: o.loss },
    seed: o.seed,
    isOneWay: true,
    onError: report,
  });
  const front = await relay.start();
  const sender = createUdpEndpoint({ clock, port: 0 });
  sender.onError(report);
  await sender.bind();
  const metronome = createMetronome(
    {
      clock,
      scheduler,
      send: (bytes, host, port) => sender.send(bytes, host, port),
      onBeat: on.onBeat,
      onError: report,
    },
    {
      mode: 'forward',
      bpm: o.bpm,
      offsetMs: o.offsetMs,
      accentEvery: 0,
      targets: [{ host: front.address, port: front.port, address: '/tick', format: 'extended' }],
    },
  );

  return {
    clock,
    scheduler,
    metronome,
    relay,
    receiver,
    measurements,
    start() {
      const anchor = ntpFromUnixMs(clock.nowMs() + 200);
      metronome.start(anchor);
      return anchor;
    },
    maxQueue: () => maxQueue,
    errors: () => ({ count: errors.count, texts: [...errors.texts] }),
    async dispose() {
      metronome.dispose();
      await relay.dispose();
      await receiver.dispose();
      await sender.close();
      scheduler.dispose();
    },
  };
}
