/**
 * The metronome: sends one tick per beat to every target, in one of three modes.
 *
 * Beat times come from the grid (beat-grid.ts), never from summed sleeps, so nothing drifts.
 * One beat is queued on the scheduler at a time: its send time, with the exact NTP target.
 * When it fires, the tick goes out (one datagram per target), the next beat is queued, and
 * settings changed in between apply to that next, still unsent, beat.
 *
 * Send time: immediate and offset modes send at the grid time. Forward mode also sends at the
 * grid time by default (as the seed does; F is what covers the network), or `lookaheadMs` earlier
 * when the sending machine itself is busy. The timetag (grid time + F) does not depend on it.
 *
 * Missed beats (the process stalled, or start() was given a time in the past) are skipped, not
 * sent in a burst: in forward mode a beat is sent as long as its timetag is still ahead; in the
 * other modes as long as it is less than half a beat late. Beat numbers keep counting, so
 * extended-format receivers see the skipped beats as lost.
 */
import { msToNtpUnits, ntpFromUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import type { Clock } from '../time/clock';
import type { Scheduler } from '../time/scheduler';
import {
  beatTime,
  createBeatGrid,
  encodeTick,
  firstBeatAtOrAfter,
  halfBeatNtpUnits,
  rebaseGrid,
  validateMetronomeSettings,
  type BeatGrid,
  type MetronomeMode,
  type MetronomeSettings,
  type MetronomeTarget,
  type TickInfo,
} from '../../../shared/model';

/** One beat as it was sent. */
export interface BeatEvent {
  n: number;
  /** The beat's grid time. */
  beatNtp: NtpTime;
  /** The timetag sent; null in immediate mode. */
  timetag: NtpTime | null;
  /** When the tick was handed to the sockets (Unix ms). */
  sentMs: number;
  accent: boolean;
  mode: MetronomeMode;
}

/** Running totals. */
export interface MetronomeCounters {
  beats: number;
  /** Datagrams handed to `send` (beats x targets). */
  packets: number;
  sendErrors: number;
  /** Beats skipped because their moment had passed (see the module doc). */
  skippedBeats: number;
}

/** What the metronome uses. */
export interface MetronomeDeps {
  clock: Clock;
  scheduler: Scheduler;
  /** Sends one datagram (a UdpEndpoint's send). */
  send: (bytes: Uint8Array, host: string, port: number) => Promise<void>;
  /** Every beat, just after it was sent. */
  onBeat?: (b: BeatEvent) => void;
  /** A send failed (with its target) or a listener threw; the metronome keeps ticking. */
  onError?: (e: unknown, target?: MetronomeTarget) => void;
}

/** A running or stopped metronome. */
export interface Metronome {
  /** Starts (or restarts) with beat 0 at `atNtp` (default: now). */
  start(atNtp?: NtpTime): void;
  stop(): void;
  /** Validates and applies a change; while running it applies from the next unsent beat. */
  update(patch: Partial<MetronomeSettings>): void;
  readonly settings: MetronomeSettings;
  readonly isRunning: boolean;
  counters(): MetronomeCounters;
  dispose(): void;
}

/** Creates a stopped metronome; throws MetronomeSettingsError on bad settings. */
export function createMetronome(deps: MetronomeDeps, initial: MetronomeSettings): Metronome {
  const { clock, scheduler } = deps;
  let settings = validateMetronomeSettings(initial);
  let grid: BeatGrid | null = null;
  let nextBeat = 0;
  let pendingId: number | null = null;
  let isDisposed = false;
  const counters: MetronomeCounters = { beats: 0, packets: 0, sendErrors: 0, skippedBeats: 0 };

  const report = (e: unknown, target?: MetronomeTarget): void => {
    try {
      deps.onError?.(e, target);
    } catch {
      // An error reporter that throws must not stop the beat.
    }
  };

  const sendTime = (n: number): NtpTime => {
    const t = beatTime(grid!, n);
    const lookaheadMs = settings.mode === 'forward' ? (settings.lookaheadMs ?? 0) : 0;
    return lookaheadMs > 0 ? t - msToNtpUnits(lookaheadMs) : t;
  };

  /** Moves nextBeat past beats whose moment has passed. */
  const skipMissed = (): void => {
    const nowNtp = clock.nowNtp();
    const earliest =
      settings.mode === 'forward'
        ? nowNtp - msToNtpUnits(settings.offsetMs) + 1n // timetag must still be ahead of now
        : nowNtp - halfBeatNtpUnits(grid!);
    if (beatTime(grid!, nextBeat) >= earliest) return;
    const resume = firstBeatAtOrAfter(grid!, settings.mode === 'forward' ? earliest : nowNtp);
    counters.skippedBeats += resume - nextBeat;
    nextBeat = resume;
  };

  const arm = (): void => {
    skipMissed();
    const n = nextBeat;
    pendingId = scheduler.schedule(sendTime(n), () => fire(n));
    if (pendingId === null) {
      grid = null;
      report(new Error('[metronome] the scheduler queue is full: metronome stopped'));
    }
  };

  const fire = (n: number): void => {
    pendingId = null;
    nextBeat = n + 1;
    const beat = sendBeat(n);
    try {
      deps.onBeat?.(beat);
    } catch (error) {
      report(error);
    }
    // onBeat may have stopped the metronome or re-armed it through update().
    if (grid !== null && pendingId === null) arm();
  };

  const sendBeat = (n: number): BeatEvent => {
    const { mode, offsetMs, accentEvery } = settings;
    const beatNtp = beatTime(grid!, n);
    const sentMs = clock.nowMs();
    const sentNtp = ntpFromUnixMs(sentMs);
    const offsetUnits = msToNtpUnits(offsetMs);
    const timetag =
      mode === 'immediate' ? null : (mode === 'offset' ? sentNtp : beatNtp) + offsetUnits;
    const accent = accentEvery > 0 && n % accentEvery === 0;
    const info: TickInfo = { beat: n, accent, sentNtp, mode };
    const encoded = new Map<string, Uint8Array>(); // targets sharing address and format share bytes
    for (const target of settings.targets) {
      try {
        const key = `${target.format} ${target.address}`;
        let bytes = encoded.get(key);
        if (!bytes)
          encoded.set(key, (bytes = encodeTick(target.address, target.format, info, timetag)));
        counters.packets++;
        deps.send(bytes, target.host, target.port).catch((error: unknown) => {
          counters.sendErrors++;
          report(error, target);
        });
      } catch (error) {
        counters.sendErrors++;
        report(error, target);
      }
    }
    counters.beats++;
    return { n, beatNtp, timetag, sentMs, accent, mode };
  };

  const cancelPending = (): void => {
    if (pendingId !== null) scheduler.cancel(pendingId);
    pendingId = null;
  };

  const stop = (): void => {
    cancelPending();
    grid = null;
  };

  return {
    start(atNtp) {
      if (isDisposed) throw new Error('[metronome] start() after dispose()');
      stop();
      grid = createBeatGrid(atNtp ?? clock.nowNtp(), settings.bpm);
      nextBeat = 0;
      arm();
    },
    stop,
    update(patch) {
      const next = validateMetronomeSettings({ ...settings, ...patch });
      if (grid !== null && next.bpm !== settings.bpm) grid = rebaseGrid(grid, nextBeat, next.bpm);
      settings = next;
      if (grid !== null) {
        cancelPending();
        arm();
      }
    },
    get settings() {
      return { ...settings, targets: settings.targets.map((t) => ({ ...t })) };
    },
    get isRunning() {
      return grid !== null;
    },
    counters: () => ({ ...counters }),
    dispose() {
      stop();
      isDisposed = true;
    },
  };
}
