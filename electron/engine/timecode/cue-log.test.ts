import { describe, expect, it } from 'vitest';
import { msToNtpUnits, ntpFromUnixMs, ntpToHex, ntpToUnixMs } from '../../../shared/osc/timetag';
import { cueMessage, createTimebase, frameInstant, parseFrame } from '../../../shared/timecode';
import type { MasterPosition } from './master';
import { describeCue } from './cue-log';
import { anchorFrameAt, anchorInstant } from './anchor';

const tb = createTimebase('25');
const startNtp = ntpFromUnixMs(Date.UTC(2026, 10, 20, 12)) + 777n;
const anchor = { atNtp: startNtp, frame: parseFrame(tb, '00:00:10:00'), rate: tb.rate };
const running = (ntp: bigint): MasterPosition => {
  const frame = anchorFrameAt(anchor, ntp);
  return { frame, instantNtp: anchorInstant(anchor, frame) };
};
const from = { address: '127.0.0.1', port: 5006 };

describe('cue log', () => {
  it('compares a timetagged cue with the master at its timetag: same frame, ms into it', () => {
    const tag = frameInstant(startNtp, 3, tb.rate) + msToNtpUnits(10);
    const record = describeCue(
      {
        message: cueMessage('/cue/video_tc', 'Intro video cue', '00:00:10:03'),
        timetag: tag,
        arrivalMs: ntpToUnixMs(tag) + 30,
        from,
      },
      tb,
      running,
    );
    expect(record).toMatchObject({
      address: '/cue/video_tc',
      text: 'Intro video cue',
      masterLabel: '00:00:10:03',
      senderLabel: '00:00:10:03',
      diffFrames: 0,
      source: '127.0.0.1:5006',
      timetag: ntpToHex(tag),
    });
    expect(record.diffMs).toBeCloseTo(10, 6);
  });

  it('takes a plain cue at its arrival and shows how many frames late the sender label is', () => {
    const arrivalMs = ntpToUnixMs(frameInstant(startNtp, 7, tb.rate)) + 5;
    const record = describeCue(
      {
        message: cueMessage('/trigger/action_tc', 'Start playback', '00:00:10:05'),
        timetag: null,
        arrivalMs,
        from,
      },
      tb,
      running,
    );
    expect(record).toMatchObject({ masterLabel: '00:00:10:07', diffFrames: 2, timetag: null });
    expect(record.diffMs).toBeCloseTo(2 * 40 + 5, 3);
  });

  it('takes the short way round midnight, and leaves the figures empty without both labels', () => {
    const midnight = () => ({ frame: 1, instantNtp: null });
    const wrapped = describeCue(
      { message: cueMessage('/cue/x', 'x', '23:59:59:24'), timetag: null, arrivalMs: 0, from },
      tb,
      midnight,
    );
    expect(wrapped).toMatchObject({ masterLabel: '00:00:00:01', diffFrames: 2, diffMs: 80 });
    const plain = describeCue(
      { message: cueMessage('/cue/lighting', 'Scene Bright'), timetag: null, arrivalMs: 0, from },
      tb,
      midnight,
    );
    expect(plain).toMatchObject({ senderLabel: null, diffFrames: null, diffMs: null });
    const stopped = describeCue(
      { message: cueMessage('/cue/x', 'x', '00:00:01:00'), timetag: null, arrivalMs: 0, from },
      tb,
      () => null,
    );
    expect(stopped).toMatchObject({
      masterLabel: null,
      senderLabel: '00:00:01:00',
      diffFrames: null,
    });
  });
});
