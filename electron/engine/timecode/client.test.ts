import { describe, expect, it } from 'vitest';
import { decodePacket, type OscArg, type OscMessage } from '../../../shared/osc';
import {
  msToNtpUnits,
  ntpFromUnixMs,
  ntpToUnixMs,
  type NtpTime,
} from '../../../shared/osc/timetag';
import type { ClientLockState } from '../../../shared/ipc/domains/timecode';
import {
  FRAME_RATES,
  TIMECODE_CHASE,
  createTimebase,
  hasDropFrame,
  parseFrame,
  timecodeMessage,
  type Timebase,
} from '../../../shared/timecode';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createScheduler } from '../time/scheduler';
import { frameMs } from './anchor';
import { createTimecodeClient, type ClientReceived, type ClientSentCue } from './client';
import { createTimecodeMaster, type MasterSettings } from './master';

interface Cue {
  atNtp: NtpTime;
  timetag: NtpTime | null;
  message: OscMessage;
}

/** A master and a client on one virtual clock; the master's frames reach the client after `delayMs()`. */
function setup(tb: Timebase = createTimebase('25'), master: Partial<MasterSettings> = {}) {
  const clock = new FakeClock();
  const scheduler = createScheduler({ clock, timers: clock });
  const link = { isUp: true, delayMs: (): number => 0 };
  const received: ClientReceived[] = [];
  const states: ClientLockState[] = [];
  const cues: Cue[] = [];
  const sentCues: ClientSentCue[] = [];
  const client = createTimecodeClient(
    {
      clock,
      scheduler,
      send: async (bytes) => {
        const p = decodePacket(bytes);
        const [timetag, message] =
          p.kind === 'bundle' ? [p.timetag, p.elements[0] as OscMessage] : [null, p];
        cues.push({ atNtp: clock.nowNtp(), timetag, message });
      },
      onReceived: (r) => received.push(r),
      onState: (s) => states.push(s),
      onCue: (c) => sentCues.push(c),
    },
    { timebase: tb, dropFrameSeparator: false, cueList: [] },
  );
  const deliver = (bytes: Uint8Array): void => {
    const p = decodePacket(bytes);
    const [timetag, message] =
      p.kind === 'bundle' ? [p.timetag, p.elements[0] as OscMessage] : [null, p];
    client.receive(message, timetag, clock.nowMs(), '127.0.0.1:5005');
  };
  const m = createTimecodeMaster(
    {
      clock,
      scheduler,
      send: async (bytes) => {
        if (!link.isUp) return;
        const delay = link.delayMs();
        if (delay === 0) deliver(bytes);
        else clock.setTimer(() => deliver(bytes), delay);
      },
    },
    {
      timebase: tb,
      sendMode: 'plain',
      forwardMs: 100,
      wireFormat: 'seed',
      dropFrameSeparator: false,
      targets: [{ host: '127.0.0.1', port: 5006 }],
      startFrame: 0,
      ...master,
    },
  );
  const start = clock.nowNtp() + 12345n;
  return { clock, client, master: m, link, received, states, cues, sentCues, start };
}

const timebases = FRAME_RATES.flatMap((rate) => [
  createTimebase(rate),
  ...(hasDropFrame(rate) ? [createTimebase(rate, true)] : []),
]);

