/** The metronome's defaults and the seed programs' fixed facts (their ports and tick addresses). */
import type { MetronomeMode } from './limits';

/** The seed's Python receiver port. */
export const TICK_PORT_PYTHON = 8000;
/** The seed's Pure Data receiver port. */
export const TICK_PORT_PD = 8001;
/** The seed ports by the role that listens there. */
export const SEED_PORTS = { python: TICK_PORT_PYTHON, pd: TICK_PORT_PD } as const;

/** The addresses the seeds send ticks to ('/py*' as python-osc's dispatcher maps it). */
export const DEFAULT_TICK_PATTERNS: readonly string[] = ['/tick', '/pd', '/py*'];

/** The metronome before any change: forward sync at 100 BPM, accent every 4, F = 100 ms, no targets. */
export const DEFAULT_METRONOME_SETTINGS: {
  readonly mode: MetronomeMode;
  readonly bpm: number;
  readonly accentEvery: number;
  readonly offsetMs: number;
  readonly targets: readonly [];
} = {
  mode: 'forward',
  bpm: 100,
  accentEvery: 4,
  offsetMs: 100,
  targets: [],
};
