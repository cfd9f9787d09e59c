/**
 * Syncroscope's timecode master (`syncroscope timecode master`) against our stand-in for the seed's
 * client (python3-liblo): the client must hear every frame, in order, at the master's rate, and
 * the cues it sends back must reach the master's log with their text and the label attached.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTimebase, parseFrame } from '../../shared/timecode';
import { freeUdpPorts } from './harness/free-port';
import { describeWithPeers } from './harness/require-peer';
import { SEED_SMPTE_REQUIREMENTS, startSeedClient, type SeedClient } from './harness/seed-smpte';
import { startOurMaster, type OurMaster } from './harness/timecode-cli';

const TB25 = createTimebase('25');
const FRAMES = 75; // 3 s at 25 fps
const START = '00:59:59:00'; // the run crosses an hour

describeWithPeers('our timecode master -> the seed client', SEED_SMPTE_REQUIREMENTS, () => {
  let master: OurMaster;
  let client: SeedClient;

  beforeAll(async () => {
    const [masterPort, clientPort] = await freeUdpPorts(2);
    client = await startSeedClient({ listenPort: clientPort!, toPort: masterPort!, cueAfter: 25 });
    master = await startOurMaster({
      listenPort: masterPort!,
      toPorts: [clientPort!],
      startLabel: START,
      count: FRAMES,
    });
    await master.exited(FRAMES * 40 + 15_000);
  }, 60_000);
  afterAll(async () => {
    await master?.stop();
    await client?.stop();
  });

  it('hears every frame once, in order, from the start label on', () => {
    const heard = client.timecodes();
    expect(heard.every((t) => t.types === 's')).toBe(true); // one string, as the seed sends
    expect(heard.map((t) => t.label)).toEqual(master.frames().map((f) => f.label));
    const frames = heard.map((t) => parseFrame(TB25, t.label ?? ''));
    expect(frames).toHaveLength(FRAMES);
    expect(frames[0]).toBe(parseFrame(TB25, START));
    // A stalled machine makes the master skip a frame rather than send two in a burst (and it
    // counts it): every gap in what was heard is a frame the master said it skipped.
    const gaps = frames.slice(1).map((f, i) => f - frames[i]! - 1);
    expect(gaps.every((g) => g >= 0)).toBe(true);
    const summary = master.process.lines.find((l) => / skipped, /.test(l.text))?.text ?? '';
    const skipped = Number(/(\d+) skipped/.exec(summary)?.[1] ?? NaN);
    expect(gaps.reduce((a, g) => a + g, 0)).toBe(skipped);
  });

  it('hears them at the master rate of 25 frames per second', () => {
    const heard = client.timecodes();
    const spanMs = (heard[heard.length - 1]!.mono - heard[0]!.mono) * 1000;
    const spanFrames = parseFrame(TB25, heard.at(-1)!.label!) - parseFrame(TB25, heard[0]!.label!);
    const meanIntervalMs = spanMs / spanFrames; // per frame of timecode (a skipped one included)
    console.info(`[timecode] seed client: mean interval ${meanIntervalMs.toFixed(3)} ms`);
    expect(meanIntervalMs).toBeGreaterThan(39);
    expect(meanIntervalMs).toBeLessThan(41);
  });

  it("logs the seed client's four cues with their text and the label it attached", () => {
    const sent = client.sentCues();
    expect(sent.map((c) => c.address)).toEqual([
      '/trigger/action',
      '/cue/lighting',
      '/trigger/action_tc',
      '/cue/video_tc',
    ]);
    const attached = sent[2]!.args[1]!;
    expect(attached).toBe(client.timecodes()[24]!.label); // the 25th label heard
    const logged = master.cues();
    expect(logged.map((c) => [c.address, c.text, c.sender_label])).toEqual([
      ['/trigger/action', 'Play sound effect', null],
      ['/cue/lighting', 'Scene Bright', null],
      ['/trigger/action_tc', 'Start playback', attached],
      ['/cue/video_tc', 'Intro video cue', attached],
    ]);
    expect(logged.every((c) => c.master_label !== null && c.timetag === null)).toBe(true);
  });

  it('reports how far its own timecode had moved on from the label a cue carried', () => {
    const withLabel = master.cues().filter((c) => c.sender_label !== null);
    expect(withLabel).toHaveLength(2);
    for (const cue of withLabel) {
      const expected = parseFrame(TB25, cue.master_label!) - parseFrame(TB25, cue.sender_label!);
      expect(cue.diff_frames).toBe(expected);
      // The cue left as soon as the client heard its label: the master is at most a few frames on.
      expect(cue.diff_frames).toBeGreaterThanOrEqual(0);
      expect(cue.diff_frames).toBeLessThanOrEqual(3);
      // diff_ms also counts how far into its frame the master was: within that frame's 40 ms.
      expect(cue.diff_ms).toBeGreaterThanOrEqual(expected * 40);
      expect(cue.diff_ms).toBeLessThan((expected + 1) * 40);
      console.info(`[timecode] ${cue.address}: master minus sender ${cue.diff_ms!.toFixed(3)} ms`);
    }
  });
});
