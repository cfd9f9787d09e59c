/** The typed IPC contract: the table, its derived types, validation and the JSON arg encoding. */
export { contract } from './contract';
export type * from './types';
export * from './validate';
export * from './args-json';
export type {
  EngineSnapshot,
  ReceiverStatus,
  ReceiveCountersView,
  ThreadPriority,
} from './domains/engine';
export type { LogItem, MessageItem } from './domains/streams';
export { timetagView, type TimetagView } from './domains/common';
export type {
  MetronomeSettingsView,
  MetronomeSnapshot,
  MetronomeTargetView,
} from './domains/metronome';
export type { SampleItem, TickItem } from './domains/ticks';
export type { MeasurementsSnapshot, MetricSummaryView } from './domains/measurements';
export { PEER_ROLES, type PeerRole, type PeerView, type PeersSnapshot } from './domains/peers';
export type {
  ClientLockState,
  CueListEntry,
  CueLogItem,
  TimecodeErrorItem,
  TimecodeFrameItem,
  TimecodeRole,
  TimecodeSettings,
  TimecodeSnapshot,
  TimecodeTarget,
} from './domains/timecode';
export {
  PEER_CLOCK_STATES,
  TIMETAG_CLOCKS,
  type ClockSkewView,
  type ClockSnapshot,
  type PeerClockView,
  type TimetagClock,
} from './domains/clock';
export * from './constants';
export * from './ws-protocol';
export * from './errors';
