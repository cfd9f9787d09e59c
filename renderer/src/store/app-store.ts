/**
 * The one bound store of the UI, built from typed slices (connection, engine, metronome,
 * measurements, messages, ui). Low-rate state only: samples and messages live in the live store.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Bridge } from '../bridge';
import type { ThrottleTimers } from '../lib/throttle';
import type { LiveStore } from './live-store';
import type { PersistedSettings } from './persistence';
import { createConnectionSlice } from './slices/connection';
import { createEngineSlice } from './slices/engine';
import { createMeasurementsSlice } from './slices/measurements';
import { createMessagesSlice } from './slices/messages';
import { createMetronomeSlice } from './slices/metronome';
import type { AppState, SliceDeps } from './slices/types';
import { createTimecodeSlice } from '../timecode/timecode-slice';
import { createPeersSlice } from '../peers/peers-slice';
import { createUiSlice } from './slices/ui';

export type { AppState } from './slices/types';

/** The bound store. */
export type AppStore = StoreApi<AppState>;

/** What the store is built from. */
export interface AppStoreOptions {
  bridge: Bridge;
  live: LiveStore;
  settings: PersistedSettings;
  now?: () => number;
  /** Default 50 ms: at most 20 slider updates a second. */
  liveUpdateIntervalMs?: number;
  timers?: ThrottleTimers;
}

/** Creates the bound store from the saved settings. */
export function createAppStore(options: AppStoreOptions): AppStore {
  const deps: SliceDeps = {
    bridge: options.bridge,
    live: options.live,
    now: options.now ?? (() => Date.now()),
    liveUpdateIntervalMs: options.liveUpdateIntervalMs ?? 50,
    timers: options.timers,
  };
  const { settings } = options;
  return createStore<AppState>()((...a) => ({
    ...createConnectionSlice(deps)(...a),
    ...createEngineSlice(deps, settings.receiver)(...a),
    ...createMetronomeSlice(deps, settings.metronome)(...a),
    ...createMeasurementsSlice(deps)(...a),
    ...createMessagesSlice(deps, settings.composer)(...a),
    ...createUiSlice({ presetId: settings.presetId, plot: settings.plot })(...a),
    ...createTimecodeSlice(deps, settings.timecode)(...a),
    ...createPeersSlice(deps)(...a),
  }));
}

/** The part of the state that is saved. */
export function persistedPart(s: AppState): PersistedSettings {
  return {
    receiver: s.receiver,
    metronome: s.settings,
    composer: s.composer,
    presetId: s.presetId,
    plot: s.plot,
    timecode: s.timecodeSettings,
  };
}
