import { describe, expect, it } from 'vitest';
import { decodePacket, type OscArg, type OscMessage } from '../../../shared/osc';
import {
  msToNtpUnits,
  ntpAddMs,
  ntpFromUnixMs,
  ntpToUnixMs,
  type NtpTime,
} from '../../../shared/osc/timetag';
import { createScheduler } from '../time/scheduler';
import { FakeClock, type FakeClockOptions } from '../../../shared/testing/fake-clock';
import { createMetronome, type BeatEvent } from './metronome';
import type { MetronomeSettings, MetronomeTarget } from '../../../shared/model';

const TWO32 = 1n << 32n;
const py: MetronomeTarget = { host: '127.0.0.1', port: 8000, address: '/py', format: 'seed' };
const pd: MetronomeTarget = { host: '127.0.0.1', port: 8001, address: '/pd', format: 'seed' };

interface Sent {
  atMs: number;
  host: string;
  port: number;
  timetag: NtpTime | null;
  message: OscMessage;
}

/** A metronome in virtual time whose `send` decodes and records every datagram. */
function setup(settings: Partial<MetronomeSettings> = {}, clockOptions: FakeClockOptions = {}) {
  const clock = new FakeClock(clockOptions);
  const scheduler = createScheduler({ clock, timers: clock });
  const sent: Sent[] = [];
  const beats: BeatEvent[] = [];
  const errors: Array<[unknown, MetronomeTarget | undefined]> = [];
  let failPort: number | null = null;
  const hooks: { onBeat?: (b: BeatEvent) => void; record: boolean } = { record: true };
  const metronome = createMetronome(
    {
      clock,
      scheduler,
      send: async (bytes, host, port) => {
        if (port === failPort) throw new Error(`nothing at ${port}`);
        if (!hooks.record) return;
        const p = decodePacket(bytes);
        const [timetag, message] =
          p.kind === 'bundle' ? [p.timetag, p.elements[0] as OscMessage] : [null, p];
        sent.push({ atMs: clock.nowMs(), host, port, timetag, message });
      },
      onBeat: (b) => {
        beats.push(b);
        hooks.onBeat?.(b);
      },
      onError: (e, t) => errors.push([e, t]),
    },
    { mode: 'forward', bpm: 120, accentEvery: 0, offsetMs: 100, targets: [py], ...settings },
  );
  const start = clock.nowNtp() + 12345n; // not on a millisecond boundary
  const flush = () => new Promise((r) => setImmediate(r)); // let rejected sends report
  const failAt = (p: number) => (failPort = p);
  return { clock, scheduler, metronome, sent, beats, errors, start, flush, failAt, hooks };
}

const ms = (t: NtpTime) => ntpToUnixMs(t);

describe('metronome in forward mode (part 4)', () => {
  it('stamps beat n with start + n x interval + F exactly and sends it at its grid time to every target', () => {
    const { clock, metronome, sent, start } = setup({ targets: [pd, py] });
    metronome.start(start);
    clock.advance(1900); // not within 2 ms of beat 4: the precise wait would reach it
    const F = msToNtpUnits(100);
    expect(sent.map((s) => [s.port, s.timetag])).toEqual([
      [8001, start + F],
      [8000, start + F],
      [8001, start + TWO32 / 2n + F],
      [8000, start + TWO32 / 2n + F],
      [8001, start + TWO32 + F],
      [8000, start + TWO32 + F],
      [8001, start + (3n * TWO32) / 2n + F],
      [8000, start + (3n * TWO32) / 2n + F],
    ]);
    sent.forEach((s, i) => expect(s.atMs).toBeCloseTo(ms(start) + Math.floor(i / 2) * 500, 6));
  });

  it('has drifted by exactly nothing after 24 h of virtual time: beat 144000 at 100 BPM is start + 86400 s + F', () => {
    const { clock, metronome, beats, start, hooks } = setup({ bpm: 100, offsetMs: 100 });
    hooks.record = false; // 144001 decoded packets would only slow the test down
    metronome.start(start);
    clock.advanceTo(ms(start) + 86_400_000 + 1);
    const F = msToNtpUnits(100);
    expect(beats).toHaveLength(144_001);
    const last = beats.at(-1)!;
    expect(last.n).toBe(144_000);
    expect(last.timetag).toBe(start + 86_400n * TWO32 + F);
    // Every beat, not only the last: n x 0.6 s rounded half up to 2^-32 s, plus F.
    const wrong = beats.filter((b, i) => {
      const ideal10 = BigInt(i) * 6n * TWO32; // 10 x (i x 0.6 s) in units
      return b.n !== i || b.beatNtp !== start + (ideal10 + 5n) / 10n || b.timetag !== b.beatNtp + F;
    });
    expect(wrong).toEqual([]);
    // ... and it was sent when due, not 24 h of timer error later.
    expect(last.sentMs).toBeCloseTo(ms(start) + 86_400_000, 3);
  });

  it('sends `lookaheadMs` before the grid time when asked, with the same timetag', () => {
    const { clock, metronome, sent, start } = setup({ lookaheadMs: 50 });
    metronome.start(ntpAddMs(start, 100));
    clock.advance(700);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.atMs).toBeCloseTo(ms(start) + 50, 6);
    expect(sent[0]!.timetag).toBe(ntpAddMs(start, 100) + msToNtpUnits(100));
    expect(sent[1]!.atMs).toBeCloseTo(ms(start) + 550, 6);
  });
});

