import { describe, expect, it } from 'vitest';
import { decodePacket, type OscMessage } from '../../../shared/osc';
import { msToNtpUnits, ntpToUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import {
  FRAME_RATES,
  createTimebase,
  hasDropFrame,
  parseFrame,
  type Timebase,
} from '../../../shared/timecode';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createScheduler } from '../time/scheduler';
import { createTimecodeMaster, type MasterFrame, type MasterSettings } from './master';

const TWO32 = 1n << 32n;

interface Sent {
  atMs: number;
  port: number;
  timetag: NtpTime | null;
  label: string;
}

function setup(settings: Partial<MasterSettings> = {}, record = true) {
  const clock = new FakeClock();
  const scheduler = createScheduler({ clock, timers: clock });
  const sent: Sent[] = [];
  const frames: MasterFrame[] = [];
  const hooks: { onFrame?: (f: MasterFrame) => void } = {};
  const timebase = settings.timebase ?? createTimebase('25');
  const master = createTimecodeMaster(
    {
      clock,
      scheduler,
      send: async (bytes, _host, port) => {
        if (!record) return;
        const p = decodePacket(bytes);
        const [timetag, m] =
          p.kind === 'bundle' ? [p.timetag, p.elements[0] as OscMessage] : [null, p];
        const arg = m.args[0];
        sent.push({
          atMs: clock.nowMs(),
          port,
          timetag,
          label: arg?.type === 's' ? arg.value : '',
        });
      },
      onFrame: (f) => {
        frames.push(f);
        hooks.onFrame?.(f);
      },
    },
    {
      timebase,
      sendMode: 'plain',
      forwardMs: 100,
      wireFormat: 'seed',
      dropFrameSeparator: false,
      targets: [{ host: '127.0.0.1', port: 5006 }],
      startFrame: 0,
      ...settings,
    },
  );
  const start = clock.nowNtp() + 12345n; // not on a millisecond boundary
  return { clock, master, sent, frames, hooks, start, timebase };
}

/** Frame k's first tick, computed here independently: ceil(k x den x 2^32 / num) after start. */
function expectedInstant(start: NtpTime, k: number, tb: Timebase): NtpTime {
  const n = BigInt(k) * BigInt(tb.rate.den) * TWO32;
  const num = BigInt(tb.rate.num);
  return start + (n + num - 1n) / num;
}

const timebases = FRAME_RATES.flatMap((rate) => [
  createTimebase(rate),
  ...(hasDropFrame(rate) ? [createTimebase(rate, true)] : []),
]);

