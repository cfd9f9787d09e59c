/**
 * The timecode part of the fake engine for component tests: `timecode:*` answered from a held
 * snapshot (settings merged as the real engine merges them, transport state), every call recorded
 * by the fake bridge; and frame items to push on the stream.
 */
import type { FakeBridge } from '../testing/fake-bridge';
import { defaultTimecode } from './timecode-defaults';
import type { TimecodeFrameItem, TimecodeSettingsView, TimecodeSnapshot } from './timecode-types';

/** A snapshot around `settings` (master stopped, client stopped). */
export function timecodeSnapshot(
  settings: TimecodeSettingsView = defaultTimecode(),
): TimecodeSnapshot {
  return {
    settings,
    master: {
      state: 'stopped',
      frame: null,
      label: null,
      framesSent: 0,
      sendErrors: 0,
      skippedFrames: 0,
      cuesReceived: 0,
    },
    client: {
      state: 'stopped',
      frame: null,
      label: null,
      framesReceived: 0,
      badLabels: 0,
      lastErrorFrames: null,
      lastErrorMs: null,
      source: null,
      cuesSent: 0,
    },
    targetErrors: {},
  };
}

/** Installs the handlers; returns a reader of the engine's current snapshot. */
export function installFakeTimecode(bridge: FakeBridge): () => TimecodeSnapshot {
  let snap = timecodeSnapshot();
  const master = (state: TimecodeSnapshot['master']['state']) =>
    (snap = { ...snap, master: { ...snap.master, state } });
  bridge.handle('timecode:get', () => snap);
  bridge.handle('timecode:update', (patch) => {
    snap = { ...snap, settings: { ...snap.settings, ...(patch as Partial<TimecodeSettingsView>) } };
    return snap;
  });
  bridge.handle('timecode:start', () => master('running'));
  bridge.handle('timecode:pause', () => master('paused'));
  bridge.handle('timecode:stop', () => master('stopped'));
  bridge.handle('timecode:locate', () => snap);
  bridge.handle('timecode:cue', () => ({ label: '00:00:01:00', timetag: 'eb000000.00000000' }));
  return () => snap;
}

/** A frame item at `playMs`. */
export function frameItem(
  patch: Partial<TimecodeFrameItem> & { playMs: number; frame: number; label: string },
): TimecodeFrameItem {
  return { playNtp: '00000000.00000000', role: 'client', state: 'locked', ...patch };
}
