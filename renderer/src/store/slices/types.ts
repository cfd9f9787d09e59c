/** The bound store's shape: every slice, and what the slices are built with. */
import type { StateCreator } from 'zustand/vanilla';
import type { Bridge } from '../../bridge';
import type { ThrottleTimers } from '../../lib/throttle';
import type { LiveStore } from '../live-store';
import type { ConnectionSlice } from './connection';
import type { EngineSlice } from './engine';
import type { MeasurementsSlice } from './measurements';
import type { MessagesSlice } from './messages';
import type { MetronomeSlice } from './metronome';
import type { TimecodeSlice } from '../../timecode/timecode-slice';
import type { PeersSlice } from '../../peers/peers-slice';
import type { UiSlice } from './ui';

/** The whole application state (one bound store). */
export type AppState = ConnectionSlice &
  EngineSlice &
  MetronomeSlice &
  MeasurementsSlice &
  MessagesSlice &
  UiSlice &
  TimecodeSlice &
  PeersSlice;

/** What every slice may use. */
export interface SliceDeps {
  bridge: Bridge;
  live: LiveStore;
  /** Wall-clock ms (injected in tests). */
  now: () => number;
  /** The interval between `metronome:update`s while a slider is dragged. */
  liveUpdateIntervalMs: number;
  /** Timers for that throttle (injected in tests). */
  timers?: ThrottleTimers;
}

/** A slice of {@link AppState}. */
export type Slice<T> = StateCreator<AppState, [], [], T>;
