/**
 * What clients show, through impairment relays (separate `syncroscope relay` processes, 20 ms
 * delay, 10 ms sd jitter): one plain master to one client, one forward master (F = 100 ms) to two
 * clients, each behind its own relay. Masters and clients are the engine's pieces in this process
 * on one precise scheduler; a client hears through the engine's receive path and shows each frame
 * it receives from that frame's instant on, as the app's display does: a plain frame when it
 * arrives, a forward-synchronized one when the receive path dispatches it at its timetag.
 * Display error = that instant - (the master's instant of frame k + F).
 */
import { createTimecodeClient, type TimecodeClient } from '../electron/engine/timecode/client';
import { createTimecodeMaster, type TimecodeMaster } from '../electron/engine/timecode/master';
import { createReceivePath } from '../electron/engine/receive/receive-path';
import type { Clock } from '../electron/engine/time/clock';
import type { Scheduler } from '../electron/engine/time/scheduler';
import { createUdpEndpoint, type UdpEndpoint } from '../electron/engine/network/udp-endpoint';
import { msToNtpUnits, ntpToUnixMs } from '../shared/osc/index';
import {
  createTimebase,
  parseFrame,
  parseTimecodeMessage,
  type FrameRate,
  type TimecodeSendMode,
} from '../shared/timecode';
import { freeUdpPorts } from '../test/peers/harness/free-port';
import { startRelayPeer, type RelayPeer } from '../test/peers/harness/syncroscope-cli';

/** The impairment between master and clients. */
export const DISPLAY_DELAY_MS = 20;
export const DISPLAY_JITTER_MS = 10;
/** The forward offset of the forward lane: covers 20 ms + 8 sd of jitter. */
export const DISPLAY_FORWARD_MS = 100;

/** One client's record: frame -> when it showed it (Unix ms). */
export interface ShownFrames {
  shownMs: Map<number, number>;
  framesReceived: number;
}

/** One master's record: frame -> its exact instant (Unix ms). */
export interface LaneResult {
  mode: TimecodeSendMode;
  forwardMs: number;
  instantMs: Map<number, number>;
  clients: ShownFrames[];
  /** The sd of the delay each relay added (its own report). */
  relaySdMs: number[];
}

interface Client {
  client: TimecodeClient;
  endpoint: UdpEndpoint;
  shown: ShownFrames;
  dispose(): Promise<void>;
}

async function openClient(clock: Clock, scheduler: Scheduler, rate: FrameRate): Promise<Client> {
  const endpoint = createUdpEndpoint({ clock, port: 0 });
  await endpoint.bind();
  const shown: ShownFrames = { shownMs: new Map(), framesReceived: 0 };
  const timebase = createTimebase(rate);
  const show = (message: Parameters<typeof parseTimecodeMessage>[0], atMs: number): void => {
    const text = parseTimecodeMessage(message)?.text;
    if (text === undefined) return;
    const frame = parseFrame(timebase, text);
    if (!shown.shownMs.has(frame)) shown.shownMs.set(frame, atMs);
  };
  const client = createTimecodeClient(
    {
      clock,
      scheduler,
      send: () => Promise.resolve(), // no cues in this bench
      onReceived: () => shown.framesReceived++,
    },
    { timebase, dropFrameSeparator: false, cueList: [] },
  );
  const path = createReceivePath({
    clock,
    scheduler,
    // The client takes each frame on arrival, timetag and all, and shows it on its own ticker at
    // the frame's instant (taken at the timetag instead, it would restart its ticker just as the
    // frame fell due, and in forward mode never show one).
    onReceive: (m) => {
      client.receive(m.message, m.timetag, m.arrivalMs, `${m.from.address}:${m.from.port}`);
      if (m.timetag === null) show(m.message, m.arrivalMs); // plain: shown as it arrives
    },
    onDispatch: (m) => {
      if (m.timetag !== null) show(m.message, m.dispatchedMs); // forward: at its timetag
    },
  });
  const detach = path.attach(endpoint);
  return {
    client,
    endpoint,
    shown,
    async dispose() {
      detach();
      path.dispose();
      client.dispose();
      await endpoint.close();
    },
  };
}

