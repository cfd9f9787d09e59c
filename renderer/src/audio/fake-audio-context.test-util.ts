/**
 * A small hand-written AudioContext for tests: a settable clock (currentTime and the
 * getOutputTimestamp pair), and every buffer source with the time it was started at.
 */
import type { OutputContext } from './audio-output';
import type { TickSounds } from './tick-sounds';

class FakeNode {
  readonly connections: unknown[] = [];
  connect<T>(node: T): T {
    this.connections.push(node);
    return node;
  }
}

/** A buffer source that remembers its buffer and start time. */
export class FakeSource extends FakeNode {
  buffer: unknown = null;
  startedAt: number | null = null;
  start(when = 0): void {
    if (this.startedAt !== null) throw new Error('start() called twice');
    this.startedAt = when;
  }
}

/** The fake context with its test handles. */
export interface FakeContext {
  context: OutputContext;
  sources: FakeSource[];
  gain: { value: number };
  pan: { value: number };
  /** Sets the clock: currentTime, and the output timestamp pair. */
  setClock(currentTime: number, pair: { contextTime: number; performanceTime: number }): void;
  state(): AudioContextState;
  latencyHints: string[];
}

/** Stand-ins for the decoded tick and accent. */
export const FAKE_SOUNDS = {
  tick: { name: 'tick' },
  accent: { name: 'accent' },
} as unknown as TickSounds;

/** Creates a fake context (suspended until resumed, as a real one). */
export function createFakeContext(
  options: { sampleRate?: number; baseLatency?: number; outputLatency?: number } = {},
): FakeContext {
  let state: AudioContextState = 'suspended';
  let currentTime = 0;
  let pair = { contextTime: 0, performanceTime: 0 };
  const listeners: (() => void)[] = [];
  const sources: FakeSource[] = [];
  const gain = { value: 1 };
  const pan = { value: 0 };
  const setState = (next: AudioContextState) => {
    state = next;
    listeners.forEach((l) => l());
  };
  const context = {
    get state() {
      return state;
    },
    get currentTime() {
      return currentTime;
    },
    sampleRate: options.sampleRate ?? 48_000,
    baseLatency: options.baseLatency ?? 0.02,
    outputLatency: options.outputLatency ?? 0.06,
    destination: new FakeNode(),
    resume: async () => setState('running'),
    close: async () => setState('closed'),
    getOutputTimestamp: () => ({ ...pair }),
    createBufferSource: () => {
      const source = new FakeSource();
      sources.push(source);
      return source;
    },
    createGain: () => Object.assign(new FakeNode(), { gain }),
    createStereoPanner: () => Object.assign(new FakeNode(), { pan }),
    decodeAudioData: async () => {
      throw new Error('the fake decodes nothing: pass loadSounds');
    },
    addEventListener: (_type: string, listener: () => void) => listeners.push(listener),
  };
  return {
    context: context as unknown as OutputContext,
    sources,
    gain,
    pan,
    setClock(t, p) {
      currentTime = t;
      pair = { ...p };
    },
    state: () => state,
    latencyHints: [],
  };
}
