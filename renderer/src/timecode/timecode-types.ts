/**
 * The timecode views the page works with, derived from the contract by channel name (never
 * redeclared), so a change in the contract shows up here as a compile error.
 */
import type { CommandInput, StateValue, StreamItem } from '../../../shared/ipc/types';

/** `timecode:changed`: settings, the master's and the client's state, errors per target. */
export type TimecodeSnapshot = StateValue<'timecode:changed'>;
/** Everything the timecode roles are told (what the panel edits and the page persists). */
export type TimecodeSettingsView = TimecodeSnapshot['settings'];
/** off | master | client | pair. */
export type TimecodeRole = TimecodeSettingsView['role'];
/** Where the master sends frames. */
export type TimecodeTargetView = TimecodeSettingsView['targets'][number];
/** One cue of the client's list. */
export type CueListEntryView = TimecodeSettingsView['cueList'][number];
/** stopped | locked | freewheel | lost. */
export type ClientLockState = TimecodeSnapshot['client']['state'];
/** What `timecode:update` accepts. */
export type TimecodeUpdate = CommandInput<'timecode:update'>;
/** What `timecode:cue` accepts. */
export type TimecodeCueRequest = CommandInput<'timecode:cue'>;
/** A frame to show at its instant. */
export type TimecodeFrameItem = StreamItem<'stream:timecode-frames'>;
/** The client's error for one received frame. */
export type TimecodeErrorItem = StreamItem<'stream:timecode-errors'>;
/** One cue the master received. */
export type CueLogItem = StreamItem<'stream:cue-log'>;
