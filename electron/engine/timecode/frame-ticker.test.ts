import { describe, expect, it } from 'vitest';
import { msToNtpUnits, ntpToUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import { createTimebase } from '../../../shared/timecode';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { createScheduler } from '../time/scheduler';
import { createFrameTicker } from './frame-ticker';

const rate = createTimebase('30').rate;

function setup() {
  const clock = new FakeClock();
  const scheduler = createScheduler({ clock, timers: clock });
  const calls: Array<[number, NtpTime]> = [];
  const errors: Error[] = [];
  const ticker = createFrameTicker({
    clock,
    scheduler,
    onFrame: (frame, instant) => calls.push([frame, instant]),
    onError: (e) => errors.push(e),
  });
  return { clock, ticker, calls, errors, start: clock.nowNtp() + 999n };
}

describe('frame ticker', () => {
  it('calls each frame once at its instant from the anchor, starting at the frame due next', () => {
    const { clock, ticker, calls, start } = setup();
    // Frame 101 began 16.7 ms before start: 102 is the first one starting after now.
    ticker.start({ atNtp: start - msToNtpUnits(50), frame: 100, rate });
    clock.advanceTo(ntpToUnixMs(start) + 100);
    expect(calls.map(([f]) => f)).toEqual([102, 103, 104]);
    expect(calls[0]![1]).toBe(start - msToNtpUnits(50) + (2n * (1n << 32n) + 29n) / 30n);
  });

  it('never calls a frame again when a nudged anchor moves its instant past now', () => {
    const { clock, ticker, calls, start } = setup();
    const anchor = { atNtp: start, frame: 0, rate };
    ticker.start(anchor, { from: 0 });
    clock.advanceTo(ntpToUnixMs(start) + 1); // frame 0 called
    ticker.start({ ...anchor, atNtp: start + msToNtpUnits(2) }, { after: ticker.lastFrame! });
    clock.advanceTo(ntpToUnixMs(start) + 80);
    expect(calls.map(([f]) => f)).toEqual([0, 1, 2]);
    expect(calls[1]![1]).toBe(start + msToNtpUnits(2) + ((1n << 32n) + 29n) / 30n);
  });

  it('still calls the frame that was due when a nudge arrived just after its instant', () => {
    // The message for frame 1 lands a hair after frame 1's instant, before the ticker's own
    // timer for frame 1 ran (a busy event loop): the nudge must not drop frame 1.
    const { clock, ticker, calls, start } = setup();
    const anchor = { atNtp: start, frame: 0, rate };
    ticker.start(anchor, { from: 0 });
    clock.advanceTo(ntpToUnixMs(start) + 1); // frame 0 called
    clock.waitUntil(ntpToUnixMs(start) + 1000 / 30 + 0.5); // frame 1 due, its timer not yet run
    ticker.start({ ...anchor, atNtp: start + msToNtpUnits(0.2) }, { after: ticker.lastFrame! });
    clock.advanceTo(ntpToUnixMs(start) + 80);
    expect(calls.map(([f]) => f)).toEqual([0, 1, 2]);
    expect(ticker.skipped).toBe(0);
  });

  it('stops and says so when the scheduler queue is full', () => {
    const clock = new FakeClock();
    const scheduler = createScheduler({ clock, timers: clock, capacity: 1 });
    scheduler.schedule(clock.nowNtp() + msToNtpUnits(5000), () => {}); // the one slot taken
    const errors: Error[] = [];
    const ticker = createFrameTicker({
      clock,
      scheduler,
      onFrame: () => {},
      onError: (e) => errors.push(e),
    });
    ticker.start({ atNtp: clock.nowNtp(), frame: 0, rate }, { from: 0 });
    expect(ticker.isRunning).toBe(false);
    expect(errors[0]?.message).toMatch(/queue is full/);
  });
});
