/**
 * Our stand-ins for the SMPTE seed's master and client, read by our codec: they must put exactly
 * the seed's messages on the wire (one string per frame; the four cues as strings), or the interop
 * tests against them would prove nothing.
 */
import { afterEach, expect, it } from 'vitest';
import { encodeMessage } from '../../shared/osc/index';
import { createTimebase, frameToLabel, formatLabel, parseFrame } from '../../shared/timecode';
import { freeUdpPort } from './harness/free-port';
import { openOscInbox, type OscInbox } from './harness/osc-inbox';
import { describeWithPeers } from './harness/require-peer';
import {
  SEED_SMPTE_REQUIREMENTS,
  startSeedClient,
  startSeedMaster,
  type SeedClient,
  type SeedMaster,
} from './harness/seed-smpte';

const TB25 = createTimebase('25');

describeWithPeers('the SMPTE seed stand-ins (python3-liblo)', SEED_SMPTE_REQUIREMENTS, () => {
  let inbox: OscInbox | undefined;
  let master: SeedMaster | undefined;
  let client: SeedClient | undefined;
  afterEach(async () => {
    await master?.stop();
    await client?.stop();
    await inbox?.close();
    master = client = inbox = undefined;
  });

  it('the master sends /sync/timecode with one label string per frame, counting from its start', async () => {
    inbox = await openOscInbox();
    const start = parseFrame(TB25, '00:59:59:20');
    master = await startSeedMaster({
      listenPort: await freeUdpPort(),
      toPort: inbox.port,
      fps: 25,
      count: 12,
      startFrame: start,
      lingerS: 0,
    });
    await master.waitForDone(10_000);
    await inbox.waitFor(() => inbox!.received.length >= 12, 2000, '12 frames');
    const expected = Array.from({ length: 12 }, (_, i) =>
      formatLabel(frameToLabel(TB25, start + i)),
    );
    expect(expected).toContain('01:00:00:00'); // the run crosses an hour
    expect(inbox.received.map((m) => m.message)).toEqual(
      expected.map((label) => ({
        kind: 'message',
        address: '/sync/timecode',
        args: [{ type: 's', value: label }],
      })),
    );
  });

  it('the master counts 30 frames per labelled second at 29.97 (non-drop, like the seed)', async () => {
    inbox = await openOscInbox();
    master = await startSeedMaster({
      listenPort: await freeUdpPort(),
      toPort: inbox.port,
      fps: 29.97,
      count: 3,
      startFrame: 29,
      lingerS: 0,
    });
    await master.waitForDone(10_000);
    await inbox.waitFor(() => inbox!.received.length >= 3, 2000, '3 frames');
    expect(inbox.received.map((m) => m.message.args)).toEqual(
      ['00:00:00:29', '00:00:01:00', '00:00:01:01'].map((value) => [{ type: 's', value }]),
    );
  });

  it('the client sends the four seed cues as plain string messages with the last label it heard', async () => {
    inbox = await openOscInbox();
    const clientPort = await freeUdpPort();
    client = await startSeedClient({ listenPort: clientPort, toPort: inbox.port, cueAfter: 2 });
    for (const label of ['00:00:10:00', '00:00:10:01'])
      await inbox.send(encodeMessage('/sync/timecode', [{ type: 's', value: label }]), clientPort);
    await inbox.waitFor(() => inbox!.received.length >= 4, 5000, 'the four cues');
    expect(inbox.received.map((m) => m.message)).toEqual([
      {
        kind: 'message',
        address: '/trigger/action',
        args: [{ type: 's', value: 'Play sound effect' }],
      },
      { kind: 'message', address: '/cue/lighting', args: [{ type: 's', value: 'Scene Bright' }] },
      {
        kind: 'message',
        address: '/trigger/action_tc',
        args: [
          { type: 's', value: 'Start playback' },
          { type: 's', value: '00:00:10:01' },
        ],
      },
      {
        kind: 'message',
        address: '/cue/video_tc',
        args: [
          { type: 's', value: 'Intro video cue' },
          { type: 's', value: '00:00:10:01' },
        ],
      },
    ]);
    expect(client.timecodes().map((t) => t.label)).toEqual(['00:00:10:00', '00:00:10:01']);
  });

  it('the master prints every cue and trigger it receives with the label it was sending', async () => {
    const masterPort = await freeUdpPort();
    const clientPort = await freeUdpPort();
    client = await startSeedClient({ listenPort: clientPort, toPort: masterPort, cueAfter: 5 });
    master = await startSeedMaster({ listenPort: masterPort, toPort: clientPort, fps: 25 });
    const last = await master.waitForReceived(
      (c) => c.address === '/cue/video_tc',
      10_000,
      'video cue',
    );
    const received = master.received();
    expect(received.map((c) => [c.kind, c.address, c.types, c.args])).toEqual([
      ['trigger', '/trigger/action', 's', ['Play sound effect']],
      ['cue', '/cue/lighting', 's', ['Scene Bright']],
      ['trigger', '/trigger/action_tc', 'ss', ['Start playback', '00:00:00:04']],
      ['cue', '/cue/video_tc', 'ss', ['Intro video cue', '00:00:00:04']],
    ]);
    // The cues left right after the client heard frame 4: the master was still on it or just past.
    expect(parseFrame(TB25, last.current ?? '')).toBeGreaterThanOrEqual(4);
    expect(parseFrame(TB25, last.current ?? '')).toBeLessThanOrEqual(6);
  });
});
