/**
 * The SMPTE master: one `/sync/timecode` per frame to every target, frame k due at
 * start + k x frame duration exactly (the frame ticker, on the precise scheduler).
 *
 * plain: the seed's message (the label, or the extended arguments) sent when the frame is due;
 *   a client shows it on arrival, so the network's delay and jitter show in its error.
 * forward: the same message in a bundle timetagged frame instant + F, sent when the frame is due,
 *   so every client shows frame k at instant(k) + F, alike; the master's own timeline for
 *   comparing cues is then shifted by F too (what the clients display).
 *
 * Transport: start (from the start frame, or where a locate or pause left it), stop (back to the
 * start frame), pause (resume continues with the frame after the last one sent), locate (running
 * or not). A change of rate or counting re-anchors at the next unsent frame, keeping its label.
 */
import { encodeBundle, encodeMessage, type OscMessage } from '../../../shared/osc';
import { msToNtpUnits, type NtpTime } from '../../../shared/osc/timetag';
import {
  formatFrame,
  timecodeMessage,
  wrapFrame,
  type Timebase,
  type TimecodeSendMode,
  type TimecodeWireFormat,
} from '../../../shared/timecode';
import type { Clock } from '../time/clock';
import type { Scheduler } from '../time/scheduler';
import { anchorFrameAt, anchorInstant, type FrameAnchor } from './anchor';
import { createFrameTicker } from './frame-ticker';
import { relabelFrame } from './relabel';

/** Where frames go. */
export interface MasterTarget {
  host: string;
  port: number;
}

/** What the master runs. */
export interface MasterSettings {
  timebase: Timebase;
  sendMode: TimecodeSendMode;
  /** The forward offset F (forward mode). */
  forwardMs: number;
  wireFormat: TimecodeWireFormat;
  dropFrameSeparator: boolean;
  targets: readonly MasterTarget[];
  /** Where start begins after a stop (frame of the day). */
  startFrame: number;
}

/** One frame as it was sent. */
export interface MasterFrame {
  /** The continuous frame count (may pass a day); `label` wraps. */
  frame: number;
  label: string;
  /** The frame's exact first tick. */
  instantNtp: NtpTime;
  /** The bundle's timetag (instant + F), or null for a plain message. */
  timetag: NtpTime | null;
  sentMs: number;
}

/** Running totals. */
export interface MasterCounters {
  framesSent: number;
  /** Datagrams handed to `send` (frames x targets). */
  packets: number;
  sendErrors: number;
  /** Frames skipped because their moment had passed (a stalled machine). */
  skippedFrames: number;
}

/** The master's timecode at one instant, as clients display it (shifted by F in forward mode). */
export interface MasterPosition {
  /** Frame of the day. */
  frame: number;
  /** That frame's first tick on the displayed timeline, or null while paused. */
  instantNtp: NtpTime | null;
}

/** What the master uses. */
export interface MasterDeps {
  clock: Clock;
  scheduler: Scheduler;
  send: (bytes: Uint8Array, host: string, port: number) => Promise<void>;
  onFrame?: (frame: MasterFrame) => void;
  /** A send failed (with its target), or the scheduler refused a frame; the master goes on. */
  onError?: (error: unknown, target?: MasterTarget) => void;
}

/** The master. Thread: the engine's. */
export interface TimecodeMaster {
  /** Runs from where it stands, the first frame due at `atNtp` (default now). */
  start(atNtp?: NtpTime): void;
  stop(): void;
  pause(): void;
  /** Moves to a frame of the day; while running it is due now. */
  locate(frame: number): void;
  update(patch: Partial<MasterSettings>): void;
  readonly state: 'stopped' | 'running' | 'paused';
  readonly settings: MasterSettings;
  /** The last frame sent in this run, or null (after a stop, before the first). */
  readonly lastFrame: MasterFrame | null;
  /** The timecode at `ntp` (running), the paused frame, or null when stopped. */
  positionAt(ntp: NtpTime): MasterPosition | null;
  counters(): MasterCounters;
  dispose(): void;
}

