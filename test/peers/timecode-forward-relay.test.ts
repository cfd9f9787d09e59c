/**
 * Forward-synchronized timecode through a jittery network: our master (`--forward 100`) sends
 * through the impairment relay (20 ms delay, 10 ms sd) to our client. Arrivals scatter by tens of
 * milliseconds, yet the client must stay locked within a frame and show frames on a steady grid.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { summarize } from '../../shared/stats/summary';
import { freeUdpPorts } from './harness/free-port';
import { describeWithPeers } from './harness/require-peer';
import { startRelayPeer, type RelayPeer } from './harness/syncroscope-cli';
import {
  hexToUnixMs,
  startOurClient,
  startOurMaster,
  type OurClient,
  type OurMaster,
} from './harness/timecode-cli';

const FRAMES = 100; // 4 s at 25 fps
const FRAME_MS = 40;
const FORWARD_MS = 100; // covers 20 ms + 8 sd of jitter

// Only our own programs run here; nothing needs installing.
describeWithPeers('forward timecode through a 20 +- 10 ms relay', [], () => {
  let relay: RelayPeer;
  let client: OurClient;
  let master: OurMaster;
  let relaySdMs = NaN;

  beforeAll(async () => {
    const [relayPort, clientPort, masterPort] = await freeUdpPorts(3);
    client = await startOurClient({ listenPort: clientPort!, toPort: masterPort! });
    relay = await startRelayPeer({
      listenPort: relayPort!,
      toPort: clientPort!,
      delayMs: 20,
      jitterMs: 10,
      seed: 7,
    });
    master = await startOurMaster({
      listenPort: masterPort!,
      toPorts: [relayPort!],
      forwardMs: FORWARD_MS,
      count: FRAMES,
    });
    await master.exited(FRAMES * FRAME_MS + 15_000);
    await client.process.waitFor(
      () => (client.timecodes().length >= FRAMES - 2 ? true : undefined),
      5000,
      'the last frames through the relay',
    );
    relaySdMs = await relay.stop();
  }, 60_000);
  afterAll(async () => {
    await master?.stop();
    await relay?.stop();
    await client?.stop();
  });

  it('the relay really jittered the arrivals', () => {
    const arrivalsMs = client.timecodes().map((t) => t.arrival * 1000);
    const gapsMs = arrivalsMs.slice(1).map((a, i) => a - arrivalsMs[i]!);
    console.info(
      `[timecode] relay delay sd ${relaySdMs.toFixed(2)} ms; arrival gap sd ${summarize(gapsMs).sd.toFixed(2)} ms`,
    );
    expect(relaySdMs).toBeGreaterThan(5);
    expect(summarize(gapsMs).sd).toBeGreaterThan(5);
  });

  it('locks, and its errors stay within a frame', () => {
    const heard = client.timecodes();
    expect(client.states()).toContain('locked');
    const locked = heard.filter((t) => t.state === 'locked');
    expect(locked.length).toBeGreaterThan(heard.length - 10);
    const worst = Math.max(...locked.map((t) => Math.abs(t.error_frames)));
    console.info(`[timecode] forward: worst locked error ${worst.toFixed(4)} frames`);
    expect(worst).toBeLessThan(1);
  });

  it('shows each frame at its timetag, on a steady one-frame grid, none arriving too late', () => {
    const heard = client.timecodes().filter((t) => t.timetag !== null);
    expect(heard.length).toBeGreaterThan(FRAMES - 10);
    expect(heard.every((t) => t.instant === t.timetag)).toBe(true);
    // Frames come out of the relay in any order; sorted by frame, their instants are a steady grid.
    const byFrame = [...heard].sort((a, b) => a.frame - b.frame);
    const stepErrorsMs = byFrame
      .slice(1)
      .map((t, i) => {
        const prev = byFrame[i]!;
        return (hexToUnixMs(t.instant) - hexToUnixMs(prev.instant)) / (t.frame - prev.frame);
      })
      .map((stepMs) => Math.abs(stepMs - FRAME_MS));
    expect(Math.max(...stepErrorsMs)).toBeLessThan(0.01);
    // Every frame arrived before the moment it was to be shown.
    const leadsMs = heard.map((t) => hexToUnixMs(t.instant) - t.arrival * 1000);
    expect(Math.min(...leadsMs)).toBeGreaterThan(0);
  });
});
