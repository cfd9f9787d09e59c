/**
 * What the master writes down for each cue or trigger it receives: its own timecode when the cue
 * was meant (the cue's timetag if it had one, else its arrival), the label the sender attached,
 * and how far apart they are, in frames and ms. A client in step with the master sends its label
 * timetagged at that label's instant, so a difference of 0 frames / ~0 ms means "in sync", and a
 * plain message shows the network's delay.
 */
import type { OscMessage } from '../../../shared/osc';
import { ntpDiffMs, ntpFromUnixMs, ntpToHex, type NtpTime } from '../../../shared/osc/timetag';
import {
  formatFrame,
  labelProblem,
  labelToFrame,
  parseCueMessage,
  type Timebase,
} from '../../../shared/timecode';
import { frameMs } from './anchor';
import type { MasterPosition } from './master';

/** One logged cue (the contract's cue log item, with the timetag kept exact). */
export interface CueRecord {
  arrivalMs: number;
  source: string;
  address: string;
  text: string | null;
  masterLabel: string | null;
  senderLabel: string | null;
  /** masterLabel's frame minus senderLabel's, the nearest way round midnight. */
  diffFrames: number | null;
  /** How long after the start of the sender's frame, on the master's timeline, the cue was meant. */
  diffMs: number | null;
  /** The timetag as sent (NTP hex), or null for a plain message. */
  timetag: string | null;
}

/** Describes one received cue; `positionAt` is the master's (null while stopped). */
export function describeCue(
  received: {
    message: OscMessage;
    /** In this machine's clock (what the master compares). */
    timetag: NtpTime | null;
    /** As it came on the wire, when clock sync read it into ours (what the log shows). */
    wireTimetag?: NtpTime | null;
    arrivalMs: number;
    from: { address: string; port: number };
  },
  tb: Timebase,
  positionAt: (ntp: NtpTime) => MasterPosition | null,
  dropFrameSeparator = false,
): CueRecord {
  const cue = parseCueMessage(received.message);
  const wire = received.wireTimetag ?? received.timetag;
  const at = received.timetag ?? ntpFromUnixMs(received.arrivalMs);
  const position = positionAt(at);
  const senderFrame =
    cue?.label && labelProblem(tb, cue.label) === null ? labelToFrame(tb, cue.label) : null;
  let diffFrames: number | null = null;
  let diffMs: number | null = null;
  if (position !== null && senderFrame !== null) {
    diffFrames = nearestWay(position.frame - senderFrame, tb.framesPerDay);
    const intoFrameMs = position.instantNtp === null ? 0 : ntpDiffMs(at, position.instantNtp);
    diffMs = diffFrames * frameMs(tb.rate) + intoFrameMs;
  }
  return {
    arrivalMs: received.arrivalMs,
    source: `${received.from.address}:${received.from.port}`,
    address: received.message.address,
    text: cue?.text ?? null,
    masterLabel: position === null ? null : formatFrame(tb, position.frame, { dropFrameSeparator }),
    senderLabel: cue?.timecode ?? null,
    diffFrames,
    diffMs,
    timetag: wire === null ? null : ntpToHex(wire),
  };
}

/** A difference of frames of the day taken the short way round midnight. */
function nearestWay(diff: number, framesPerDay: number): number {
  const d = ((diff % framesPerDay) + framesPerDay) % framesPerDay;
  return d > framesPerDay / 2 ? d - framesPerDay : d;
}
