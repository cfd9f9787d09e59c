/**
 * The views the UI works with, derived from the contract table by channel name (never
 * redeclared), so a change in `shared/ipc` shows up here as a compile error.
 */
import type {
  CommandInput,
  CommandResponse,
  StateValue,
  StreamItem,
} from '../../../shared/ipc/types';

/** `metronome:changed`: settings, transport, counters, last beat, per-target errors. */
export type MetronomeSnapshot = StateValue<'metronome:changed'>;
/** Everything the metronome is told (what the UI edits and persists). */
export type MetronomeSettingsView = MetronomeSnapshot['settings'];
/** One place ticks go, with its optional impairment relay. */
export type MetronomeTargetView = MetronomeSettingsView['targets'][number];
/** Network impairment in front of one target: all zero means direct. */
export type ImpairmentView = MetronomeTargetView['impairment'];
/** immediate | offset | forward. */
export type MetronomeMode = MetronomeSettingsView['mode'];
/** seed | extended. */
export type TickFormat = MetronomeTargetView['format'];
/** What `metronome:update` accepts. */
export type MetronomeUpdate = CommandInput<'metronome:update'>;

/** `measurements:changed`: rolling statistics per tick stream. */
export type MeasurementsSnapshot = StateValue<'measurements:changed'>;
/** One tick stream's statistics. */
export type StreamStats = MeasurementsSnapshot['streams'][number];
/** One metric's summary (null where undefined, e.g. no values yet). */
export type MetricSummary = StreamStats['metrics']['leadMs'];

/** `engine:changed`: receiver status and counters. */
export type EngineSnapshot = StateValue<'engine:changed'>;
/** One tick announced on arrival, ahead of its play time. */
export type TickItem = StreamItem<'stream:ticks'>;
/** One dispatched tick's measurements (the live plot's points). */
export type SampleItem = StreamItem<'stream:samples'>;
/** One received OSC message. */
export type MessageItem = StreamItem<'stream:messages'>;
/** What `osc:send` accepts. */
export type OscSendRequest = CommandInput<'osc:send'>;
/** What `osc:send` answers. */
export type OscSendResult = CommandResponse<'osc:send'>;
/** What `measurements:csv` answers. */
export type MeasurementsCsv = CommandResponse<'measurements:csv'>;
