/**
 * When frames leave: our master on the precise scheduler (real time, and ten virtual minutes on
 * the fake clock) against the seed's sleep-per-frame generator, both sending the seed's message
 * over a real UDP socket and stamped the same way, just before the socket send.
 */
import { createTimecodeMaster } from '../electron/engine/timecode/master';
import type { Clock } from '../electron/engine/time/clock';
import { createScheduler } from '../electron/engine/time/scheduler';
import { createRealTimers } from '../electron/engine/time/timers';
import { createUdpEndpoint } from '../electron/engine/network/udp-endpoint';
import { msToNtpUnits, ntpToUnixMs } from '../shared/osc/index';
import { FakeClock } from '../shared/testing/fake-clock';
import { createTimebase, frameAt, type FrameRate } from '../shared/timecode';
import { runSleepPerFrame } from './timecode-baseline';
import { TEN_MINUTES_MS, type FrameSend } from './timecode-figures';

/** A socket that sends to a bound sink that drops everything, so each send is a real one. */
async function openSendPath(clock: Clock) {
  const sink = createUdpEndpoint({ clock, port: 0 });
  const sinkPort = (await sink.bind()).port;
  const sender = createUdpEndpoint({ clock, port: 0 });
  await sender.bind();
  return {
    sinkPort,
    send: (bytes: Uint8Array, host: string, port: number) => sender.send(bytes, host, port),
    close: async () => {
      await sender.close();
      await sink.close();
    },
  };
}

/** Our master, plain seed frames to one target, for `frames` frames of real time. */
export async function measureMasterSends(
  clock: Clock,
  rate: FrameRate,
  frames: number,
): Promise<FrameSend[]> {
  const path = await openSendPath(clock);
  const scheduler = createScheduler({ clock, timers: createRealTimers(clock) });
  const sends: FrameSend[] = [];
  let stampMs = NaN;
  const master = createTimecodeMaster(
    {
      clock,
      scheduler,
      send: (bytes, host, port) => {
        stampMs = clock.nowMs();
        return path.send(bytes, host, port);
      },
      onFrame: (f) =>
        sends.push({ frame: f.frame, instantMs: ntpToUnixMs(f.instantNtp), sentMs: stampMs }),
    },
    {
      timebase: createTimebase(rate),
      sendMode: 'plain',
      forwardMs: 0,
      wireFormat: 'seed',
      dropFrameSeparator: false,
      targets: [{ host: '127.0.0.1', port: path.sinkPort }],
      startFrame: 0,
    },
  );
  // The first frame 200 ms ahead, so start-up work does not make it late.
  master.start(clock.nowNtp() + msToNtpUnits(200));
  await new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (sends.length < frames) return;
      clearInterval(poll);
      resolve();
    }, 20);
  });
  master.dispose();
  scheduler.dispose();
  await path.close();
  return sends.slice(0, frames);
}

/** The seed's generator (sleep one frame after each send), for `frames` frames of real time. */
export async function measureBaselineSends(
  clock: Clock,
  rate: FrameRate,
  frames: number,
): Promise<FrameSend[]> {
  const path = await openSendPath(clock);
  const sends = await runSleepPerFrame({
    clock,
    rate,
    frames,
    send: (bytes) => path.send(bytes, '127.0.0.1', path.sinkPort),
  });
  await path.close();
  return sends;
}

/**
 * Frames our master's label is behind after ten minutes, in virtual time: the same master and
 * scheduler on the fake clock, whose coarse timer fires 0-3 ms late (a fixed pseudo-random
 * pattern) and whose precise wait overshoots by 50 µs. The figure is the frame in progress at
 * 10 min + half a frame minus the last frame sent (0: no drift), exact, with no machine noise.
 */
export function virtualDriftFrames(rate: FrameRate): { driftFrames: number; framesSent: number } {
  let seed = 1;
  const lateMs = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 3;
  const clock = new FakeClock({ timerErrorMs: lateMs, waitOvershootMs: 0.05 });
  const scheduler = createScheduler({ clock, timers: clock });
  const master = createTimecodeMaster(
    { clock, scheduler, send: () => Promise.resolve() },
    {
      timebase: createTimebase(rate),
      sendMode: 'plain',
      forwardMs: 0,
      wireFormat: 'seed',
      dropFrameSeparator: false,
      targets: [{ host: '127.0.0.1', port: 9 }],
      startFrame: 0,
    },
  );
  const startNtp = clock.nowNtp();
  master.start(startNtp);
  const endMs = clock.nowMs() + TEN_MINUTES_MS + (500 * rate.den) / rate.num;
  while (clock.nowMs() < endMs) clock.advanceTo(Math.min(endMs, clock.nowMs() + 1000));
  const dueFrame = frameAt(startNtp, clock.nowNtp(), rate);
  const last = master.lastFrame?.frame ?? -1;
  const framesSent = master.counters().framesSent;
  master.dispose();
  scheduler.dispose();
  return { driftFrames: dueFrame - last, framesSent };
}
