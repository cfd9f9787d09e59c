import { ZERO_RECEIVE_COUNTERS } from '../../../shared/ipc/constants';
import { decodePacket, flattenPacket, OscDecodeError, type OscMessage } from '../../../shared/osc';
import type { TimetagClock } from '../../../shared/ipc';
import { isImmediate, ntpToUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import type { Clock } from '../time/clock';
import type { Scheduler } from '../time/scheduler';
import type { UdpEndpoint, UdpSource } from '../network/udp-endpoint';

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
  /** Late under the 'drop' policy: it will never be dispatched. */
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
  /** Future messages refused because the scheduler queue was full. */
  queueFull: number;
  /** Exceptions thrown by onDispatch listeners (caught; the path goes on). */
  handlerErrors: number;
}

/** Options for {@link createReceivePath}. */
export interface ReceivePathOptions {
  clock: Clock;
  scheduler: Scheduler;
  latePolicy?: LatePolicy;
  /** Every decoded message on arrival, before it waits for its time. */
  onReceive?: (message: ReceivedMessage) => void;
  /** Every message when it is acted on: at its timetag, at arrival if immediate, or late. */
  onDispatch: (message: DispatchedMessage) => void;
  /** Every packet rejected by the decoder. */
  onMalformed?: (packet: MalformedPacket) => void;
  /**
   * Reads a timetag in its sender's clock, before it is classified (clock sync). Called once per
   * timetagged message on the hot path: a Map lookup, no more.
   */
  timetagToLocal?: TimetagToLocal;
}

/** Decodes, classifies and schedules incoming OSC packets. Never throws on bad input. */
export interface ReceivePath {
  /** Handles one datagram (what a UDP endpoint's packet listener calls). */
  handlePacket(bytes: Uint8Array, from: UdpSource, arrivalMs: number): void;
  /** Listens to an endpoint's packets; returns the remover. */
  attach(endpoint: UdpEndpoint): () => void;
  setLatePolicy(policy: LatePolicy): void;
  /** A copy of the counters. */
  counters(): ReceiveCounters;
  /** Cancels every message still waiting for its timetag. */
  dispose(): void;
}

/** Creates the receive path. Thread: the engine's (same as the scheduler). */
export function createReceivePath(options: ReceivePathOptions): ReceivePath {
  const { clock, scheduler } = options;
  let latePolicy: LatePolicy = options.latePolicy ?? 'play';
  const waiting = new Set<number>();
  const counters: ReceiveCounters = { ...ZERO_RECEIVE_COUNTERS };

  const deliver = (
    received: ReceivedMessage,
    targetMs: number,
    dispatchedMs: number,
    isLate: boolean,
  ): void => {
    try {
      options.onDispatch({
        ...received,
        targetMs,
        dispatchedMs,
        errorMs: dispatchedMs - targetMs,
        isLate,
      });
    } catch {
      counters.handlerErrors++;
    }
  };

  const handleMessage = (
    message: OscMessage,
    tag: NtpTime | null,
    from: UdpSource,
    arrivalMs: number,
  ): void => {
    counters.messages++;
    const wireTimetag = tag === null || isImmediate(tag) ? null : tag;
    const reading =
      wireTimetag === null ? null : (options.timetagToLocal?.(from, wireTimetag) ?? null);
    const timetag = reading === null ? wireTimetag : reading.ntp;
    const targetMs = timetag === null ? arrivalMs : ntpToUnixMs(timetag);
    const leadMs = timetag === null ? null : targetMs - arrivalMs;
    const classification: Classification =
      leadMs === null ? 'immediate' : leadMs > 0 ? 'future' : 'late';
    counters[classification]++;
    const isDropped = classification === 'late' && latePolicy === 'drop';
    const received: ReceivedMessage = {
      message,
      timetag,
      wireTimetag,
      clock: reading === null ? 'local' : reading.isConverged ? 'peer' : 'peer-measuring',
      clockOffsetMs: reading === null ? null : reading.offsetMs,
      from,
      arrivalMs,
      leadMs,
      classification,
      isDropped,
    };
    try {
      options.onReceive?.(received);
    } catch {
      counters.handlerErrors++;
    }
    if (classification === 'immediate') return deliver(received, targetMs, clock.nowMs(), false);
    if (classification === 'late') {
      if (isDropped) {
        counters.lateDropped++;
        return;
      }
      counters.latePlayed++;
      return deliver(received, targetMs, clock.nowMs(), true);
    }
    const id = scheduler.schedule(timetag!, (info) => {
      waiting.delete(info.id);
      deliver(received, info.targetMs, info.dispatchedMs, false);
    });
    if (id === null) counters.queueFull++;
    else waiting.add(id);
  };

  const handlePacket = (bytes: Uint8Array, from: UdpSource, arrivalMs: number): void => {
    counters.packets++;
    let timed;
    try {
      timed = flattenPacket(decodePacket(bytes));
    } catch (error) {
      counters.malformed++;
      if (error instanceof OscDecodeError) {
        try {
          options.onMalformed?.({ from, arrivalMs, byteLength: bytes.byteLength, error });
        } catch {
          counters.handlerErrors++;
        }
      }
      return;
    }
    for (const t of timed) handleMessage(t.message, t.timetag, from, arrivalMs);
  };

  return {
    handlePacket,
    attach: (endpoint) => endpoint.onPacket(handlePacket),
    setLatePolicy(policy) {
      latePolicy = policy;
    },
    counters: () => ({ ...counters }),
    dispose() {
      for (const id of waiting) scheduler.cancel(id);
      waiting.clear();
    },
  };
}
