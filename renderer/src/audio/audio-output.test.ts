import { describe, expect, it } from 'vitest';
import type { TickItem } from '../../../shared/ipc';
import { ntpAddMs, ntpFromUnixMs, ntpToHex } from '../../../shared/osc/timetag';
import { createAudioOutput } from './audio-output';
import { DEFAULT_AUDIO_SETTINGS, type AudioSettings } from './audio-settings';
import { createFakeContext, FAKE_SOUNDS } from './fake-audio-context.test-util';
import { latchedLatencySec } from './output-latency';
import { LATE_MARGIN_MS } from './tick-plan';

const ORIGIN_MS = 1_763_600_000_000;
const RATE = 48_000;
const BASE = 0.02;
const OUTPUT = 0.0601;

/** A forward tick due `pageMs` after the page's time origin (exact NTP). */
function tick(pageMs: number, over: Partial<TickItem> = {}): TickItem {
  return {
    playNtp: ntpToHex(ntpAddMs(ntpFromUnixMs(ORIGIN_MS), pageMs)),
    playMs: ORIGIN_MS + pageMs,
    arrivalMs: ORIGIN_MS + pageMs - 80,
    leadMs: 80,
    classification: 'future',
    isLate: false,
    isDropped: false,
    accent: false,
    beat: 1,
    source: '127.0.0.1:9000',
    address: '/tick',
    mode: 'forward',
    ...over,
  };
}

/** The clock used below: context s = (page ms - 1000) / 1000; currentTime 0.38 s at the end. */
function feedClock(fake: ReturnType<typeof createFakeContext>, output: { sampleClock(): void }) {
  for (let k = 0; k < 10; k++) {
    fake.setClock(0.2 + 0.02 * k, { contextTime: 0.02 * k, performanceTime: 1000 + 20 * k });
    output.sampleClock();
  }
}

async function setup(
  settings: Partial<AudioSettings> = {},
  { clock = true, engineOffsetMs }: { clock?: boolean; engineOffsetMs?: () => number | null } = {},
) {
  const fake = createFakeContext({ sampleRate: RATE, baseLatency: BASE, outputLatency: OUTPUT });
  const output = createAudioOutput({
    createContext: (hint) => {
      fake.latencyHints.push(hint);
      return fake.context;
    },
    loadSounds: async () => FAKE_SOUNDS,
    originMs: ORIGIN_MS,
    settings: { ...DEFAULT_AUDIO_SETTINGS, ...settings },
    engineOffsetMs,
    setInterval: () => 0,
    clearInterval: () => undefined,
  });
  await output.enable();
  if (clock) feedClock(fake, output);
  const starts = () => fake.sources.map((s) => s.startedAt);
  return { fake, output, starts };
}

const frame = (sec: number) => Math.round(sec * RATE) / RATE;

