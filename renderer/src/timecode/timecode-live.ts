/**
 * The timecode's high-rate side, outside React: frames waiting for their instant (per role),
 * what the client heard (per received frame: the error plot and the "heard" line) and the
 * master's cue log, in fixed rings. A vanilla zustand store like the live store: streams mutate
 * the rings in place and bump a version; the display and the plot read them in the frame loop.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createRing, type Ring } from '../store/ring';
import type { CueLogItem, TimecodeErrorItem, TimecodeFrameItem } from './timecode-types';

/** The live timecode state. */
export interface TimecodeLiveState {
  /** Frames announced (ahead of, or just at, their instant), per role, oldest first. */
  readonly frames: { master: Ring<TimecodeFrameItem>; client: Ring<TimecodeFrameItem> };
  frameVersion: number;
  /** One per frame the client received: the error plot and the "heard" line. */
  readonly heard: Ring<TimecodeErrorItem>;
  heardVersion: number;
  readonly cues: Ring<CueLogItem>;
  cueVersion: number;
  pushFrames(items: readonly TimecodeFrameItem[]): void;
  pushHeard(items: readonly TimecodeErrorItem[]): void;
  pushCues(items: readonly CueLogItem[]): void;
  clearHeard(): void;
  clearCues(): void;
}

/** See {@link TimecodeLiveState}. */
export type TimecodeLive = StoreApi<TimecodeLiveState>;

/** Ring sizes: a second of frames ahead at 60 fps; two minutes heard at 25 fps; a show's cues. */
export interface TimecodeLiveOptions {
  frameCapacity?: number;
  heardCapacity?: number;
  cueCapacity?: number;
}

/** Creates the store with empty rings. */
export function createTimecodeLive(options: TimecodeLiveOptions = {}): TimecodeLive {
  const frameCapacity = options.frameCapacity ?? 128;
  const frames = {
    master: createRing<TimecodeFrameItem>(frameCapacity),
    client: createRing<TimecodeFrameItem>(frameCapacity),
  };
  const heard = createRing<TimecodeErrorItem>(options.heardCapacity ?? 3000);
  const cues = createRing<CueLogItem>(options.cueCapacity ?? 200);
  return createStore<TimecodeLiveState>()((set, get) => ({
    frames,
    frameVersion: 0,
    heard,
    heardVersion: 0,
    cues,
    cueVersion: 0,
    pushFrames(items) {
      for (const f of items) frames[f.role].push(f);
      set({ frameVersion: get().frameVersion + 1 });
    },
    pushHeard(items) {
      for (const h of items) heard.push(h);
      set({ heardVersion: get().heardVersion + 1 });
    },
    pushCues(items) {
      for (const c of items) cues.push(c);
      set({ cueVersion: get().cueVersion + 1 });
    },
    clearHeard() {
      heard.clear();
      set({ heardVersion: get().heardVersion + 1 });
    },
    clearCues() {
      cues.clear();
      set({ cueVersion: get().cueVersion + 1 });
    },
  }));
}
