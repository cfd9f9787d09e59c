/** Wires the timecode channels: the snapshot into the bound store, the streams into its live rings. */
import type { Bridge } from '../bridge';
import type { AppStore } from '../store/app-store';

/** Subscribes; returns the disconnectors. */
export function connectTimecode(bridge: Bridge, app: AppStore): (() => void)[] {
  const state = app.getState;
  const live = state().timecodeLive.getState();
  return [
    bridge.onState('timecode:changed', (s) => state().receiveTimecode(s)),
    bridge.onStream('stream:timecode-frames', (f) => live.pushFrames(f.items)),
    bridge.onStream('stream:timecode-errors', (f) => live.pushHeard(f.items)),
    bridge.onStream('stream:cue-log', (f) => live.pushCues(f.items)),
  ];
}
