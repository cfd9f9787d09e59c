/**
 * Our stand-in for the seed's master (python3-liblo, sleeping one frame after each send, so it
 * falls behind a little every frame) against Syncroscope's timecode client: the client must lock,
 * its errors must show the seed's steady lateness, and its cue list must reach the seed master.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { quantileSorted } from '../../shared/stats/summary';
import { TIMECODE_CHASE, createTimebase, parseFrame } from '../../shared/timecode';
import { freeUdpPorts } from './harness/free-port';
import { describeWithPeers } from './harness/require-peer';
import { SEED_SMPTE_REQUIREMENTS, startSeedMaster, type SeedMaster } from './harness/seed-smpte';
import { startOurClient, type OurClient } from './harness/timecode-cli';

const TB25 = createTimebase('25');
const FRAME_MS = 40;
const FRAMES = 125; // 5 s at 25 fps

describeWithPeers('the seed master -> our timecode client', SEED_SMPTE_REQUIREMENTS, () => {
  let master: SeedMaster;
  let client: OurClient;

  beforeAll(async () => {
    const [masterPort, clientPort] = await freeUdpPorts(2);
    client = await startOurClient({
      listenPort: clientPort!,
      toPort: masterPort!,
      cues: [
        '00:00:03:00=/cue/lighting,Scene Bright',
        '00:00:03:10=/trigger/action_tc,Start playback',
      ],
    });
    master = await startSeedMaster({
      listenPort: masterPort!,
      toPort: clientPort!,
      fps: 25,
      count: FRAMES,
      logSent: true,
      lingerS: 0.5,
    });
    await master.waitForDone(FRAMES * FRAME_MS * 2 + 10_000);
    await master.process.exited;
  }, 60_000);
  afterAll(async () => {
    await client?.stop();
    await master?.stop();
  });

  it('hears every frame and locks', () => {
    const heard = client.timecodes();
    expect(heard.map((t) => t.label)).toEqual(master.sent().map((s) => s.label));
    expect(client.states()).toContain('locked');
    const locked = heard.filter((t) => t.state === 'locked');
    expect(locked.length).toBeGreaterThan(FRAMES * 0.9);
    const absErrorFrames = locked.map((t) => Math.abs(t.error_frames)).sort((a, b) => a - b);
    expect(quantileSorted(absErrorFrames, 0.5)).toBeLessThan(TIMECODE_CHASE.toleranceFrames);
  });

  it("shows the seed's sleep drift: frames keep coming later than the client's estimate", () => {
    const sent = master.sent();
    // The seed loses `overrun` ms every frame (its sleep oversleeps, its send costs time).
    const overrunMs =
      ((sent[sent.length - 1]!.mono - sent[0]!.mono) * 1000) / (sent.length - 1) - FRAME_MS;
    // Skip the lock-in: the estimate takes a few dozen frames to settle on the steady lag.
    const errors = client
      .timecodes()
      .slice(50)
      .filter((t) => t.state === 'locked')
      .map((t) => t.error_ms)
      .sort((a, b) => a - b);
    const medianMs = quantileSorted(errors, 0.5);
    // Nudged 1/phaseGain of each error, the estimate settles phaseGain x overrun ahead of a
    // generator that is overrun late every frame.
    const predictedMs = -TIMECODE_CHASE.phaseGain * overrunMs;
    console.info(
      `[timecode] seed overrun ${overrunMs.toFixed(3)} ms/frame; client error median ${medianMs.toFixed(3)} ms (steady-state prediction ${predictedMs.toFixed(3)} ms)`,
    );
    expect(overrunMs).toBeGreaterThan(0); // the premise: sleeping one frame per frame falls behind
    expect(medianMs).toBeGreaterThan(-FRAME_MS); // late, but by less than a frame: still locked
    // At least half an overrun late (the estimate settles about phaseGain overruns behind).
    expect(medianMs).toBeLessThan(-overrunMs / 2);
  });

  it('fires its cue list at the labels and the seed master prints the cues', () => {
    expect(client.cues().map((c) => [c.address, c.args, c.label])).toEqual([
      ['/cue/lighting', ['Scene Bright'], '00:00:03:00'],
      ['/trigger/action_tc', ['Start playback', '00:00:03:10'], '00:00:03:10'],
    ]);
    const printed = master.received();
    expect(printed.map((c) => [c.address, c.args])).toEqual([
      ['/cue/lighting', ['Scene Bright']],
      ['/trigger/action_tc', ['Start playback', '00:00:03:10']],
    ]);
    // Each cue left when the client's estimate reached its frame: the seed master was there too.
    for (const [i, label] of ['00:00:03:00', '00:00:03:10'].entries()) {
      const masterAt = parseFrame(TB25, printed[i]!.current ?? '');
      expect(Math.abs(masterAt - parseFrame(TB25, label))).toBeLessThanOrEqual(2);
    }
  });
});
