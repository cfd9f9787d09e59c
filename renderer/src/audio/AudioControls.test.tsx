// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TickItem } from '../../../shared/ipc';
import { ntpAddMs, ntpFromUnixMs, ntpToHex } from '../../../shared/osc/timetag';
import type { Bridge } from '../bridge';
import { AudioControls } from './AudioControls';
import { createAudioOutput } from './audio-output';
import { DEFAULT_AUDIO_SETTINGS } from './audio-settings';
import { WINDOW_STATS_KEY, type AudioStats } from './audio-stats';
import { createFakeContext, FAKE_SOUNDS } from './fake-audio-context.test-util';
import { bytesOfDataUrl } from './tick-sounds';

const ORIGIN_MS = 1_763_600_000_000;

/** A bridge whose only live part is the tick stream, pushed by the test. */
function fakeBridge() {
  const tickListeners = new Set<(frame: { items: TickItem[]; dropped: number }) => void>();
  const bridge = {
    onStream: (name: string, listener: (frame: { items: TickItem[]; dropped: number }) => void) => {
      if (name !== 'stream:ticks') throw new Error(`unexpected stream ${name}`);
      tickListeners.add(listener);
      return () => tickListeners.delete(listener);
    },
    onState: () => () => undefined,
    onConnection: () => () => undefined,
    invoke: async () => {
      throw new Error('no commands here');
    },
    connection: 'open',
    dispose: () => undefined,
  } as unknown as Bridge;
  const push = (items: TickItem[], dropped = 0) =>
    act(() => tickListeners.forEach((l) => l({ items, dropped })));
  return { bridge, push, listeners: () => tickListeners.size };
}

function tick(pageMs: number, accent = false): TickItem {
  return {
    playNtp: ntpToHex(ntpAddMs(ntpFromUnixMs(ORIGIN_MS), pageMs)),
    playMs: ORIGIN_MS + pageMs,
    arrivalMs: ORIGIN_MS + pageMs - 100,
    leadMs: 100,
    classification: 'future',
    isLate: false,
    isDropped: false,
    accent,
    beat: null,
    source: '127.0.0.1:9000',
    address: '/tick',
    mode: 'forward',
  };
}

function setup(settings = {}) {
  const fake = createFakeContext({ baseLatency: 0.02, outputLatency: 0.06 });
  const output = createAudioOutput({
    createContext: () => fake.context,
    loadSounds: async () => FAKE_SOUNDS,
    originMs: ORIGIN_MS,
    settings: { ...DEFAULT_AUDIO_SETTINGS, ...settings },
    setInterval: () => 0,
    clearInterval: () => undefined,
  });
  const clock = () =>
    act(() => {
      for (let k = 0; k < 10; k++) {
        fake.setClock(0.2 + 0.02 * k, { contextTime: 0.02 * k, performanceTime: 1000 + 20 * k });
        output.sampleClock();
      }
    });
  const bridge = fakeBridge();
  const { unmount } = render(<AudioControls bridge={bridge.bridge} output={output} />);
  return { fake, output, clock, unmount, ...bridge };
}

afterEach(cleanup);

describe('AudioControls', () => {
  it('enables audio on a click, then plays the ticks the stream brings', async () => {
    const { fake, clock, push } = setup({ isCompensated: true });
    expect(screen.getByTestId('audio-status').textContent).toBe('off');
    await act(async () => fireEvent.click(screen.getByTestId('audio-enable')));
    clock();
    expect(screen.getByTestId('audio-status').textContent).toBe('on, 48000 Hz, clock settling…');
    push([tick(2500), tick(3000, true)]);
    expect(fake.sources.map((s) => [s.startedAt, s.buffer])).toEqual([
      [1.5, FAKE_SOUNDS.tick],
      [2, FAKE_SOUNDS.accent],
    ]);
    expect(screen.getByTestId('audio-played').textContent).toBe('2');
    expect(screen.getByTestId('audio-latency').textContent).toBe('80.0 ms'); // 4 buffers
    expect(screen.getByTestId('audio-enable').textContent).toBe('Disable audio');
  });

  it('says when the audio clock has settled', async () => {
    const { fake, output } = setup();
    await act(async () => fireEvent.click(screen.getByTestId('audio-enable')));
    act(() => {
      for (let k = 0; k < 200; k++) {
        fake.setClock(0.2 + 0.02 * k, { contextTime: 0.02 * k, performanceTime: 1000 + 20 * k });
        output.sampleClock();
      }
    });
    expect(screen.getByTestId('audio-status').textContent).toBe('on, 48000 Hz');
  });

  it('counts late and dropped ticks and suggests a larger offset when compensation cannot keep up', async () => {
    const { clock, push } = setup({ isCompensated: true });
    await act(async () => fireEvent.click(screen.getByTestId('audio-enable')));
    clock();
    push([tick(1100), { ...tick(2500), isDropped: true }], 1);
    expect(screen.getByTestId('audio-late').textContent).toBe('1');
    expect(screen.getByTestId('audio-dropped').textContent).toBe('2');
    expect(screen.getByTestId('audio-late-hint').textContent).toContain('80 ms');
  });

  it('drives the mix and settings from keyboard-reachable controls', async () => {
    const { fake, output } = setup();
    await act(async () => fireEvent.click(screen.getByTestId('audio-enable')));
    fireEvent.change(screen.getByTestId('audio-volume'), { target: { value: '0.25' } });
    expect(fake.gain.value).toBe(0.25);
    fireEvent.click(screen.getByTestId('audio-mute'));
    expect(fake.gain.value).toBe(0);
    fireEvent.change(screen.getByTestId('audio-pan'), { target: { value: 'right' } });
    expect(fake.pan.value).toBe(1);
    fireEvent.click(screen.getByTestId('audio-compensate'));
    fireEvent.change(screen.getByTestId('audio-late-policy'), { target: { value: 'drop' } });
    expect(output.settings).toMatchObject({ isCompensated: true, latePolicy: 'drop' });
    for (const id of ['audio-enable', 'audio-volume', 'audio-mute', 'audio-latency-hint']) {
      expect(screen.getByTestId(id).tabIndex).toBeGreaterThanOrEqual(0);
    }
  });

  it('exposes a read-only stats getter on window while mounted, and unsubscribes on unmount', () => {
    const { listeners, unmount } = setup();
    const stats = (window as unknown as Record<string, AudioStats | undefined>)[WINDOW_STATS_KEY];
    expect(stats).toMatchObject({ status: 'off', played: 0 });
    expect(() => {
      (window as unknown as Record<string, unknown>)[WINDOW_STATS_KEY] = {};
    }).toThrow(TypeError);
    expect(listeners()).toBe(1);
    unmount();
    expect(listeners()).toBe(0);
    expect(WINDOW_STATS_KEY in window).toBe(false);
  });
});

describe('AudioControls with ?audio=autostart', () => {
  afterEach(() => window.history.replaceState({}, '', '/'));

  it('starts audio without a click (tests run Chromium with autoplay allowed)', async () => {
    window.history.replaceState({}, '', '/?audio=autostart&pan=left');
    const { fake } = setup();
    await act(async () => undefined);
    expect(fake.state()).toBe('running');
  });
});

describe('the tick sounds', () => {
  it('are inlined WAV files', async () => {
    const { default: url } = await import('../../../assets/tick.wav?inline');
    const bytes = new Uint8Array(bytesOfDataUrl(url));
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('RIFF');
    expect(() => bytesOfDataUrl('/assets/tick.wav')).toThrow(/data: URL/);
  });
});
