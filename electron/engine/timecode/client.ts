/**
 * The SMPTE client: hears `/sync/timecode`, chases it (chase.ts) and keeps counting frames on its
 * own clock between messages (the frame ticker, on the estimate's anchor). It sends cues and
 * triggers: one now, timetagged at the start of the current frame, and a cue list, each fired at
 * the exact instant of its frame per the estimate and timetagged with that instant, so the master
 * can act on it at that instant too. Cue-list cues fire only while the client follows the master
 * (locked, freewheeling, or locked with a jump not yet confirmed): a client that lost the master
 * or has not locked yet does not know where the show is.
 */
import { encodeBundle, encodeMessage, type OscArg, type OscMessage } from '../../../shared/osc';
import { ntpFromUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import type { ClientLockState } from '../../../shared/ipc/domains/timecode';
import {
  formatFrame,
  labelProblem,
  labelToFrame,
  parseTimecodeMessage,
  wrapFrame,
  type Timebase,
} from '../../../shared/timecode';
import type { Clock } from '../time/clock';
import type { Scheduler } from '../time/scheduler';
import { anchorFrameAt, anchorInstant } from './anchor';
import { createChase, type Chase } from './chase';
import { createFrameTicker } from './frame-ticker';

/** One cue of the list, its label already read in the client's timebase. */
export interface ClientCue {
  id: string;
  /** Frame of the day it fires at. */
  frame: number;
  address: string;
  args: readonly OscArg[];
  /** Append the label as a last string argument (the seed's `_tc` cues). */
  withTimecode: boolean;
}

/** What the client runs. */
export interface ClientSettings {
  timebase: Timebase;
  dropFrameSeparator: boolean;
  cueList: readonly ClientCue[];
}

/** One received timecode, compared with the estimate. */
export interface ClientReceived {
  /** The label as received. */
  text: string;
  /** Frame of the day received. */
  frame: number;
  /** The estimate's label at the frame's instant (before this frame moved it). */
  estimateLabel: string;
  errorFrames: number;
  errorMs: number;
  /** The frame's instant: its timetag, or its arrival when plain. */
  instantNtp: NtpTime;
  timetag: NtpTime | null;
  arrivalMs: number;
  source: string;
  state: ClientLockState;
  isReanchored: boolean;
}

/** A frame of the estimate, at its instant. */
export interface ClientFrame {
  frame: number;
  label: string;
  instantNtp: NtpTime;
  state: ClientLockState;
}

/** A cue the client sent. */
export interface ClientSentCue {
  address: string;
  args: readonly OscArg[];
  /** The label attached, or the client's label at sending; null when it has no estimate. */
  label: string | null;
  /** The bundle's timetag, or null for a plain message (no estimate). */
  timetag: NtpTime | null;
  sentMs: number;
  /** The cue-list entry, or null for a cue sent now. */
  cueId: string | null;
}

/** Running totals. */
export interface ClientCounters {
  framesReceived: number;
  /** Timecode messages whose label this rate does not have (or no label at all). */
  badLabels: number;
  cuesSent: number;
  sendErrors: number;
}

/** What the client uses. */
export interface ClientDeps {
  clock: Clock;
  scheduler: Scheduler;
  /** Sends one cue datagram to the master. */
  send: (bytes: Uint8Array) => Promise<void>;
  onReceived?: (r: ClientReceived) => void;
  onFrame?: (f: ClientFrame) => void;
  onState?: (state: ClientLockState) => void;
  onCue?: (cue: ClientSentCue) => void;
  /** A bad label, a failed send; the client goes on. */
  onError?: (error: unknown) => void;
}

/** The client. Thread: the engine's. */
export interface TimecodeClient {
  /** Takes one timecode message with its bundle timetag (null when plain); null if it is not one. */
  receive(
    message: OscMessage,
    timetag: NtpTime | null,
    arrivalMs: number,
    source: string,
  ): ClientReceived | null;
  /** Sends a cue now, timetagged at the start of the current frame. */
  sendCue(address: string, args: readonly OscArg[], withTimecode: boolean): ClientSentCue;
  /** The estimate at `ntp` (frame of the day and label), or null without one. */
  estimateAt(ntp: NtpTime): { frame: number; label: string } | null;
  stateAt(nowMs: number): ClientLockState;
  update(patch: Partial<ClientSettings>): void;
  /** Forgets the master: stopped. */
  reset(): void;
  readonly settings: ClientSettings;
  counters(): ClientCounters;
  dispose(): void;
}

/** Creates a client with no estimate yet (stopped). */
export function createTimecodeClient(deps: ClientDeps, initial: ClientSettings): TimecodeClient {
  const { clock, scheduler } = deps;
  let settings = initial;
  let chase: Chase = createChase(settings.timebase);
  let cuesByFrame = indexCues(settings.cueList);
  let lastState: ClientLockState = 'stopped';
  const counters: ClientCounters = { framesReceived: 0, badLabels: 0, cuesSent: 0, sendErrors: 0 };

  const report = (error: unknown): void => {
    try {
      deps.onError?.(error);
    } catch {
      // A reporter that throws must not stop the chase.
    }
  };
  const notify = <T>(listener: ((value: T) => void) | undefined, value: T): void => {
    try {
      listener?.(value);
    } catch (error) {
      report(error);
    }
  };

  const label = (frame: number): string =>
    formatFrame(settings.timebase, frame, { dropFrameSeparator: settings.dropFrameSeparator });

  const checkState = (): ClientLockState => {
    const state = chase.stateAt(clock.nowMs());
    if (state !== lastState) {
      lastState = state;
      notify(deps.onState, state);
    }
    return state;
  };

  const send = (
    address: string,
    args: readonly OscArg[],
    withTimecode: boolean,
    frame: number | null,
    instantNtp: NtpTime | null,
    cueId: string | null,
  ): ClientSentCue => {
    const text = frame === null ? null : label(frame);
    const all: OscArg[] =
      withTimecode && text !== null ? [...args, { type: 's', value: text }] : [...args];
    const message: OscMessage = { kind: 'message', address, args: all };
    const bytes =
      instantNtp === null ? encodeMessage(address, all) : encodeBundle(instantNtp, [message]);
    counters.cuesSent++;
    deps.send(bytes).catch((error: unknown) => {
      counters.sendErrors++;
      report(error);
    });
    const sent: ClientSentCue = {
      address,
      args: all,
      label: text,
      timetag: instantNtp,
      sentMs: clock.nowMs(),
      cueId,
    };
    notify(deps.onCue, sent);
    return sent;
  };

  const ticker = createFrameTicker({
    clock,
    scheduler,
    onFrame: (frame, instantNtp) => {
      const state = checkState();
      notify(deps.onFrame, {
        frame: wrapFrame(settings.timebase, frame),
        label: label(frame),
        instantNtp,
        state,
      });
      if (!chase.isFollowingAt(clock.nowMs())) return;
      for (const cue of cuesByFrame.get(wrapFrame(settings.timebase, frame)) ?? []) {
        try {
          send(cue.address, cue.args, cue.withTimecode, frame, instantNtp, cue.id);
        } catch (error) {
          report(error);
        }
      }
    },
    onError: report,
  });

  return {
    receive(message, timetag, arrivalMs, source) {
      const heard = parseTimecodeMessage(message);
      if (heard === null) return null;
      const problem = heard.label === null ? null : labelProblem(settings.timebase, heard.label);
      if (heard.label === null || problem !== null) {
        counters.badLabels++;
        const why = problem?.message ?? `"${heard.text}" is not a timecode label`;
        report(new Error(`[timecode] from ${source}: ${why}`));
        return null;
      }
      counters.framesReceived++;
      const frameOfDay = labelToFrame(settings.timebase, heard.label);
      const instantNtp = timetag ?? ntpFromUnixMs(arrivalMs);
      const before = chase.anchor;
      const estimateLabel = before === null ? heard.text : label(anchorFrameAt(before, instantNtp));
      const r = chase.receive(frameOfDay, instantNtp, arrivalMs);
      const after = chase.anchor!;
      if (r.isReanchored) ticker.start(after);
      else if (after !== before) ticker.start(after, { after: ticker.lastFrame ?? undefined });
      const received: ClientReceived = {
        text: heard.text,
        frame: frameOfDay,
        estimateLabel,
        errorFrames: r.errorFrames,
        errorMs: r.errorMs,
        instantNtp,
        timetag,
        arrivalMs,
        source,
        state: checkState(),
        isReanchored: r.isReanchored,
      };
      notify(deps.onReceived, received);
      return received;
    },
    sendCue(address, args, withTimecode) {
      const a = chase.anchor;
      if (a === null) return send(address, args, withTimecode, null, null, null);
      const frame = anchorFrameAt(a, clock.nowNtp());
      return send(address, args, withTimecode, frame, anchorInstant(a, frame), null);
    },
    estimateAt(ntp) {
      const a = chase.anchor;
      if (a === null) return null;
      const frame = anchorFrameAt(a, ntp);
      return { frame: wrapFrame(settings.timebase, frame), label: label(frame) };
    },
    stateAt: (nowMs) => chase.stateAt(nowMs),
    update(patch) {
      const before = settings.timebase;
      settings = { ...settings, ...patch };
      if (patch.cueList !== undefined) cuesByFrame = indexCues(settings.cueList);
      const tb = settings.timebase;
      if (tb.rate !== before.rate || tb.dropFrame !== before.dropFrame) {
        ticker.stop();
        chase = createChase(tb);
        checkState();
      }
    },
    reset() {
      ticker.stop();
      chase.reset();
      checkState();
    },
    get settings() {
      return settings;
    },
    counters: () => ({ ...counters }),
    dispose() {
      ticker.stop();
      chase.reset();
    },
  };
}

function indexCues(list: readonly ClientCue[]): Map<number, ClientCue[]> {
  const byFrame = new Map<number, ClientCue[]>();
  for (const cue of list) byFrame.set(cue.frame, [...(byFrame.get(cue.frame) ?? []), cue]);
  return byFrame;
}
