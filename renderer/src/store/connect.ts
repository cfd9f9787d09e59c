/**
 * Wires the bridge to the stores: pushed state into the bound store, stream frames into the
 * live store's rings; and saves the settings when they change. Returns the disconnector.
 */
import type { Bridge } from '../bridge';
import { persistedPart, type AppStore } from './app-store';
import type { LiveStore } from './live-store';
import { saveSettings } from './persistence';
import { connectTimecode } from '../timecode/connect-timecode';

/** Subscribes the stores to the bridge. */
export function connectStores(bridge: Bridge, app: AppStore, live: LiveStore): () => void {
  const state = app.getState;
  // The first engine snapshot after each (re)connection decides whether the receiver must be
  // started: a fresh or restarted host listens nowhere.
  let needsReceiver = true;
  const offs = [
    bridge.onConnection((connection) => {
      if (connection === 'open' && state().connection !== 'open') {
        state().markNeedsSync();
        state().markTimecodeNeedsSync();
        needsReceiver = true;
      }
      state().setConnection(connection);
    }),
    bridge.onState('engine:changed', (s) => {
      state().receiveEngine(s);
      if (!needsReceiver) return;
      needsReceiver = false;
      void state().ensureReceiver();
    }),
    bridge.onState('metronome:changed', (s) => state().receiveMetronome(s)),
    bridge.onState('measurements:changed', (s) => state().receiveMeasurements(s)),
    bridge.onState('peers:changed', (s) => state().receivePeers(s)),
    bridge.onState('clock:changed', (s) => state().receiveClocks(s)),
    bridge.onStream('stream:samples', (f) => live.getState().pushSamples(f.items, f.dropped)),
    bridge.onStream('stream:messages', (f) => live.getState().pushMessages(f.items, f.dropped)),
    bridge.onStream('stream:ticks', (f) => live.getState().pushTicks(f.items)),
    ...connectTimecode(bridge, app),
  ];
  return () => offs.forEach((off) => off());
}

/** Saves the persisted part of the state after it changes (debounced). */
export function persistStore(
  app: AppStore,
  storage: Pick<Storage, 'setItem'> | null,
  debounceMs = 250,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let saved = persistedPart(app.getState());
  const save = (): void => {
    timer = null;
    saved = persistedPart(app.getState());
    saveSettings(storage, saved);
  };
  const off = app.subscribe((s) => {
    const next = persistedPart(s);
    const isChanged = (Object.keys(next) as (keyof typeof next)[]).some(
      (k) => next[k] !== saved[k],
    );
    if (isChanged && timer === null) timer = setTimeout(save, debounceMs);
  });
  const flush = (): void => {
    if (timer !== null) clearTimeout(timer);
    save();
  };
  window.addEventListener('pagehide', flush);
  return () => {
    off();
    window.removeEventListener('pagehide', flush);
    if (timer !== null) flush();
  };
}
