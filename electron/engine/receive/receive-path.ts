import { ZERO_RECEIVE_COUNTERS } from '../../../shared/ipc/constants';
import { RECEIVE_LIMITS, type ReceiveDropReason } from '../../../shared/model/limits';
import { decodePacket, flattenPacket, OscDecodeError, type OscMessage } from '../../../shared/osc';
import { isImmediate, ntpToUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import type { Clock } from '../time/clock';
import type { Scheduler } from '../time/scheduler';
import type { EngineTimers } from '../time/timers';
import type { UdpEndpoint, UdpSource } from '../network/udp-endpoint';
import { countMessages } from './count-messages';
import { createReceiveBacklog } from './receive-backlog';
import { createSenderBudgets, type SenderAccount } from './sender-budgets';
import type {
  Classification,
  DispatchedMessage,
  LatePolicy,
  MalformedPacket,
  ReceiveCounters,
  ReceivedMessage,
  ReceivePathLimits,
  RefusedPacket,
  TimetagToLocal,
} from './receive-types';

export type {
  Classification,
  DispatchedMessage,
  LatePolicy,
  MalformedPacket,
  ReceiveCounters,
  ReceivedMessage,
  ReceivePathLimits,
  RefusedPacket,
  TimetagReading,
  TimetagToLocal,
} from './receive-types';

/** Options for {@link createReceivePath}. */
export interface ReceivePathOptions {
  clock: Clock;
  scheduler: Scheduler;
  latePolicy?: LatePolicy;
  /**
   * Every decoded message on arrival, before it waits for its time. The same object reaches
   * `onDispatch` later, its dispatch fields filled in then (no copy per message).
   */
  onReceive?: (message: ReceivedMessage) => void;
  /** Every message when it is acted on: at its timetag, at arrival if immediate, or late. */
  onDispatch: (message: DispatchedMessage) => void;
  /** Every packet rejected by the decoder. */
  onMalformed?: (packet: MalformedPacket) => void;
  /** Every datagram refused by a limit (and future messages refused a place in the queue). */
  onRefused?: (packet: RefusedPacket) => void;
  /**
   * How rounds of the event loop are told apart, so receive work yields to timers when much
   * arrives at once (the engine's timers); absent: every datagram is worked on at once.
   */
  timers?: EngineTimers;
  /**
   * Stops reading a sender for `ms` (its socket's: UdpEndpoint.shed); false when it cannot. A
   * sender that keeps sending far over its budget is shed (RECEIVE_LIMITS.shedWindowMs...).
   */
  shed?: (from: UdpSource, ms: number) => boolean;
  /** A sender was shed for `ms`. */
  onShed?: (from: UdpSource, ms: number) => void;
  /** Overrides of {@link RECEIVE_LIMITS} (tests and benches). */
  limits?: Partial<ReceivePathLimits>;
  /**
   * Datagrams that had waited in the backlog were worked on: the counters moved after
   * `handlePacket` returned (at most once per round of the loop).
   */
  onWorkedLater?: () => void;
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

const { kernelDropped: _kernel, ...ZERO_COUNTERS } = ZERO_RECEIVE_COUNTERS;

/** A datagram that passed the limits, on its way to be decoded. */
interface Arrival {
  bytes: Uint8Array;
  from: UdpSource;
  arrivalMs: number;
  account: SenderAccount;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const keepCopy = (a: Arrival): Arrival => ({ ...a, bytes: new Uint8Array(a.bytes) });

/**
 * Creates the receive path. Before a datagram is decoded it is weighed (its messages counted from
 * the bundle framing) and refused whole if it carries more than the per-datagram cap or its
 * sender is over budget; a future message is refused a place in the queue when its sender, or
 * every sender together, already has the most waiting, and is dispatched without the precise
 * (spinning) wait when its sender already has many waiting. Thread: the engine's.
 */
export function createReceivePath(options: ReceivePathOptions): ReceivePath {
  const { clock, scheduler } = options;
  const limits: ReceivePathLimits = { ...RECEIVE_LIMITS, ...options.limits };
  let latePolicy: LatePolicy = options.latePolicy ?? 'play';
  const waiting = new Set<number>();
  const counters: ReceiveCounters = { ...ZERO_COUNTERS };
  const budgets = createSenderBudgets({
    messagesPerS: limits.senderMessagesPerS,
    messageBurst: limits.senderMessageBurst,
    bytesPerS: limits.senderBytesPerS,
    byteBurst: limits.senderByteBurst,
    maxSenders: limits.trackedSenders,
  });

  const refuse = (
    reason: ReceiveDropReason,
    messages: number,
    from: UdpSource,
    arrivalMs: number,
  ): void => {
    counters[reason] += messages;
    if (!options.onRefused) return;
    try {
      options.onRefused({ from, arrivalMs, reason, messages });
    } catch {
      counters.handlerErrors++;
    }
  };

  /**
   * Acts on a message: the object announced on arrival becomes the dispatched one (its dispatch
   * fields filled in now), so no copy is made per message.
   */
  const deliver = (
    item: Mutable<DispatchedMessage>,
    dispatchedMs: number,
    isLate: boolean,
  ): void => {
    item.dispatchedMs = dispatchedMs;
    item.errorMs = dispatchedMs - item.targetMs;
    item.isLate = isLate;
    try {
      options.onDispatch(item);
    } catch {
      counters.handlerErrors++;
    }
  };

  /** Queues a future message; the reason it was refused, or null. */
  const schedule = (
    timetag: NtpTime,
    account: SenderAccount,
    onDue: (dispatchedMs: number) => void,
  ): ReceiveDropReason | null => {
    if (account.scheduled >= limits.scheduledPerSender) return 'senderQueueFull';
    if (waiting.size >= limits.scheduledTotal) return 'queueFull';
    const isPrecise = account.scheduled < limits.preciseScheduledPerSender;
    const id = scheduler.schedule(
      timetag,
      (info) => {
        waiting.delete(info.id);
        account.scheduled--;
        onDue(info.dispatchedMs);
      },
      { isPrecise },
    );
    if (id === null) return 'queueFull';
    waiting.add(id);
    account.scheduled++;
    return null;
  };

  const handleMessage = (
    message: OscMessage,
    tag: NtpTime | null,
    { from, arrivalMs, account }: Arrival,
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
    // Queued before it is announced, so the announcement can say it will never be dispatched.
    const refusal =
      classification === 'future'
        ? schedule(timetag!, account, (dispatchedMs) => deliver(received, dispatchedMs, false))
        : null;
    const isDropped = refusal !== null || (classification === 'late' && latePolicy === 'drop');
    // Announced as received, dispatched later as the same object (see deliver).
    const received: Mutable<DispatchedMessage> = {
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
      targetMs,
      dispatchedMs: NaN,
      errorMs: NaN,
      isLate: false,
    };
    try {
      options.onReceive?.(received);
    } catch {
      counters.handlerErrors++;
    }
    if (refusal !== null) return refuse(refusal, 1, from, arrivalMs);
    if (classification === 'immediate') return deliver(received, clock.nowMs(), false);
    if (classification === 'late') {
      if (isDropped) {
        counters.lateDropped++;
        return;
      }
      counters.latePlayed++;
      return deliver(received, clock.nowMs(), true);
    }
  };

  const decodeAndHandle = (arrival: Arrival): void => {
    let timed;
    try {
      timed = flattenPacket(decodePacket(arrival.bytes));
    } catch (error) {
      counters.malformed++;
      if (error instanceof OscDecodeError) {
        const { from, arrivalMs, bytes } = arrival;
        try {
          options.onMalformed?.({ from, arrivalMs, byteLength: bytes.byteLength, error });
        } catch {
          counters.handlerErrors++;
        }
      }
      return;
    }
    for (const t of timed) handleMessage(t.message, t.timetag, arrival);
  };

  const backlog = createReceiveBacklog<Arrival>({
    clock,
    timers: options.timers,
    maxItems: limits.backlogDatagrams,
    maxBytes: limits.backlogBytes,
    maxItemsPerOwner: limits.backlogPerSender,
    work: decodeAndHandle,
    onRoundWorked: options.onWorkedLater,
  });

  /** Counts a sender's datagram, refused or not, and sheds it when it floods (see `shed`). */
  const weigh = (
    account: SenderAccount,
    from: UdpSource,
    isRefused: boolean,
    nowMs: number,
  ): void => {
    if (!options.shed) return;
    const w = account.lately;
    w.seen++;
    if (isRefused) w.refused++;
    // Counted in datagrams: one oversized bundle is refused, but it is not a flood. Judged at
    // once, so a flooder read again after its shed costs milliseconds, not a whole window.
    const isFlood = w.refused >= limits.shedRefusedDatagrams && w.refused * 2 > w.seen;
    if (!isFlood && nowMs - w.startMs < limits.shedWindowMs) return;
    w.startMs = nowMs;
    w.seen = 0;
    w.refused = 0;
    if (!isFlood) {
      w.shedMs = 0; // a calm window: the next shed is the shortest again
      return;
    }
    const ms = Math.min(w.shedMs === 0 ? limits.shedForMs : w.shedMs * 2, limits.shedMaxForMs);
    if (!options.shed(from, ms)) return;
    w.shedMs = ms;
    w.startMs = nowMs + ms; // its next window starts when it is read again
    options.onShed?.(from, ms);
  };

  const handlePacket = (bytes: Uint8Array, from: UdpSource, arrivalMs: number): void => {
    counters.packets++;
    const messages = countMessages(bytes);
    const account = budgets.account(from, arrivalMs);
    const isCapped = messages > limits.messagesPerDatagram;
    const isOver = !isCapped && !budgets.spend(account, messages, bytes.byteLength, arrivalMs);
    weigh(account, from, isCapped || isOver, arrivalMs);
    if (isCapped) return refuse('capDropped', messages, from, arrivalMs);
    if (isOver) return refuse('budgetDropped', messages, from, arrivalMs);
    const arrival: Arrival = { bytes, from, arrivalMs, account };
    if (!backlog.submit(arrival, bytes.byteLength, keepCopy, account))
      refuse('backlogDropped', messages, from, arrivalMs);
  };

  return {
    handlePacket,
    attach: (endpoint) => endpoint.onPacket(handlePacket),
    setLatePolicy(policy) {
      latePolicy = policy;
    },
    counters: () => ({ ...counters }),
    dispose() {
      backlog.dispose();
      for (const id of waiting) scheduler.cancel(id);
      waiting.clear();
    },
  };
}
