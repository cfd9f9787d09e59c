/**
 * The tick receiver: the seed's Python and Pd receivers in one. Listens on a UDP port, routes the
 * tick addresses, and turns each tick into a TickEvent carrying its exact play time: announced on
 * arrival (`onTick`, for the renderer's look-ahead audio scheduling) and dispatched again at that
 * time (`onTickDue`, for non-audio consumers and output-interval measurement). Everything else
 * goes to `onMessage` at its time.
 */
import { compileAddressPattern, type OscMessage } from '../../../shared/osc';
import { ntpFromUnixMs, ntpToUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import type { Clock } from '../time/clock';
import { parseTickArgs, type MetronomeMode, type ParsedTick } from '../metronome';
import {
  createReceivePath,
  type Classification,
  type DispatchedMessage,
  type LatePolicy,
  type MalformedPacket,
  type ReceiveCounters,
  type ReceivedMessage,
} from './receive-path';
import type { Scheduler } from '../time/scheduler';
import {
  createUdpEndpoint,
  type UdpEndpoint,
  type UdpError,
  type UdpSource,
} from '../network/udp-endpoint';

/** The seed's Python receiver port. */
export const TICK_PORT_PYTHON = 8000;
/** The seed's Pure Data receiver port. */
export const TICK_PORT_PD = 8001;
/** The addresses the seeds send ticks to ('/py*' as python-osc's dispatcher maps it). */
export const DEFAULT_TICK_PATTERNS: readonly string[] = ['/tick', '/pd', '/py*'];

/** The sender's mode as far as the receiver can tell: 'timetagged' when a seed bundle does not say. */
export type TickMode = MetronomeMode | 'timetagged';

/** One tick, from its arrival on. */
export interface TickEvent {
  /** When to play it: the timetag, or the arrival for a plain message. */
  playAtNtp: NtpTime;
  playAtMs: number;
  arrivalMs: number;
  /** The raw timetag (null for a plain message or an immediate bundle). */
  timetag: NtpTime | null;
  /** timetag - arrival (positive = early enough); null without a timetag. */
  leadMs: number | null;
  classification: Classification;
  /** It arrived after its timetag. */
  isLate: boolean;
  /** Late under the 'drop' policy: it will not be dispatched and must not be played. */
  isDropped: boolean;
  source: UdpSource;
  address: string;
  mode: TickMode;
  /** How it was encoded (seed "tick", Pd number or bang, or extended). */
  format: ParsedTick['format'];
  /** Extended format only. */
  accent?: boolean;
  beat?: number;
  /** When the sender sent it (sender's clock, Unix ms); extended format only. */
  sentMs?: number;
}

/** How a tick's dispatch went. */
export interface TickDispatch {
  targetMs: number;
  dispatchedMs: number;
  /** dispatchedMs - targetMs. */
  errorMs: number;
  isLate: boolean;
}

/** Receive-path counters plus the tick receiver's own. */
export interface TickReceiverCounters extends ReceiveCounters {
  ticks: number;
  ticksDue: number;
  /** Messages that were not ticks (dispatched to onMessage). */
  otherMessages: number;
}

/** Options for {@link createTickReceiver}. */
export interface TickReceiverOptions {
  clock: Clock;
  scheduler: Scheduler;
  /** Local address (default 127.0.0.1; 0.0.0.0 to hear other machines). */
  host?: string;
  /** {@link TICK_PORT_PYTHON}, {@link TICK_PORT_PD}, or 0 for any free port. */
  port: number;
  /** Address patterns that carry ticks (default {@link DEFAULT_TICK_PATTERNS}). */
  patterns?: readonly string[];
  latePolicy?: LatePolicy;
  /** Every decoded message on arrival, ticks included (for a message log). */
  onReceive?: (message: ReceivedMessage) => void;
  onTick?: (tick: TickEvent) => void;
  onTickDue?: (tick: TickEvent, dispatch: TickDispatch) => void;
  onMessage?: (message: DispatchedMessage) => void;
  onMalformed?: (packet: MalformedPacket) => void;
  /** Socket errors after binding (rare on UDP). */
  onError?: (error: UdpError) => void;
}

/** A tick receiver. Thread: the engine's (the scheduler's). */
export interface TickReceiver {
  /** Binds the port; rejects with the UdpError (e.g. "Port 8000 is already in use ..."). */
  start(): Promise<UdpSource>;
  /** Closes the port and cancels ticks still waiting for their time. */
  stop(): Promise<void>;
  /** Feeds one datagram as if it had arrived (in-process peers and virtual-time tests). */
  handlePacket(bytes: Uint8Array, from: UdpSource, arrivalMs: number): void;
  setLatePolicy(policy: LatePolicy): void;
  /** The bound address while started. */
  readonly address: UdpSource | null;
  counters(): TickReceiverCounters;
  dispose(): Promise<void>;
}

/** Creates a stopped tick receiver; throws OscPatternError for a malformed pattern. */
export function createTickReceiver(options: TickReceiverOptions): TickReceiver {
  const { clock, scheduler } = options;
  const matchers = (options.patterns ?? DEFAULT_TICK_PATTERNS).map(compileAddressPattern);
  let latePolicy: LatePolicy = options.latePolicy ?? 'play';
  // Ticks waiting for dispatch, keyed by their decoded message (one object per message).
  const pending = new WeakMap<OscMessage, TickEvent>();
  const own = { ticks: 0, ticksDue: 0, otherMessages: 0 };
  let endpoint: UdpEndpoint | null = null;
  let starting: Promise<UdpSource> | null = null;
  let detach: Array<() => void> = [];
  let isDisposed = false;

  const onReceive = (r: ReceivedMessage): void => {
    options.onReceive?.(r);
    if (!matchers.some((matches) => matches(r.message.address))) return;
    const parsed = parseTickArgs(r.message.args);
    if (parsed === null) return;
    const tick = toTickEvent(r, parsed, latePolicy);
    own.ticks++;
    if (!tick.isDropped) pending.set(r.message, tick);
    options.onTick?.(tick);
  };

  const onDispatch = (d: DispatchedMessage): void => {
    const tick = pending.get(d.message);
    if (tick === undefined) {
      own.otherMessages++;
      options.onMessage?.(d);
      return;
    }
    pending.delete(d.message);
    own.ticksDue++;
    const { targetMs, dispatchedMs, errorMs, isLate } = d;
    options.onTickDue?.(tick, { targetMs, dispatchedMs, errorMs, isLate });
  };

  const path = createReceivePath({
    clock,
    scheduler,
    latePolicy,
    onReceive,
    onDispatch,
    onMalformed: options.onMalformed,
  });

  const bind = async (): Promise<UdpSource> => {
    const ep = createUdpEndpoint({ clock, host: options.host, port: options.port });
    try {
      const bound = await ep.bind();
      endpoint = ep;
      detach = [path.attach(ep), ep.onError((e) => options.onError?.(e))];
      return bound;
    } catch (error) {
      await ep.close();
      throw error;
    }
  };

  const stop = async (): Promise<void> => {
    await starting?.catch(() => undefined);
    for (const remove of detach) remove();
    detach = [];
    path.dispose();
    const ep = endpoint;
    endpoint = null;
    await ep?.close();
  };

  return {
    start() {
      if (isDisposed) return Promise.reject(new Error('[ticks] start() after dispose()'));
      if (endpoint) return Promise.resolve(endpoint.address!);
      starting ??= bind().finally(() => (starting = null));
      return starting;
    },
    stop,
    handlePacket: (bytes, from, arrivalMs) => path.handlePacket(bytes, from, arrivalMs),
    setLatePolicy(policy) {
      latePolicy = policy;
      path.setLatePolicy(policy);
    },
    get address() {
      return endpoint?.address ?? null;
    },
    counters: () => ({ ...path.counters(), ...own }),
    async dispose() {
      isDisposed = true;
      await stop();
    },
  };
}

function toTickEvent(r: ReceivedMessage, parsed: ParsedTick, latePolicy: LatePolicy): TickEvent {
  const isLate = r.classification === 'late';
  const tick: TickEvent = {
    playAtNtp: r.timetag ?? ntpFromUnixMs(r.arrivalMs),
    playAtMs: r.timetag === null ? r.arrivalMs : ntpToUnixMs(r.timetag),
    arrivalMs: r.arrivalMs,
    timetag: r.timetag,
    leadMs: r.leadMs,
    classification: r.classification,
    isLate,
    isDropped: isLate && latePolicy === 'drop',
    source: r.from,
    address: r.message.address,
    mode: parsed.mode ?? (r.timetag === null ? 'immediate' : 'timetagged'),
    format: parsed.format,
  };
  if (parsed.accent !== undefined) tick.accent = parsed.accent;
  if (parsed.beat !== undefined) tick.beat = parsed.beat;
  if (parsed.sentNtp !== undefined) tick.sentMs = ntpToUnixMs(parsed.sentNtp);
  return tick;
}