describe('timecode master', () => {
  it.each(timebases.map((tb) => [tb.name, tb] as const))(
    'sends frame k at start + k x frame duration exactly over an hour at %s',
    (_name, tb) => {
      const { clock, master, frames, start } = setup({ timebase: tb }, false);
      master.start(start);
      clock.advanceTo(ntpToUnixMs(start) + 3_600_000);
      const perHour = (3600 * tb.rate.num) / tb.rate.den;
      expect(frames.length).toBe(Math.floor(perHour) + 1);
      expect(master.counters().skippedFrames).toBe(0);
      for (let k = 0; k < frames.length; k += 997) {
        expect(frames[k]!.frame).toBe(k);
        expect(frames[k]!.instantNtp).toBe(expectedInstant(start, k, tb));
      }
      const last = frames.at(-1)!;
      expect(last.instantNtp).toBe(expectedInstant(start, last.frame, tb));
      expect(last.sentMs - ntpToUnixMs(last.instantNtp)).toBeGreaterThanOrEqual(-1e-6);
      expect(last.sentMs - ntpToUnixMs(last.instantNtp)).toBeLessThan(0.001);
      // One hour of labels: 01:00:00:00 lands where the counting puts it.
      const hourFrame = parseFrame(tb, '01:00:00:00');
      if (hourFrame < frames.length) expect(frames[hourFrame]!.label).toBe('01:00:00:00');
    },
  );

  it('plain mode sends the seed message "HH:MM:SS:FF" with no timetag, when the frame is due', () => {
    const { clock, master, sent, start } = setup();
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 1000);
    expect(sent.slice(0, 3).map((s) => s.label)).toEqual([
      '00:00:00:00',
      '00:00:00:01',
      '00:00:00:02',
    ]);
    expect(sent.every((s) => s.timetag === null)).toBe(true);
    expect(sent[25]!.label).toBe('00:00:01:00');
    expect(sent[25]!.atMs).toBeCloseTo(ntpToUnixMs(start) + 1000, 3);
  });

  it('forward mode sends a bundle at the frame instant timetagged instant + F exactly', () => {
    const tb = createTimebase('29.97', true);
    const { clock, master, sent, frames, start } = setup({
      timebase: tb,
      sendMode: 'forward',
      forwardMs: 250,
    });
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 2000);
    expect(sent.length).toBeGreaterThan(50);
    for (let i = 0; i < sent.length; i++) {
      expect(sent[i]!.timetag).toBe(expectedInstant(start, i, tb) + msToNtpUnits(250));
      expect(sent[i]!.atMs).toBeCloseTo(ntpToUnixMs(frames[i]!.instantNtp), 3);
    }
  });

  it('sends every frame to every target', () => {
    const targets = [5006, 5007, 5008].map((port) => ({ host: '127.0.0.1', port }));
    const { clock, master, sent, start } = setup({ targets });
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 400);
    expect(sent.map((s) => s.port)).toEqual(Array.from({ length: 33 }, (_, i) => 5006 + (i % 3)));
    expect(master.counters()).toMatchObject({ framesSent: 11, packets: 33 });
  });

  it('pause holds the frame and resume continues with the next one, due at the resume', () => {
    const { clock, master, frames, start } = setup();
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 10 * 40 + 1);
    master.pause();
    expect(master.state).toBe('paused');
    expect(master.positionAt(clock.nowNtp())).toEqual({ frame: 10, instantNtp: null });
    clock.advance(5000);
    expect(frames.length).toBe(11);
    const resumeNtp = clock.nowNtp();
    master.start(resumeNtp);
    clock.advance(100);
    expect(frames[11]).toMatchObject({ frame: 11, label: '00:00:00:11', instantNtp: resumeNtp });
    expect(frames[12]!.instantNtp).toBe(expectedInstant(resumeNtp, 1, createTimebase('25')));
  });

  it('locate moves a running master to a label due now, and a stopped one to where start begins', () => {
    const tb = createTimebase('25');
    const { clock, master, frames, start } = setup({ timebase: tb });
    master.locate(parseFrame(tb, '00:10:00:00'));
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 1);
    expect(frames[0]!.label).toBe('00:10:00:00');
    clock.advance(200);
    const at = clock.nowNtp();
    master.locate(parseFrame(tb, '01:00:00:00'));
    clock.advance(100);
    const located = frames.find((f) => f.label === '01:00:00:00')!;
    expect(located.instantNtp).toBe(at);
    expect(frames.at(-1)!.label).toBe('01:00:00:02');
    master.stop();
    expect(master.lastFrame).toBeNull();
    master.start();
    clock.advance(1);
    expect(frames.at(-1)!.label).toBe('00:00:00:00');
  });

  it('a rate change re-anchors at the next unsent frame and keeps its label', () => {
    const { clock, master, frames, start } = setup();
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 12 * 40 + 1); // frame 12 sent
    const due13 = expectedInstant(start, 13, createTimebase('25'));
    const fifty = createTimebase('50');
    master.update({ timebase: fifty });
    clock.advance(100);
    const after = frames.slice(13);
    expect(after[0]).toMatchObject({ label: '00:00:00:26', instantNtp: due13 });
    expect(after[1]).toMatchObject({
      label: '00:00:00:27',
      instantNtp: expectedInstant(due13, 1, fifty),
    });
  });

  it('skips the frames a stalled machine missed, counts them, and never sends them in a burst', () => {
    const { clock, master, frames, hooks, start } = setup();
    hooks.onFrame = (f) => {
      if (f.frame === 5) clock.waitUntil(clock.nowMs() + 500); // the thread blocks 500 ms
    };
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 1000);
    const afterStall = frames[6]!;
    // 500 ms past frame 5 is frame 17.5: 17 is half over, 18 is the first one still due.
    expect(afterStall.frame).toBe(18);
    expect(master.counters().skippedFrames).toBe(12);
    expect(afterStall.instantNtp).toBe(expectedInstant(start, 18, createTimebase('25')));
  });

  it('tells the displayed timecode at an instant, shifted by F in forward mode', () => {
    const { clock, master, start } = setup({ sendMode: 'forward', forwardMs: 100 });
    expect(master.positionAt(start)).toBeNull();
    master.start(start);
    clock.advanceTo(ntpToUnixMs(start) + 1);
    // Frame 0 is displayed from start + 100 ms; frame 3 (120 ms later) from start + 220 ms.
    expect(master.positionAt(start + msToNtpUnits(230))).toEqual({
      frame: 3,
      instantNtp: expectedInstant(start, 3, createTimebase('25')) + msToNtpUnits(100),
    });
  });
});