/** Options for {@link runDisplayLanes}. */
export interface DisplayLanesOptions {
  clock: Clock;
  scheduler: Scheduler;
  rate: FrameRate;
  frames: number;
}

/** Runs the plain lane (one client) and the forward lane (two clients) at once. */
export async function runDisplayLanes(options: DisplayLanesOptions): Promise<LaneResult[]> {
  const { clock, scheduler, rate, frames } = options;
  const sender = createUdpEndpoint({ clock, port: 0 });
  await sender.bind();
  const lanes: Array<{ mode: TimecodeSendMode; clients: number }> = [
    { mode: 'plain', clients: 1 },
    { mode: 'forward', clients: 2 },
  ];
  const relayPorts = await freeUdpPorts(lanes.reduce((n, l) => n + l.clients, 0));
  const firstRelay = (lane: number): number =>
    lanes.slice(0, lane).reduce((n, l) => n + l.clients, 0);
  const built = await Promise.all(
    lanes.map(async (lane, laneIndex) => {
      const clients = await Promise.all(
        Array.from({ length: lane.clients }, () => openClient(clock, scheduler, rate)),
      );
      const relays: RelayPeer[] = await Promise.all(
        clients.map((c, i) =>
          startRelayPeer({
            listenPort: relayPorts[firstRelay(laneIndex) + i]!,
            toPort: c.endpoint.address!.port,
            delayMs: DISPLAY_DELAY_MS,
            jitterMs: DISPLAY_JITTER_MS,
            seed: 21 + laneIndex * 2 + i,
          }),
        ),
      );
      const instantMs = new Map<number, number>();
      const forwardMs = lane.mode === 'forward' ? DISPLAY_FORWARD_MS : 0;
      const master: TimecodeMaster = createTimecodeMaster(
        {
          clock,
          scheduler,
          send: (bytes, host, port) => sender.send(bytes, host, port),
          onFrame: (f) => instantMs.set(f.frame, ntpToUnixMs(f.instantNtp)),
        },
        {
          timebase: createTimebase(rate),
          sendMode: lane.mode,
          forwardMs,
          wireFormat: 'seed',
          dropFrameSeparator: false,
          targets: relays.map((r) => ({ host: '127.0.0.1', port: r.listenPort })),
          startFrame: 0,
        },
      );
      return { lane, clients, relays, master, instantMs, forwardMs };
    }),
  );
  // The forward master a quarter frame after the plain one: at 25 fps and F = 100 ms, plain frames
  // leave at 0 ms of each 40, forward ones at 10, forward clients show at 30, and the plain client
  // about 20 ms after its frames, so no two of them fall due together on the one scheduler.
  const startNtp = clock.nowNtp() + msToNtpUnits(300);
  const quarterFrameMs = (250 * rate.den) / rate.num;
  built.forEach((b, i) => b.master.start(startNtp + msToNtpUnits(i * quarterFrameMs)));
  const runMs = (frames * 1000 * rate.den) / rate.num;
  await new Promise((r) => setTimeout(r, 300 + runMs));
  for (const b of built) b.master.stop();
  // Let the last frames cross the relays and fall due.
  await new Promise((r) =>
    setTimeout(r, DISPLAY_FORWARD_MS + DISPLAY_DELAY_MS + 8 * DISPLAY_JITTER_MS),
  );
  const results: LaneResult[] = [];
  for (const b of built) {
    const relaySdMs = await Promise.all(b.relays.map((r) => r.stop()));
    for (const c of b.clients) await c.dispose();
    b.master.dispose();
    results.push({
      mode: b.lane.mode,
      forwardMs: b.forwardMs,
      instantMs: b.instantMs,
      clients: b.clients.map((c) => c.shown),
      relaySdMs,
    });
  }
  await sender.close();
  return results;
}
