/**
 * Renders panels (or the whole App) against a fake bridge backed by a tiny fake engine, with
 * fresh stores and a frame loop the test advances by hand.
 */
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { AppProvider, type AppServices } from '../app-context';
import { browserPageNowMs, createEngineClock, type EngineClock } from '../clock/engine-clock';
import type { ThrottleTimers } from '../lib/throttle';
import { createFrameLoop, type FrameScheduler } from '../plot/frame-loop';
import { createAppStore, type AppStore } from '../store/app-store';
import { connectStores } from '../store/connect';
import type { MetronomeSettingsView } from '../store/contract-types';
import { createLiveStore, type LiveStore } from '../store/live-store';
import { defaultSettings, type PersistedSettings } from '../store/persistence';
import { createFakeBridge, type FakeBridge } from './fake-bridge';
import { engineSnapshot, metronomeSnapshot } from './fixtures';

/** Frames that run only when the test says so. */
export function manualFrames(): FrameScheduler & { run(nowMs?: number): void } {
  let callbacks: ((now: number) => void)[] = [];
  return {
    request(cb) {
      callbacks.push(cb);
      return callbacks.length;
    },
    cancel() {},
    run(nowMs = performance.now()) {
      const due = callbacks;
      callbacks = [];
      for (const cb of due) cb(nowMs);
    },
  };
}

/** The fake engine's behaviour: enough of the real one for the UI's logic. */
export function installFakeEngine(bridge: FakeBridge, initial?: MetronomeSettingsView): void {
  let metronome = metronomeSnapshot(initial);
  let engine = engineSnapshot();
  bridge.handle('engine:get', () => engine);
  bridge.handle('receiver:start', (r) => {
    engine = engineSnapshot({
      status: 'listening',
      host: r.host ?? '127.0.0.1',
      port: r.port,
      latePolicy: r.latePolicy ?? 'play',
    });
    return engine;
  });
  bridge.handle('receiver:stop', () => (engine = engineSnapshot()));
  bridge.handle('metronome:get', () => metronome);
  bridge.handle('metronome:update', (patch) => {
    metronome = {
      ...metronome,
      settings: { ...metronome.settings, ...patch } as MetronomeSettingsView,
    };
    return metronome;
  });
  bridge.handle('metronome:start', () => (metronome = { ...metronome, isRunning: true }));
  bridge.handle('metronome:stop', () => (metronome = { ...metronome, isRunning: false }));
  bridge.handle('measurements:get', () => ({ streams: [], untrackedTicks: 0 }));
  bridge.handle('measurements:reset', () => ({ streams: [], untrackedTicks: 0 }));
  bridge.handle('measurements:csv', () => ({ csv: 'a,b\n1,2\n', filename: 'ticks.csv' }));
  bridge.handle('osc:send', (r) => ({ bytes: 12 + 4 * (r.args?.length ?? 0), timetag: null }));
}

/** What a rendered test gets. */
export interface Harness {
  bridge: FakeBridge;
  store: AppStore;
  live: LiveStore;
  frames: ReturnType<typeof manualFrames>;
  clock: EngineClock;
  view: RenderResult;
}

/** Renders `ui` with fresh services. */
export function renderWithServices(
  ui: ReactElement,
  options: {
    settings?: PersistedSettings;
    bridge?: FakeBridge;
    timers?: ThrottleTimers;
    now?: () => number;
    /** The page's engine clock (default: one that has measured nothing, no pinger running). */
    clock?: EngineClock;
  } = {},
): Harness {
  const bridge = options.bridge ?? createFakeBridge();
  if (!options.bridge) installFakeEngine(bridge);
  const live = createLiveStore({ sampleCapacity: 256, messageCapacity: 100 });
  const store = createAppStore({
    bridge,
    live,
    settings: options.settings ?? defaultSettings(),
    timers: options.timers,
    now: options.now,
  });
  const frames = manualFrames();
  const clock = options.clock ?? createEngineClock({ pageNowMs: browserPageNowMs });
  const services: AppServices = { bridge, store, live, frames: createFrameLoop(frames), clock };
  connectStores(bridge, store, live);
  const view = render(<AppProvider services={services}>{ui}</AppProvider>);
  return { bridge, store, live, frames, clock, view };
}
