import { describe, expect, it } from 'vitest';
import { decodePacket, type OscMessage, type OscPacket } from '../../../shared/osc';
import { cueMessage, timecodeMessage, createTimebase } from '../../../shared/timecode';
import { errorInfo } from '../../../shared/ipc';
import { createTimecodeDomain } from './timecode';
import { virtualContext } from './virtual-context.test-util';

interface Sent {
  atMs: number;
  host: string;
  port: number;
  packet: OscPacket;
}

function setup(receiverPort: number | null = 9000) {
  const v = virtualContext();
  const sent: Sent[] = [];
  const domain = createTimecodeDomain(v.ctx, {
    send: async (bytes, host, port) => {
      sent.push({ atMs: v.clock.nowMs(), host, port, packet: decodePacket(bytes) });
    },
    receiverPort: () => receiverPort,
  });
  const h = domain.handlers;
  const input = v.ctx.router.connect({ send: null });
  /** Feeds one message to the engine's routes as the receiver would. */
  const hear = (message: OscMessage, timetag: bigint | null = null) =>
    input.onReceive({
      message,
      timetag,
      from: { address: '127.0.0.1', port: 40000 },
      arrivalMs: v.clock.nowMs(),
      leadMs: null,
      classification: 'immediate',
      isDropped: false,
    });
  const flush = () => new Promise((r) => setImmediate(r));
  return { ...v, sent, domain, h, hear, flush };
}

const labelOf = (p: OscPacket): string => {
  const m = p.kind === 'bundle' ? (p.elements[0] as OscMessage) : p;
  return m.args[0]?.type === 's' ? m.args[0].value : '';
};

describe('timecode domain', () => {
  it('refuses settings the rate cannot have, each at its field', async () => {
    const { h } = setup();
    const attempt = async (patch: Parameters<(typeof h)['timecode:update']>[0]) => {
      try {
        await h['timecode:update'](patch);
        return null;
      } catch (error) {
        return errorInfo(error);
      }
    };
    expect(await attempt({ dropFrame: true })).toMatchObject({
      code: 'invalid',
      field: ['dropFrame'],
    });
    expect(await attempt({ startLabel: '00:00:00:27' })).toMatchObject({
      code: 'invalid',
      field: ['startLabel'],
    });
    const cue = { id: 'a', label: '00:01:00:00', address: '/cue/x', args: [], withTimecode: false };
    expect(await attempt({ rate: '29.97', dropFrame: true, cueList: [cue] })).toMatchObject({
      field: ['cueList', 0, 'label'],
    });
    expect(await attempt({ forwardMs: 5000 })).toMatchObject({ field: ['forwardMs'] });
  });

  it('answers start in role off with code invalid at the role', async () => {
    const { h } = setup();
    await expect(h['timecode:start']({})).rejects.toMatchObject({
      code: 'invalid',
      field: ['role'],
    });
  });

  it('runs the master to its targets, pauses, locates and logs frames on the timed stream', async () => {
    const { h, clock, sent, streams, flush } = setup();
    await h['timecode:update']({ role: 'master', startLabel: '01:00:00:00' });
    await h['timecode:start']({});
    clock.advance(980); // the scheduler's precise finish may run ~2 ms past an advance
    expect(sent.length).toBe(25);
    expect(sent.every((s) => s.host === '127.0.0.1' && s.port === 5006)).toBe(true);
    expect(labelOf(sent[0]!.packet)).toBe('01:00:00:00');
    const paused = await h['timecode:pause']({});
    expect(paused.master).toMatchObject({ state: 'paused', label: '01:00:00:24', framesSent: 25 });
    await h['timecode:locate']({ label: '02:00:00:00' });
    await h['timecode:start']({});
    clock.advance(1);
    expect(labelOf(sent.at(-1)!.packet)).toBe('02:00:00:00');
    const frames = streams['stream:timecode-frames'] ?? [];
    expect(frames.at(-1)).toMatchObject({ role: 'master', label: '02:00:00:00', state: 'locked' });
    await expect(h['timecode:locate']({ label: '02:00:00:25' })).rejects.toMatchObject({
      field: ['label'],
    });
    await flush();
  });

  it('sends forward-synchronized bundles in forward mode', async () => {
    const { h, clock, sent } = setup();
    await h['timecode:update']({ role: 'master', sendMode: 'forward', forwardMs: 200 });
    await h['timecode:start']({});
    clock.advance(100);
    expect(sent[0]!.packet.kind).toBe('bundle');
  });

  it('chases frames heard on the router, reports their errors, and sends a cue to the cue target', async () => {
    const { h, clock, hear, sent, streams } = setup();
    await h['timecode:update']({ role: 'client', cueTarget: { host: '10.0.0.5', port: 5005 } });
    const tb = createTimebase('25');
    for (let k = 0; k < 10; k++) {
      hear(timecodeMessage(tb, 250 + k));
      clock.advance(40);
    }
    clock.advance(20); // the middle of the frame after the last one heard
    const snap = await h['timecode:get']({});
    expect(snap.client).toMatchObject({
      state: 'locked',
      framesReceived: 10,
      source: '127.0.0.1:40000',
    });
    expect(snap.client.label).toBe('00:00:10:10');
    expect(streams['stream:timecode-errors']).toHaveLength(10);
    const result = await h['timecode:cue']({
      address: '/cue/video_tc',
      args: [{ type: 's', value: 'Intro video cue' }],
      withTimecode: true,
    });
    expect(result.label).toBe('00:00:10:10');
    const cue = sent.at(-1)!;
    expect(cue).toMatchObject({ host: '10.0.0.5', port: 5005 });
    expect(cue.packet.kind).toBe('bundle');
  });

  it('logs a cue the master hears with both labels and their difference', async () => {
    const { h, clock, hear, streams } = setup();
    await h['timecode:update']({ role: 'master' });
    await h['timecode:start']({});
    clock.advance(4000 + 10); // 10 ms into 00:00:04:00
    hear(cueMessage('/trigger/action_tc', 'Start playback', '00:00:03:24'));
    const [item] = streams['stream:cue-log'] ?? [];
    expect(item).toMatchObject({
      address: '/trigger/action_tc',
      text: 'Start playback',
      masterLabel: '00:00:04:00',
      senderLabel: '00:00:03:24',
      diffFrames: 1,
      timetag: null,
    });
    expect(item!.diffMs).toBeCloseTo(50, 3);
    expect((await h['timecode:get']({})).master.cuesReceived).toBe(1);
  });

  it('pairs master and client on the receiver port, and says so when the receiver is stopped', async () => {
    const stopped = setup(null);
    await stopped.h['timecode:update']({ role: 'pair' });
    expect((await stopped.h['timecode:get']({})).targetErrors.pair).toMatch(/not listening/);
    const { h, clock, sent } = setup(9000);
    await h['timecode:update']({ role: 'pair' });
    await h['timecode:start']({});
    clock.advance(100);
    expect(sent.every((s) => s.host === '127.0.0.1' && s.port === 9000)).toBe(true);
    await h['timecode:cue']({ address: '/cue/lighting', args: [], withTimecode: false });
    expect(sent.at(-1)!.port).toBe(9000);
  });
});