describe('the audio output schedules ticks', () => {
  it('at the context time of their exact play time plus the output latency, on a sample frame', async () => {
    const { output, starts } = await setup({ isCompensated: false });
    expect(output.stats().status).toBe('running');
    output.play([tick(2500.015), tick(3000)]);
    // Latency 20 + 60.1 ms = 4 buffers of 20 ms; 1.500015 s + 0.08 s = frame 75840.72 -> 75841.
    expect(starts()).toEqual([75841 / RATE, 2.08]);
    expect(output.stats()).toMatchObject({ received: 2, scheduled: 2, played: 2, late: 0 });
    expect(output.stats().latencyMs).toBeCloseTo(80, 9);
  });

  it('at exactly the mapped time when compensating (the sound leaves the speaker then)', async () => {
    const { output, starts } = await setup({ isCompensated: true });
    output.play([tick(2500), tick(2500.5)]);
    expect(starts()).toEqual([1.5, 1.5005]);
  });

  it('places a tick on the page’s clock when the engine’s clock is ahead of it', async () => {
    // The engine (another device) reads 250.5 ms more than this page: its 2750.5 is our 2500.
    const { output, starts } = await setup(
      { isCompensated: true },
      { engineOffsetMs: () => 250.5 },
    );
    output.play([
      tick(2750.5),
      tick(3250.5, { classification: 'immediate', arrivalMs: ORIGIN_MS + 1600.5 }),
    ]);
    // Arrival on our clock + the plain tick's delay (30 ms, two buffers, and the compensated
    // output latency of 80 ms).
    const immediate = 1600.5 - 250.5 + 30 + 2 * BASE * 1000 + 80;
    expect(starts()).toEqual([1.5, frame((immediate - 1000) / 1000)]);
    expect(output.stats().recent[0]).toMatchObject({ playMs: ORIGIN_MS + 2750.5 });
    expect(output.stats().recent[0]!.pageMs).toBeCloseTo(ORIGIN_MS + 2500, 6);
  });

  it('holds ticks back until the page has measured the engine’s clock', async () => {
    let offset: number | null = null;
    const { output, starts } = await setup(
      { isCompensated: true },
      { engineOffsetMs: () => offset },
    );
    output.play([tick(2500)]);
    expect(starts()).toEqual([]);
    expect(output.stats()).toMatchObject({ beforeClock: 1, dropped: 0 });
    offset = 0;
    output.play([tick(2600)]);
    expect(starts()).toEqual([1.6]);
  });

  it('plays a tick whose time has passed at once, counted late, under the play policy', async () => {
    const { output, starts } = await setup({ isCompensated: true, latePolicy: 'play' });
    output.play([tick(1100)]);
    expect(starts()).toEqual([0]);
    expect(output.stats()).toMatchObject({ played: 1, late: 1, scheduled: 0, dropped: 0 });
    expect(output.stats().recent[0]).toMatchObject({ isLate: true, whenSec: 0 });
  });

  it('drops it under the drop policy, and counts it late and dropped', async () => {
    const { output, starts } = await setup({ isCompensated: true, latePolicy: 'drop' });
    output.play([tick(1100)]);
    expect(starts()).toEqual([]);
    expect(output.stats()).toMatchObject({ played: 0, late: 1, dropped: 1 });
  });

  it('treats a tick within the safety margin as late', async () => {
    const { output, starts } = await setup({ isCompensated: true, latePolicy: 'drop' });
    // currentTime is 0.38 s = page 1380 ms on this clock.
    output.play([tick(1380 + LATE_MARGIN_MS - 1), tick(1380 + LATE_MARGIN_MS + 1)]);
    expect(starts()).toEqual([frame(0.38 + (LATE_MARGIN_MS + 1) / 1000)]);
    expect(output.stats()).toMatchObject({ late: 1, scheduled: 1 });
  });

  it('never starts a tick the engine dropped', async () => {
    const { output, starts } = await setup();
    output.play([tick(2500, { isDropped: true, isLate: true, classification: 'late' })], 2);
    expect(starts()).toEqual([]);
    expect(output.stats()).toMatchObject({ received: 1, dropped: 3, played: 0 });
  });

  it('uses the accent buffer for accented ticks', async () => {
    const { fake, output } = await setup();
    output.play([tick(2500, { accent: true }), tick(3000)]);
    expect(fake.sources.map((s) => s.buffer)).toEqual([FAKE_SOUNDS.accent, FAKE_SOUNDS.tick]);
    expect(fake.sources.every((s) => s.connections.length === 1)).toBe(true);
  });

  it('plays plain (immediate) ticks a fixed delay after their arrival', async () => {
    const { output, starts } = await setup({ isCompensated: false });
    output.play([
      tick(0, { classification: 'immediate', arrivalMs: ORIGIN_MS + 2000, leadMs: null }),
    ]);
    // arrival + 30 ms + two buffers (40 ms) = page 2070 ms = 1.07 s, then the latency.
    expect(starts()).toEqual([frame(1.07 + 0.08)]);
  });

  it('schedules nothing before the clock is mapped, and does not call those ticks dropped', async () => {
    const { output, starts } = await setup({}, { clock: false });
    output.play([tick(2500)]);
    expect(starts()).toEqual([]);
    expect(output.stats()).toMatchObject({ status: 'starting', dropped: 0, beforeClock: 1 });
  });

  it('is not moved by one wild getOutputTimestamp pair', async () => {
    const { fake, output, starts } = await setup({ isCompensated: true });
    fake.setClock(0.4, { contextTime: 0.2 + 0.03, performanceTime: 1200 });
    output.sampleClock();
    output.play([tick(2500)]);
    expect(starts()).toEqual([1.5]);
  });

  it('ignores ticks while off', async () => {
    const { output, starts } = await setup();
    await output.disable();
    output.play([tick(2500)]);
    expect(starts()).toEqual([]);
    expect(output.stats().status).toBe('off');
  });
});

describe('the latched output latency', () => {
  it('is the median of the first readings in whole buffers, bounded', () => {
    const base = 0.02;
    // PulseAudio under load: readings wobble, one is absurd.
    expect(latchedLatencySec(base, [0.0773, 0.0853, 10.02, 0.0853, 0.0693])).toBeCloseTo(0.08, 12);
    expect(latchedLatencySec(base, [0.0773])).toBeCloseTo(0.08, 12);
    expect(latchedLatencySec(base, [0.005])).toBeCloseTo(0.02, 12);
    expect(latchedLatencySec(base, [30])).toBeCloseTo(1, 12);
    expect(latchedLatencySec(0, [0.0123])).toBe(0.0123);
  });
});

describe('the audio output settings', () => {
  it('apply volume, mute and pan to the mix', async () => {
    const { fake, output } = await setup({ volume: 0.5, pan: 'left' });
    expect(fake.gain.value).toBe(0.5);
    expect(fake.pan.value).toBe(-1);
    output.update({ isMuted: true, pan: 'right' });
    expect(fake.gain.value).toBe(0);
    expect(fake.pan.value).toBe(1);
  });

  it('recreate the context when the latency hint changes', async () => {
    const { fake, output } = await setup({ latencyHint: 'playback' });
    output.update({ latencyHint: 'interactive' });
    await Promise.resolve();
    expect(fake.latencyHints).toEqual(['playback', 'interactive']);
    expect(output.stats().status).toBe('starting');
  });
});
