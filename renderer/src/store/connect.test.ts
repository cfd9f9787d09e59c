// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeBridge } from '../testing/fake-bridge';
import { sample } from '../testing/fixtures';
import { installFakeEngine } from '../testing/render-app';
import { createAppStore } from './app-store';
import { connectStores, persistStore } from './connect';
import { createLiveStore } from './live-store';
import { loadSettings, STORAGE_KEY } from './persistence';

afterEach(() => {
  vi.useRealTimers();
  localStorage.clear();
});

function boot() {
  const bridge = createFakeBridge();
  installFakeEngine(bridge);
  const live = createLiveStore();
  const store = createAppStore({ bridge, live, settings: loadSettings(localStorage).settings });
  const disconnect = connectStores(bridge, store, live);
  const stopSaving = persistStore(store, localStorage, 100);
  return { bridge, live, store, stop: () => (disconnect(), stopSaving()) };
}

describe('wiring the stores', () => {
  it('restores the settings a previous run changed', async () => {
    vi.useFakeTimers();
    const first = boot();
    first.store.getState().setReceiverPort(8001);
    first.store.getState().updateSettings({ bpm: 90, mode: 'offset' }, 'bpm');
    first.store.getState().setPlotWindow(120);
    await first.store.getState().applyPreset('ex3');
    first.store.getState().setComposer({ args: 'hello 42' });
    vi.advanceTimersByTime(150);
    first.stop();
    expect(localStorage.getItem(STORAGE_KEY)).not.toBeNull();

    const second = boot();
    const s = second.store.getState();
    expect(s.presetId).toBe('ex3');
    expect(s.receiver).toEqual({ role: 'pd', port: 8001, network: false });
    expect(s.settings).toMatchObject({ mode: 'offset', offsetMs: 500, bpm: 120 });
    expect(s.plot.windowS).toBe(120);
    expect(s.composer.args).toBe('hello 42');
    second.stop();
  });

  it('starts from defaults, without crashing, when the saved settings are garbage', () => {
    localStorage.setItem(STORAGE_KEY, '{"metronome": {"bpm": "fast"}, "plot": 7}');
    const { store, stop } = boot();
    expect(store.getState().settings.bpm).toBe(100);
    expect(store.getState().plot.windowS).toBe(30);
    stop();
  });

  it('routes stream frames into the live store, not the bound store', () => {
    const { bridge, live, store, stop } = boot();
    const renders = vi.fn();
    store.subscribe(renders);
    bridge.pushStream('stream:samples', { items: [sample(), sample()], dropped: 3 });
    expect(live.getState().samples.size).toBe(2);
    expect(live.getState().dropped.samples).toBe(3);
    expect(renders).not.toHaveBeenCalled();
    stop();
  });
});
