/**
 * The page's one AudioContext and what it plays. Enabling creates it (with the chosen latency
 * hint; changing the hint recreates it), decodes the tick sounds once, and starts sampling
 * `getOutputTimestamp()` into the clock map. Each tick that arrives from the engine (ahead of
 * its time) is planned (tick-plan.ts) and started with `AudioBufferSourceNode.start(when)`:
 * source -> volume/mute gain -> stereo panner -> speakers.
 */
import { createClockMapper } from '../../../shared/audio/clock-map';
import type { TickItem } from '../../../shared/ipc';
import { ntpFromUnixMs } from '../../../shared/osc/timetag';
import { panValue, type AudioSettings, type LatencyHint } from './audio-settings';
import { emptyCounters, type AudioStats, type AudioStatus, type RecentTick } from './audio-stats';
import { LATENCY_READINGS, latchedLatencySec } from './output-latency';
import { immediateDelayMs, planTick, tickPageMs } from './tick-plan';
import type { TickSounds } from './tick-sounds';

/** The parts of an AudioContext the output uses (a test passes a fake). */
export type OutputContext = Pick<
  AudioContext,
  | 'state'
  | 'currentTime'
  | 'sampleRate'
  | 'baseLatency'
  | 'outputLatency'
  | 'destination'
  | 'resume'
  | 'close'
  | 'getOutputTimestamp'
  | 'createBufferSource'
  | 'createGain'
  | 'createStereoPanner'
  | 'decodeAudioData'
  | 'addEventListener'
>;

/** What the output needs from the page (browser-audio.ts gives the real ones). */
export interface AudioOutputDeps {
  createContext(latencyHint: LatencyHint): OutputContext;
  loadSounds(context: OutputContext): Promise<TickSounds>;
  /** `performance.timeOrigin`, Unix ms. */
  originMs: number;
  /**
   * Engine clock minus page clock now, ms, or null until the page has measured it (the engine
   * clock of clock/engine-clock.ts). Default: 0, one computer's clock.
   */
  engineOffsetMs?: () => number | null;
  settings: AudioSettings;
  onSettingsChange?(settings: AudioSettings): void;
  /** How often to sample getOutputTimestamp, ms (it changes once per audio callback). */
  pollMs?: number;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (id: unknown) => void;
}

