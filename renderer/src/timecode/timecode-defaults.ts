/**
 * The page's timecode settings before any change: the model's defaults (shared/timecode), as a
 * fresh copy the store may hand out.
 */
import { defaultTimecodeSettings } from '../../../shared/ipc/domains/timecode';
import type { TimecodeSettingsView } from './timecode-types';

/** This computer, where a one-laptop workshop sends everything. */
export const LOCAL_HOST = '127.0.0.1';

/** A direct path: no relay in front of a target (the metronome targets' own). */
export { DIRECT as NO_IMPAIRMENT } from '../store/defaults';

/** First start: role off, 25 fps, plain frames to this computer's seed client port. */
export const defaultTimecode: () => TimecodeSettingsView = defaultTimecodeSettings;