describe('metronome in immediate mode (example 2)', () => {
  it('sends a plain /tick "tick" message at each grid time', () => {
    const { clock, metronome, sent, beats, start } = setup({ mode: 'immediate' });
    metronome.start(start);
    clock.advance(1200);
    expect(sent).toHaveLength(3);
    for (const [i, s] of sent.entries()) {
      expect(s.timetag).toBeNull();
      expect(s.message).toEqual({
        kind: 'message',
        address: '/py',
        args: [{ type: 's', value: 'tick' }],
      });
      expect(s.atMs).toBeCloseTo(ms(start) + i * 500, 6);
    }
    expect(beats.map((b) => b.timetag)).toEqual([null, null, null]);
  });
});

describe('metronome in offset mode (example 3)', () => {
  it('stamps each bundle with its actual send time + F, not the grid time', () => {
    // The precise wait overshoots by 0.3 ms, so actual send times differ from grid times.
    const { clock, metronome, sent, beats, start } = setup(
      { mode: 'offset', offsetMs: 250 },
      { waitOvershootMs: 0.3 },
    );
    metronome.start(ntpAddMs(start, 10));
    clock.advance(1200);
    expect(sent).toHaveLength(3);
    for (const [i, s] of sent.entries()) {
      expect(s.timetag).toBe(ntpFromUnixMs(s.atMs) + msToNtpUnits(250));
      expect(s.timetag).not.toBe(beats[i]!.beatNtp + msToNtpUnits(250));
      expect(beats[i]!.sentMs).toBe(s.atMs);
    }
  });
});

describe('metronome settings changes while running', () => {
  it('keeps the phase when the BPM changes: the next unsent beat keeps its time, later beats follow the new tempo, n continues', () => {
    const { clock, metronome, beats, start } = setup({ bpm: 120, offsetMs: 0 });
    metronome.start(start);
    clock.advanceTo(ms(start) + 1200); // beats 0, 1, 2 sent; beat 3 (at 1.5 s) is next
    metronome.update({ bpm: 60 });
    clock.advanceTo(ms(start) + 5600);
    expect(beats.map((b) => [b.n, b.beatNtp - start])).toEqual([
      [0, 0n],
      [1, TWO32 / 2n],
      [2, TWO32],
      [3, (3n * TWO32) / 2n],
      [4, (5n * TWO32) / 2n],
      [5, (7n * TWO32) / 2n],
      [6, (9n * TWO32) / 2n],
      [7, (11n * TWO32) / 2n],
    ]);
  });

  it('applies a BPM change made from onBeat to the beat after the one just sent', () => {
    const { clock, metronome, beats, start, hooks } = setup({ bpm: 120 });
    hooks.onBeat = (b) => {
      if (b.n === 2) metronome.update({ bpm: 240 });
    };
    metronome.start(start);
    clock.advanceTo(ms(start) + 2100);
    expect(beats.map((b) => [b.n, b.beatNtp - start])).toEqual([
      [0, 0n],
      [1, TWO32 / 2n],
      [2, TWO32],
      [3, (3n * TWO32) / 2n], // beat 3 was the next unsent one: it keeps its 120 BPM time
      [4, (7n * TWO32) / 4n],
      [5, 2n * TWO32],
    ]);
  });

  it('applies an offset change to the next unsent beat only', () => {
    const { clock, metronome, sent, start } = setup({ offsetMs: 100, lookaheadMs: 200 });
    metronome.start(ntpAddMs(start, 200));
    clock.advance(250); // beat 0 sent at start; beat 1 (sent at start + 500) still unsent
    metronome.update({ offsetMs: 400 });
    clock.advance(500);
    expect(sent.map((s) => s.timetag! - start)).toEqual([
      msToNtpUnits(200) + msToNtpUnits(100),
      msToNtpUnits(700) + msToNtpUnits(400),
    ]);
  });

  it('refuses bad changes with a clear message and keeps the old settings', () => {
    const { metronome } = setup();
    expect(() => metronome.update({ bpm: 400 })).toThrow('BPM must be between 20 and 300');
    expect(() => metronome.update({ offsetMs: -1 })).toThrow(
      'the forward offset must be between 0 and 2000 ms',
    );
    expect(metronome.settings.bpm).toBe(120);
  });
});