describe('timecode client', () => {
  it.each(timebases.map((tb) => [tb.name, tb] as const))(
    'freewheels a minute without messages and still agrees with the master to the frame at %s',
    (_name, tb) => {
      const { clock, client, master, link, start } = setup(tb);
      master.start(start);
      clock.advanceTo(ntpToUnixMs(start) + 2000);
      expect(client.stateAt(clock.nowMs())).toBe('locked');
      link.isUp = false;
      for (let s = 1; s <= 60; s++) {
        clock.advanceTo(ntpToUnixMs(start) + 2000 + s * 1000);
        // Probe the middle of the master's frame: an estimate a frame off cannot pass.
        const { frame, instantNtp } = master.positionAt(clock.nowNtp())!;
        const middle = instantNtp! + msToNtpUnits(frameMs(tb.rate) / 2);
        expect(client.estimateAt(middle)?.frame).toBe(frame);
        expect(master.positionAt(middle)?.frame).toBe(frame);
      }
      expect(client.stateAt(clock.nowMs())).toBe('lost');
    },
  );

  it('goes stopped, lost while acquiring, locked, freewheel after 3 silent frames, lost after 2 s', () => {
    const { clock, client, master, link, states, start } = setup();
    expect(client.stateAt(clock.nowMs())).toBe('stopped');
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 1); // frame 0 heard
    expect(client.stateAt(clock.nowMs())).toBe('lost');
    clock.advanceTo(ntpToUnixMs(start) + 2 * 40 + 1); // frames 0-2: three agreeing
    expect(client.stateAt(clock.nowMs())).toBe('locked');
    link.isUp = false;
    const silentFrom = ntpToUnixMs(start) + 2 * 40;
    clock.advanceTo(silentFrom + 3 * 40 - 1);
    expect(client.stateAt(clock.nowMs())).toBe('locked');
    clock.advanceTo(silentFrom + 3 * 40 + 41); // the next estimated frame notices
    expect(client.stateAt(clock.nowMs())).toBe('freewheel');
    clock.advanceTo(silentFrom + TIMECODE_CHASE.lostAfterMs + 41);
    expect(client.stateAt(clock.nowMs())).toBe('lost');
    link.isUp = true;
    clock.advance(200);
    expect(client.stateAt(clock.nowMs())).toBe('locked');
    expect(states).toEqual(['lost', 'locked', 'freewheel', 'lost', 'locked']);
  });

  it('follows a locate once consecutive frames confirm it, and not a single stray frame', () => {
    const tb = createTimebase('25');
    const { clock, client, master, received, start } = setup(tb);
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 1000);
    // One stray frame far away: reported, not followed.
    client.receive(timecodeMessage(tb, 5000), null, clock.nowMs() + 5, 'x');
    clock.advance(100);
    expect(client.stateAt(clock.nowMs())).toBe('locked');
    master.locate(parseFrame(tb, '01:00:00:00'));
    clock.advance(41); // two frames of the new place heard
    expect(client.stateAt(clock.nowMs())).toBe('lost');
    expect(client.estimateAt(clock.nowNtp())!.label).not.toMatch(/^01:/);
    clock.advance(40); // the third confirms it
    expect(client.stateAt(clock.nowMs())).toBe('locked');
    expect(client.estimateAt(clock.nowNtp())!.label).toBe('01:00:00:02');
    expect(received.filter((r) => r.isReanchored)).toHaveLength(2); // the first frame, the locate
  });

  it('reports each frame against its estimate: a plain frame 5 ms late is -5 ms, -0.125 frames', () => {
    const { clock, master, link, received, start } = setup();
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 1000 + 1);
    // Arrival stamps are float ms: exact to well under a microsecond.
    expect(received.at(-1)!.state).toBe('locked');
    expect(Math.abs(received.at(-1)!.errorMs)).toBeLessThan(1e-3);
    link.delayMs = () => 5;
    clock.advance(45); // frame 26, sent at 1040 ms, heard at 1045 ms
    const late = received.at(-1)!;
    expect(late.errorMs).toBeCloseTo(-5, 3);
    expect(late.errorFrames).toBeCloseTo(-0.125, 4);
    expect(late.text).toBe('00:00:01:01');
    expect(late.estimateLabel).toBe('00:00:01:01');
  });

  it('takes a bundled frame at its timetag, so a forward-synchronized frame sent F early has no error', () => {
    const { clock, client, master, received, start } = setup(createTimebase('25'), {
      sendMode: 'forward',
      forwardMs: 300,
    });
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 1000);
    const r = received.at(-1)!;
    expect(r.timetag).toBe(r.instantNtp);
    expect(Math.abs(r.errorMs)).toBeLessThan(1e-3);
    // The client shows frame k at its timetag: instant(k) + F.
    const shownAt = start + msToNtpUnits(300 + 400 + 20); // the middle of frame 10 as shown
    expect(client.estimateAt(shownAt)?.frame).toBe(10);
  });

  it('fires a cue-list cue at the exact instant of its frame, timetagged with it', () => {
    const tb = createTimebase('29.97', true);
    const { clock, client, master, cues, start } = setup(tb);
    const frame = parseFrame(tb, '00:00:10:00');
    const args: OscArg[] = [{ type: 's', value: 'Scene Bright' }];
    client.update({
      cueList: [
        { id: 'a', frame, address: '/cue/lighting', args, withTimecode: false },
        { id: 'b', frame, address: '/cue/video_tc', args, withTimecode: true },
      ],
    });
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 11_000);
    expect(cues).toHaveLength(2);
    for (const cue of cues) {
      // The estimate follows arrival stamps, which the float ms clock rounds by well under 1 us.
      const exactNtp = start + (BigInt(frame) * 1001n * (1n << 32n) + 29_999n) / 30_000n;
      expect(Number(cue.timetag! - exactNtp)).toBeLessThan(5000);
      expect(Math.abs(Number(cue.atNtp - cue.timetag!))).toBeLessThan(5000);
    }
    expect(cues[0]!.message.args).toEqual(args);
    expect(cues[1]!.message.args).toEqual([...args, { type: 's', value: '00:00:10:00' }]);
  });

  it('keeps its cues through one stray frame, and fires none once the master is lost', () => {
    const tb = createTimebase('25');
    const { clock, client, master, link, cues, start } = setup(tb);
    const cue = (id: string, label: string) => ({
      id,
      frame: parseFrame(tb, label),
      address: '/cue/x',
      args: [],
      withTimecode: false,
    });
    client.update({ cueList: [cue('a', '00:00:02:00'), cue('b', '00:00:10:00')] });
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 1990);
    client.receive(timecodeMessage(tb, 9000), null, clock.nowMs(), 'x'); // a jump not confirmed
    expect(client.stateAt(clock.nowMs())).toBe('lost');
    clock.advanceTo(ntpToUnixMs(start) + 2001);
    expect(cues).toHaveLength(1);
    link.isUp = false;
    clock.advanceTo(ntpToUnixMs(start) + 11_000);
    expect(cues).toHaveLength(1);
  });

  it('sends a cue now timetagged at the start of the current frame, plain while it has no estimate', () => {
    const { clock, client, master, cues, start } = setup();
    const first = client.sendCue(
      '/trigger/action',
      [{ type: 's', value: 'Play sound effect' }],
      true,
    );
    expect(first).toMatchObject({ label: null, timetag: null });
    expect(cues[0]!.timetag).toBeNull();
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 1010); // 10 ms into frame 25
    const sent = client.sendCue(
      '/trigger/action_tc',
      [{ type: 's', value: 'Start playback' }],
      true,
    );
    expect(sent.label).toBe('00:00:01:00');
    expect(ntpToUnixMs(sent.timetag!)).toBeCloseTo(ntpToUnixMs(start) + 1000, 3);
    expect(cues[1]!.message.args.at(-1)).toEqual({ type: 's', value: '00:00:01:00' });
  });

  it('refuses labels the rate does not have, and messages without one, counting them', () => {
    const { clock, client } = setup(createTimebase('25'));
    const msg = (value: string): OscMessage => ({
      kind: 'message',
      address: '/sync/timecode',
      args: [{ type: 's', value }],
    });
    expect(client.receive(msg('00:00:00:27'), null, clock.nowMs(), 'x')).toBeNull();
    expect(client.receive(msg('hello'), null, clock.nowMs(), 'x')).toBeNull();
    expect(
      client.receive(msg('00:00:00:24'), ntpFromUnixMs(clock.nowMs()), clock.nowMs(), 'x'),
    ).not.toBeNull();
    expect(client.counters()).toMatchObject({ badLabels: 2, framesReceived: 1 });
  });
});
