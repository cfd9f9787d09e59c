/**
 * What the receive path hands out: messages as they arrived and as they were acted on, the
 * packets it could not decode or refused, and its counters. receive-path.ts re-exports them.
 */
import type { TimetagClock } from '../../../shared/ipc';
import type { RECEIVE_LIMITS, ReceiveDropReason } from '../../../shared/model/limits';
import type { OscDecodeError, OscMessage } from '../../../shared/osc';
import type { NtpTime } from '../../../shared/osc/timetag';
import type { UdpSource } from '../network/udp-endpoint';

/** How a message's timetag relates to its arrival. */
export type Classification = 'immediate' | 'future' | 'late';
/** What to do with a message whose timetag has already passed: act now (flagged) or drop it. */
export type LatePolicy = 'play' | 'drop';

/**
 * A sender's timetag read in our clock: the sender's clock is `offsetMs` ahead of ours, so the
 * instant it meant is `ntp` here. `isConverged`: the offset's estimate has settled.
 */
export interface TimetagReading {
  ntp: NtpTime;
  offsetMs: number;
  isConverged: boolean;
}

/** Maps a source's timetag to our clock; null: read it as it is, in our clock (seed peers). */
export type TimetagToLocal = (from: UdpSource, timetag: NtpTime) => TimetagReading | null;

/** One message as it arrived, classified. */
export interface ReceivedMessage {
  readonly message: OscMessage;
  /**
   * The bundle's exact timetag in our clock (what it is scheduled at), or null for a plain
   * message or an immediate bundle.
   */
  readonly timetag: NtpTime | null;
  // The clock fields are optional so hand-made messages (tests, replays) can leave them out:
  // absent means read in our clock, as is.
  /** The timetag as it came on the wire, in the sender's clock (`clock`). */
  readonly wireTimetag?: NtpTime | null;
  /** Which clock the wire timetag was read in ('local' for messages without one). */
  readonly clock?: TimetagClock;
  /** The sender's clock offset taken off the wire timetag, ms; null when read in ours. */
  readonly clockOffsetMs?: number | null;
  readonly from: UdpSource;
  readonly arrivalMs: number;
  /** timetag - arrival in ms (positive = early enough); null when immediate. */
  readonly leadMs: number | null;
  readonly classification: Classification;
  /**
   * It will never be dispatched: late under the 'drop' policy, or future and refused a place in
   * the queue (its sender's share, or the whole queue, was full).
   */
  readonly isDropped: boolean;
}

/** A message at the moment it was acted on. */
export interface DispatchedMessage extends ReceivedMessage {
  /** When it was due: the timetag, or the arrival for immediate messages. */
  readonly targetMs: number;
  readonly dispatchedMs: number;
  /** dispatchedMs - targetMs. */
  readonly errorMs: number;
  readonly isLate: boolean;
}

/** A packet we could not decode. */
export interface MalformedPacket {
  readonly from: UdpSource;
  readonly arrivalMs: number;
  readonly byteLength: number;
  readonly error: OscDecodeError;
}

/** Running totals, for the statistics panel and tests. */
export interface ReceiveCounters {
  packets: number;
  messages: number;
  malformed: number;
  immediate: number;
  future: number;
  late: number;
  latePlayed: number;
  lateDropped: number;
  /** Future messages refused because the queue of waiting messages was full. */
  queueFull: number;
  /** Exceptions thrown by onDispatch listeners (caught; the path goes on). */
  handlerErrors: number;
  /** Messages refused whole, undecoded: their datagram carried more than the per-datagram cap. */
  capDropped: number;
  /** Messages refused, undecoded: their sender was over its budget (messages or bytes per s). */
  budgetDropped: number;
  /** Future messages refused because their sender already had its share waiting. */
  senderQueueFull: number;
  /** Messages refused because the backlog of datagrams waiting for a busy engine was full. */
  backlogDropped: number;
}

/** The limits a receive path enforces (RECEIVE_LIMITS unless a test or bench says otherwise). */
export type ReceivePathLimits = Omit<
  { -readonly [K in keyof typeof RECEIVE_LIMITS]: number },
  'socketBufferBytes' | 'kernelDropPollMs' | 'senderSockets' | 'senderSocketIdleMs'
>;

/** A datagram (or its future messages) the path refused, and why. */
export interface RefusedPacket {
  readonly from: UdpSource;
  readonly arrivalMs: number;
  readonly reason: ReceiveDropReason;
  /** Messages refused for this reason from this datagram. */
  readonly messages: number;
}