describe('metronome accents and wire formats', () => {
  const argsOf = (s: Sent): OscArg[] => s.message.args;

  it('accents every Nth beat starting with beat 0', () => {
    const { clock, metronome, beats, start } = setup({ accentEvery: 3 });
    metronome.start(start);
    clock.advance(3400);
    expect(beats.map((b) => b.accent)).toEqual([true, false, false, true, false, false, true]);
  });

  it('accents nothing when accentEvery is 0', () => {
    const { clock, metronome, beats, start } = setup({ accentEvery: 0 });
    metronome.start(start);
    clock.advance(1400);
    expect(beats.some((b) => b.accent)).toBe(false);
  });

  it('sends exactly one string "tick" in the seed format, accented beats included', () => {
    const { clock, metronome, sent, start } = setup({ accentEvery: 2 });
    metronome.start(start);
    clock.advance(1400);
    expect(sent.length).toBe(3);
    for (const s of sent) expect(argsOf(s)).toEqual([{ type: 's', value: 'tick' }]);
  });

  it('adds beat, accent, exact send time and mode in the extended format', () => {
    const { clock, metronome, sent, beats, start } = setup({
      accentEvery: 2,
      targets: [{ ...py, format: 'extended' }],
    });
    metronome.start(start);
    clock.advance(900);
    expect(sent.map(argsOf)).toEqual(
      beats.map((b) => [
        { type: 's', value: 'tick' },
        { type: 'i', value: b.n },
        { type: 'i', value: b.accent ? 1 : 0 },
        { type: 't', value: ntpFromUnixMs(b.sentMs) },
        { type: 's', value: 'forward' },
      ]),
    );
  });
});

describe('metronome robustness', () => {
  it('reports a failing send with its target and keeps ticking to the others', async () => {
    const { clock, metronome, sent, errors, start, flush, failAt } = setup({ targets: [pd, py] });
    failAt(8001);
    metronome.start(start);
    clock.advance(1200);
    await flush();
    expect(sent.map((s) => s.port)).toEqual([8000, 8000, 8000]);
    expect(errors).toHaveLength(3);
    for (const [e, t] of errors) {
      expect(t).toEqual(pd);
      expect(String(e)).toMatch(/nothing at 8001/);
    }
    expect(metronome.counters()).toMatchObject({ beats: 3, packets: 6, sendErrors: 3 });
  });

  it('keeps ticking when onBeat throws', () => {
    const clock = new FakeClock();
    const scheduler = createScheduler({ clock, timers: clock });
    const errors: unknown[] = [];
    const m = createMetronome(
      {
        clock,
        scheduler,
        send: async () => {},
        onBeat: () => {
          throw new Error('listener bug');
        },
        onError: (e) => errors.push(e),
      },
      { mode: 'immediate', bpm: 120, accentEvery: 0, offsetMs: 0, targets: [py] },
    );
    m.start();
    clock.advance(1200);
    expect(m.counters().beats).toBe(3);
    expect(errors).toHaveLength(3);
  });

  it('skips beats whose timetag has passed when started in the past, instead of sending a burst', () => {
    const { clock, metronome, sent, start } = setup({ offsetMs: 100 });
    metronome.start(ntpAddMs(start, -10_000)); // 20 beats ago
    clock.advance(0);
    // Beat 20 is due now; beats 0..19 would all be late (timetag <= now - 400 ms).
    expect(sent).toHaveLength(1);
    expect(sent[0]!.timetag).toBe(ntpAddMs(start, -10_000) + 10n * TWO32 + msToNtpUnits(100));
    expect(metronome.counters().skippedBeats).toBe(20);
  });

  it('in forward mode still sends a past beat whose timetag is ahead, at once', () => {
    const { clock, metronome, sent, start } = setup({ offsetMs: 300 });
    metronome.start(ntpAddMs(start, -200)); // beat 0: grid 200 ms ago, timetag 100 ms ahead
    clock.advance(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.timetag).toBe(ntpAddMs(start, -200) + msToNtpUnits(300));
    expect(metronome.counters().skippedBeats).toBe(0);
  });

  it('stops sending on stop and starts again from beat 0', () => {
    const { clock, metronome, beats, scheduler, start } = setup();
    metronome.start(start);
    clock.advance(700);
    metronome.stop();
    expect(metronome.isRunning).toBe(false);
    expect(scheduler.size).toBe(0);
    clock.advance(2000);
    expect(beats.map((b) => b.n)).toEqual([0, 1]);
    metronome.start();
    clock.advance(10);
    expect(beats.map((b) => b.n)).toEqual([0, 1, 0]);
  });
});
