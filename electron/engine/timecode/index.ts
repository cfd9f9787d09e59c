/** The SMPTE master and client engines; the timecode math and wire format are shared/timecode. */
export { anchorFrameAt, anchorInstant, frameMs, type FrameAnchor } from './anchor';
export { createFrameTicker, type FrameTicker } from './frame-ticker';
export {
  createTimecodeMaster,
  type MasterCounters,
  type MasterFrame,
  type MasterPosition,
  type MasterSettings,
  type MasterTarget,
  type TimecodeMaster,
} from './master';
export { createChase, type Chase, type ChaseReport } from './chase';
export {
  createTimecodeClient,
  type ClientCue,
  type ClientFrame,
  type ClientReceived,
  type ClientSentCue,
  type ClientSettings,
  type TimecodeClient,
} from './client';
export { describeCue, type CueRecord } from './cue-log';
export { relabelFrame } from './relabel';
