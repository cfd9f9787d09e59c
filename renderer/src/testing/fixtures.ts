/** Engine snapshots and stream items for tests, with sensible defaults to override. */
import type {
  EngineSnapshot,
  MessageItem,
  MetronomeSettingsView,
  MetronomeSnapshot,
  SampleItem,
} from '../store/contract-types';
import { defaultMetronome } from '../store/defaults';
import { ZERO_RECEIVE_COUNTERS } from '../../../shared/ipc/constants';

/** An engine snapshot (receiver stopped unless given). */
export function engineSnapshot(
  receiver: EngineSnapshot['receiver'] = { status: 'stopped' },
): EngineSnapshot {
  return {
    receiver,
    counters: { ...ZERO_RECEIVE_COUNTERS },
    sent: { packets: 0, bytes: 0, errors: 0 },
  };
}

/** A metronome snapshot around `settings`. */
export function metronomeSnapshot(
  settings: MetronomeSettingsView = defaultMetronome(),
  patch: Partial<MetronomeSnapshot> = {},
): MetronomeSnapshot {
  return {
    settings,
    isRunning: false,
    counters: { beats: 0, packets: 0, sendErrors: 0, skippedBeats: 0 },
    lastBeat: null,
    targetErrors: {},
    unreachableTargets: {},
    ...patch,
  };
}

/** A plot sample. */
export function sample(patch: Partial<SampleItem> = {}): SampleItem {
  return {
    atMs: 1_000_000,
    key: 'k1',
    leadMs: 100,
    arrivalIntervalErrorMs: 0.5,
    dispatchErrorMs: 0.01,
    outputIntervalErrorMs: 0.02,
    isLate: false,
    ...patch,
  };
}

/** A received message. */
export function message(patch: Partial<MessageItem> = {}): MessageItem {
  return {
    address: '/py',
    args: ['s:"hello"'],
    timetag: null,
    playMs: 1_000_000,
    arrivalMs: 1_000_000,
    leadMs: null,
    source: '127.0.0.1:5555',
    classification: 'immediate',
    isLate: false,
    isDropped: false,
    ...patch,
  };
}
