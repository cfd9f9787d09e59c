/**
 * SMPTE timecode: exact rates, drop-frame and non-drop labels, frame instants in NTP 32.32,
 * and the seed's timecode and cue messages. Platform-free (no Node, no DOM).
 */
export { TimecodeError, type TimecodeErrorCode, type TimecodeField } from './errors';
export {
  FRAME_RATE_NAMES,
  FRAME_RATES,
  frameRate,
  hasDropFrame,
  isNtscRate,
  parseFrameRate,
  type FrameRate,
  type FrameRateName,
} from './rate';
export { createTimebase, type Timebase } from './timebase';
export {
  formatLabel,
  frameToLabel,
  labelProblem,
  labelToFrame,
  wrapFrame,
  type TimecodeLabel,
} from './label';
export {
  formatFrame,
  parseFrame,
  parseLabel,
  type FormatOptions,
  type FrameSeparator,
  type ParsedLabel,
} from './label-text';
export { isSkippedLabel, skippedLabels } from './drop-frame';
export { firstFrameAtOrAfter, frameAt, frameInstant } from './instant';
export { formatFrameSeconds, frameToSeconds, secondsToFrame } from './seconds';
export { labelLagPerHourSeconds, labelLagSeconds } from './drift';
export {
  CUE_PORT,
  TIMECODE_ADDRESS,
  TIMECODE_PORT,
  parseTimecodeArgs,
  parseTimecodeMessage,
  timecodeMessage,
  type ReceivedTimecode,
  type TimecodeMessageOptions,
  type TimecodeWireFormat,
} from './wire';
export {
  CUE_ADDRESS_PATTERNS,
  CUE_PREFIX,
  SEED_CUES,
  TRIGGER_PREFIX,
  cueMessage,
  isCueAddress,
  parseCueMessage,
  seedCueMessages,
  type CueSpec,
  type ReceivedCue,
} from './cues';
export {
  DEFAULT_START_LABEL,
  DEFAULT_TIMECODE_SETTINGS,
  TIMECODE_CHASE,
  TIMECODE_LIMITS,
  TIMECODE_ROLES,
  TIMECODE_SEND_MODES,
  type TimecodeRoleName,
  type TimecodeSendMode,
} from './settings';