/** Creates a stopped master at its start frame. */
export function createTimecodeMaster(deps: MasterDeps, initial: MasterSettings): TimecodeMaster {
  const { clock, scheduler } = deps;
  let settings = initial;
  let state: TimecodeMaster['state'] = 'stopped';
  /** The next frame to send when not running. */
  let position = initial.startFrame;
  let lastFrame: MasterFrame | null = null;
  let sendErrors = 0;
  let packets = 0;
  let framesSent = 0;

  const report = (error: unknown, target?: MasterTarget): void => {
    try {
      deps.onError?.(error, target);
    } catch {
      // A reporter that throws must not stop the frames.
    }
  };

  const ticker = createFrameTicker({
    clock,
    scheduler,
    onFrame: (frame, instantNtp) => sendFrame(frame, instantNtp),
    onError: (error) => {
      state = 'paused';
      report(error);
    },
  });

  const offsetUnits = (): bigint =>
    settings.sendMode === 'forward' ? msToNtpUnits(settings.forwardMs) : 0n;

  interface Prepared {
    frame: number;
    instantNtp: NtpTime;
    /** The settings it was built with (replaced, never changed, by update). */
    settings: MasterSettings;
    bytes: Uint8Array | null;
    error: unknown;
    timetag: NtpTime | null;
  }
  // The next frame's datagram, built in the idle time after the previous one went out, so at
  // the frame's instant there is only the send to do.
  let prepared: Prepared | null = null;

  const build = (frame: number, instantNtp: NtpTime): Prepared => {
    const { timebase, wireFormat, dropFrameSeparator } = settings;
    const timetag = settings.sendMode === 'forward' ? instantNtp + offsetUnits() : null;
    try {
      const message: OscMessage = timecodeMessage(timebase, frame, {
        format: wireFormat,
        frameNtp: instantNtp,
        dropFrameSeparator,
      });
      const bytes =
        timetag === null
          ? encodeMessage(message.address, message.args)
          : encodeBundle(timetag, [message]);
      return { frame, instantNtp, settings, bytes, error: null, timetag };
    } catch (error) {
      return { frame, instantNtp, settings, bytes: null, error, timetag };
    }
  };

  const sendFrame = (frame: number, instantNtp: NtpTime): void => {
    const p =
      prepared !== null &&
      prepared.frame === frame &&
      prepared.instantNtp === instantNtp &&
      prepared.settings === settings
        ? prepared
        : build(frame, instantNtp);
    prepared = null;
    const sentMs = clock.nowMs();
    if (p.bytes !== null) {
      for (const target of settings.targets) {
        packets++;
        try {
          deps.send(p.bytes, target.host, target.port).catch((error: unknown) => {
            sendErrors++;
            report(error, target);
          });
        } catch (error) {
          sendErrors++;
          report(error, target);
        }
      }
    } else report(p.error);
    framesSent++;
    const { timebase, dropFrameSeparator } = settings;
    const label = formatFrame(timebase, frame, { dropFrameSeparator });
    lastFrame = { frame, label, instantNtp, timetag: p.timetag, sentMs };
    try {
      deps.onFrame?.(lastFrame);
    } catch (error) {
      report(error);
    }
    const anchor = ticker.anchor;
    if (anchor !== null) prepared = build(ticker.next, anchorInstant(anchor, ticker.next));
  };

  /** The next frame not yet sent. */
  const nextUnsent = (): number => (state === 'running' ? ticker.next : position);

  const runFrom = (frame: number, atNtp: NtpTime): void => {
    ticker.start({ atNtp, frame, rate: settings.timebase.rate }, { from: frame });
  };

  return {
    start(atNtp) {
      if (state === 'running') return;
      state = 'running';
      runFrom(position, atNtp ?? clock.nowNtp());
    },
    stop() {
      ticker.stop();
      state = 'stopped';
      position = settings.startFrame;
      lastFrame = null;
    },
    pause() {
      if (state !== 'running') return;
      position = nextUnsent();
      ticker.stop();
      state = 'paused';
    },
    locate(frame) {
      const f = wrapFrame(settings.timebase, frame);
      if (state === 'running') runFrom(f, clock.nowNtp());
      else position = f;
    },
    update(patch) {
      const before = settings;
      const next = { ...settings, ...patch };
      const isRebased =
        next.timebase.rate !== before.timebase.rate ||
        next.timebase.dropFrame !== before.timebase.dropFrame;
      settings = next;
      if (state === 'stopped' && patch.startFrame !== undefined) {
        position = next.startFrame;
      } else if (isRebased && state === 'running') {
        const n = nextUnsent();
        const dueNtp = anchorInstant(ticker.anchor!, n);
        runFrom(relabelFrame(before.timebase, next.timebase, n), dueNtp);
      } else if (isRebased) {
        position = relabelFrame(before.timebase, next.timebase, position);
      }
    },
    get state() {
      return state;
    },
    get settings() {
      return settings;
    },
    get lastFrame() {
      return lastFrame;
    },
    positionAt(ntp) {
      const tb = settings.timebase;
      if (state === 'stopped') return null;
      const anchor: FrameAnchor | null = ticker.anchor;
      if (state === 'paused' || anchor === null) {
        return { frame: wrapFrame(tb, lastFrame?.frame ?? position), instantNtp: null };
      }
      const shown: FrameAnchor = { ...anchor, atNtp: anchor.atNtp + offsetUnits() };
      const frame = anchorFrameAt(shown, ntp);
      return { frame: wrapFrame(tb, frame), instantNtp: anchorInstant(shown, frame) };
    },
    counters: () => ({ framesSent, packets, sendErrors, skippedFrames: ticker.skipped }),
    dispose() {
      ticker.stop();
      state = 'stopped';
    },
  };
}
