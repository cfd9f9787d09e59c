/** The metronome sender; its settings, wire format and beat grid are the model (shared/model). */
export {
  createMetronome,
  type BeatEvent,
  type Metronome,
  type MetronomeCounters,
  type MetronomeDeps,
} from './metronome';
