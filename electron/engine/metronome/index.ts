/** The metronome: public surface (settings, wire format, beat grid, the sender). */
export {
  BPM_MAX,
  BPM_MIN,
  MetronomeSettingsError,
  OFFSET_MAX_MS,
  validateMetronomeSettings,
  type MetronomeMode,
  type MetronomeSettings,
  type MetronomeTarget,
  type TickFormat,
} from './settings';
export {
  createMetronome,
  type BeatEvent,
  type Metronome,
  type MetronomeCounters,
  type MetronomeDeps,
} from './metronome';
export {
  encodeTick,
  parseTickArgs,
  tickArgs,
  TICK_WORD,
  type ParsedTick,
  type TickInfo,
} from './wire';
export {
  beatTime,
  createBeatGrid,
  firstBeatAtOrAfter,
  rebaseGrid,
  type BeatGrid,
} from './beat-grid';