/** The audio output. Thread: the page's main thread. */
export interface AudioOutput {
  readonly settings: AudioSettings;
  /** Changes settings (a new latency hint recreates a running context). */
  update(patch: Partial<AudioSettings>): void;
  /** Creates (or resumes) the context: call from a user gesture unless autoplay is allowed. */
  enable(): Promise<void>;
  /** Closes the context (releases the audio device); counters are kept. */
  disable(): Promise<void>;
  /** Plans and starts ticks as they arrive; `missed` ticks never reached the page. */
  play(items: readonly TickItem[], missed?: number): void;
  /** Samples getOutputTimestamp into the clock map (the poll timer calls it). */
  sampleClock(): void;
  /** A fresh snapshot. */
  stats(): AudioStats;
  /** The snapshot as of the last change (stable between notifications, for React). */
  snapshot(): AudioStats;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

/** getOutputTimestamp pairs needed before ticks are scheduled (the first ones can be stale). */
export const MIN_CLOCK_PAIRS = 5;

const RECENT = 64;

/** Creates the output (no AudioContext until {@link AudioOutput.enable}). */
export function createAudioOutput(deps: AudioOutputDeps): AudioOutput {
  const pollMs = deps.pollMs ?? 20;
  const setTimer = deps.setInterval ?? ((fn, ms) => globalThis.setInterval(fn, ms));
  const clearTimer =
    deps.clearInterval ?? ((id) => globalThis.clearInterval(id as number | undefined));
  const originNtp = ntpFromUnixMs(deps.originMs);
  const mapper = createClockMapper();
  const listeners = new Set<() => void>();
  let settings = { ...deps.settings };
  let context: OutputContext | null = null;
  let gain: GainNode | null = null;
  let panner: StereoPannerNode | null = null;
  let sounds: TickSounds | null = null;
  let timer: unknown = null;
  let generation = 0;
  let status: AudioStatus = 'off';
  let error: string | null = null;
  let pairsSinceStart = 0;
  let latencySec: number | null = null;
  let latencyReadings: number[] = [];
  let latencyChanges = 0;
  const counters = emptyCounters();
  const recent: RecentTick[] = [];
  let cached: AudioStats | null = null;

  const stats = (): AudioStats => {
    const fit = mapper.fit;
    return {
      status,
      error,
      latencyHint: settings.latencyHint,
      isCompensated: settings.isCompensated,
      sampleRate: context?.sampleRate ?? null,
      baseLatencyMs: context ? context.baseLatency * 1000 : null,
      outputLatencyMs: context ? (context.outputLatency ?? 0) * 1000 : null,
      latencyMs: latencySec === null ? null : latencySec * 1000,
      latencyChanges,
      ...counters,
      mapping: fit && {
        pairs: fit.pairs,
        inliers: fit.inliers,
        residualSdMs: fit.residualSdMs,
        ratePpm: (fit.rate - 1) * 1e6,
        steps: mapper.steps,
        isSettled: mapper.isSettled,
      },
      recent: recent.map((r) => ({ ...r })),
    };
  };
  const notify = (): void => {
    cached = null;
    for (const listener of listeners) listener();
  };
  const setStatus = (next: AudioStatus, message: string | null = null): void => {
    status = next;
    error = message;
    notify();
  };
  const applyMix = (): void => {
    if (gain) gain.gain.value = settings.isMuted ? 0 : settings.volume;
    if (panner) panner.pan.value = panValue(settings.pan);
  };
  const restartClock = (): void => {
    mapper.reset();
    pairsSinceStart = 0;
    latencySec = null;
    latencyReadings = [];
  };
  const close = (): void => {
    generation++;
    if (timer !== null) clearTimer(timer);
    timer = null;
    const old = context;
    context = gain = panner = null;
    sounds = null;
    restartClock();
    if (old) void old.close().catch(() => undefined);
  };

  const sampleClock = (): void => {
    if (!context || context.state !== 'running') return;
    const ts = context.getOutputTimestamp();
    // Zero until the output has really started (then the pair is meaningless).
    if (!(ts.performanceTime! > 0) || ts.contextTime === undefined) return;
    const wasSettled = mapper.isSettled;
    if (!mapper.add({ hostMs: ts.performanceTime!, contextSec: ts.contextTime })) return;
    pairsSinceStart++;
    const reported = context.baseLatency + (context.outputLatency ?? 0);
    if (latencyReadings.length < LATENCY_READINGS) {
      latencyReadings.push(reported);
      latencySec = latchedLatencySec(context.baseLatency, latencyReadings);
    } else if (Math.abs(reported - latencySec!) > context.baseLatency) {
      latencyChanges++; // counted for the panel, never applied mid-run: it would move the ticks
    }
    if (
      status === 'starting' &&
      sounds &&
      pairsSinceStart >= MIN_CLOCK_PAIRS &&
      latencyReadings.length >= LATENCY_READINGS
    ) {
      setStatus('running');
    } else if (mapper.isSettled !== wasSettled || pairsSinceStart % 50 === 0) {
      notify(); // settling done (or lost), or the mapping's figures about once a second
    }
  };

  const enable = async (): Promise<void> => {
    if (context) {
      await context.resume();
      return;
    }
    const mine = ++generation;
    setStatus('starting');
    try {
      const ctx = deps.createContext(settings.latencyHint);
      context = ctx;
      gain = ctx.createGain();
      panner = ctx.createStereoPanner();
      gain.connect(panner).connect(ctx.destination);
      applyMix();
      ctx.addEventListener('statechange', () => {
        if (context !== ctx) return;
        if (ctx.state !== 'running') restartClock(); // a suspended clock jumps on resume
        if (ctx.state !== 'running' && status === 'running') setStatus('starting');
      });
      timer = setTimer(sampleClock, pollMs);
      const decoded = await deps.loadSounds(ctx);
      if (mine !== generation) return;
      sounds = decoded;
      await ctx.resume(); // pending until a user gesture where autoplay is not allowed
      if (mine !== generation) return;
      notify();
    } catch (e) {
      if (mine !== generation) return;
      close();
      setStatus('error', e instanceof Error ? e.message : String(e));
    }
  };

  const play = (items: readonly TickItem[], missed = 0): void => {
    if (!context || status === 'off' || status === 'error') return;
    sampleClock();
    counters.received += items.length;
    counters.dropped += missed;
    const inputs = {
      fit: status === 'running' ? mapper.fit : null,
      originNtp,
      originMs: deps.originMs,
      engineOffsetMs: deps.engineOffsetMs ? deps.engineOffsetMs() : 0,
      currentTimeSec: context.currentTime,
      sampleRate: context.sampleRate,
      latencySec: latencySec ?? 0,
      isCompensated: settings.isCompensated,
      latePolicy: settings.latePolicy,
      immediateDelayMs: immediateDelayMs(
        context.baseLatency,
        latencySec ?? 0,
        settings.isCompensated,
      ),
    };
    for (const item of items) {
      const plan = planTick(item, inputs);
      if (plan.action === 'drop') {
        if (plan.reason === 'unmapped') counters.beforeClock++;
        else counters.dropped++;
        if (plan.reason === 'late') counters.late++;
        continue;
      }
      const source = context.createBufferSource();
      source.buffer = plan.isAccent ? sounds!.accent : sounds!.tick;
      source.connect(gain!);
      source.start(plan.whenSec);
      const isLate = plan.action === 'play-late';
      counters.played++;
      if (isLate) counters.late++;
      else counters.scheduled++;
      recent.push({
        playMs: item.playMs,
        pageMs: deps.originMs + tickPageMs(item, inputs),
        whenSec: plan.whenSec,
        isLate,
        isAccent: plan.isAccent,
      });
      if (recent.length > RECENT) recent.shift();
    }
    notify();
  };

  return {
    get settings() {
      return settings;
    },
    update(patch) {
      const old = settings;
      settings = { ...settings, ...patch };
      deps.onSettingsChange?.(settings);
      applyMix();
      if (context && patch.latencyHint && patch.latencyHint !== old.latencyHint) {
        close();
        void enable();
      }
      notify();
    },
    enable,
    async disable() {
      close();
      setStatus('off');
    },
    play,
    sampleClock,
    stats,
    snapshot() {
      return (cached ??= stats());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      close();
      status = 'off';
      listeners.clear();
    },
  };
}
