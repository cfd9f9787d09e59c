/**
 * The pinging side: every source the receiver hears from is pinged from the socket it was heard
 * on (4 a second while measuring, 1 a second once converged), and each answer feeds that peer's
 * estimator. A source that never answers (python-osc, Pd: seed peers) is given up silently after
 * a few pings and its timetags stay in our clock; one that answers has its timetags read in its
 * own clock from then on, once its clock demonstrably differs from ours (|offset| > error bound):
 * while the bound still covers zero, our own clock is as good a reading and has no estimation
 * noise (one laptop, a jittery relay: the clocks are the same, the estimate is not yet exact). Peers not heard from for a while are not pinged until they send again.
 */
import {
  createClockEstimator,
  encodeClockPing,
  isImpossibleExchange,
  parseClockPong,
  sampleFromExchange,
  type ClockEstimator,
  type ClockEstimatorOptions,
} from '../../../shared/clocksync';
import type { PeerClockView } from '../../../shared/ipc';
import type { OscMessage } from '../../../shared/osc';
import { ntpAddMs, ntpFromUnixMs, ntpToUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import { formatSource } from '../measure';
import type { UdpSource } from '../network/udp-endpoint';
import type { TimetagReading } from '../receive/receive-path';
import type { Clock } from '../time/clock';
import type { SchedulerTimers } from '../time/timers';

/** Sends one datagram to `to` from the socket a peer was heard on. Never throws. */
export type SendFrom = (bytes: Uint8Array, to: UdpSource) => void;

/** Options of {@link createPeerClocks}. */
export interface PeerClocksOptions {
  clock: Clock;
  timers: Pick<SchedulerTimers, 'setTimer' | 'clearTimer'>;
  /** A peer's estimate or state changed (at most once per answered ping). */
  onChanged?: () => void;
  /** Ping period while measuring, and once converged, ms. */
  measuringIntervalMs?: number;
  convergedIntervalMs?: number;
  /** Pinged this many times without a single answer: a seed peer, left alone. */
  giveUpAfter?: number;
  /** An answering peer this many pings without answer is stale (pinged every `staleIntervalMs`). */
  staleAfter?: number;
  staleIntervalMs?: number;
  /** Not heard from for this long: pinging pauses until it sends again, ms. */
  idleMs?: number;
  /** Peers tracked at most (sources come from the network); the longest silent goes first. */
  maxPeers?: number;
  estimator?: ClockEstimatorOptions;
}

/** Every source's clock, measured as it is heard. Thread: the engine's. */
export interface PeerClocks {
  /** A (non-clock) message came from `from`; `send` answers on the socket it came to. */
  heard(from: UdpSource, send: SendFrom): void;
  /** A pong arrived; true when it answered one of our pings. */
  onPong(message: OscMessage, from: UdpSource, arrivalMs: number): boolean;
  /**
   * A ping is being answered on one of our own sockets: if we sent it, that source is this very
   * engine (its metronome heard by its receiver), whose timetags are in our clock already: it is
   * left alone rather than corrected by a measured near-zero offset.
   */
  noteAnswering(t1: NtpTime): void;
  /** The receive path's hook: `from`'s timetag in our clock, or null (read as it is). */
  timetagToLocal(from: UdpSource, timetag: NtpTime): TimetagReading | null;
  /** Every peer's estimate now, in the order they were first heard. */
  views(): PeerClockView[];
  dispose(): void;
}

interface Peer {
  readonly key: string;
  readonly to: UdpSource;
  readonly estimator: ClockEstimator;
  send: SendFrom;
  lastHeardMs: number;
  /** t1 of pings not yet answered (the newest few; a late answer is still a sample). */
  outstanding: Set<NtpTime>;
  /** t1 of the latest ping while it is unanswered. */
  awaiting: NtpTime | null;
  pings: number;
  pongs: number;
  /** This engine's own socket (see noteAnswering): not pinged, not shown, read as local. */
  isSelf: boolean;
  /** Pings in a row that got no answer. */
  missed: number;
  state: PeerClockView['state'];
  /** The latest estimate's offset exceeds its error bound: the clocks measurably differ. */
  differs: boolean;
  timer: unknown;
}

const MAX_OUTSTANDING = 16;

/** Creates the tracker; it pings nobody until it hears from someone. */
export function createPeerClocks(options: PeerClocksOptions): PeerClocks {
  const { clock, timers } = options;
  const measuringMs = options.measuringIntervalMs ?? 250;
  const convergedMs = options.convergedIntervalMs ?? 1000;
  const staleMs = options.staleIntervalMs ?? 5000;
  const giveUpAfter = options.giveUpAfter ?? 5;
  const staleAfter = options.staleAfter ?? 10;
  const idleMs = options.idleMs ?? 10_000;
  const maxPeers = options.maxPeers ?? 64;
  const peers = new Map<string, Peer>();
  const changed = (): void => options.onChanged?.();

  const intervalOf = (p: Peer): number =>
    p.state === 'stale' ? staleMs : p.estimator.state === 'converged' ? convergedMs : measuringMs;

  const ping = (p: Peer): void => {
    p.timer = null;
    if (clock.nowMs() - p.lastHeardMs > idleMs) return void (p.awaiting = null); // paused
    if (p.awaiting !== null) p.missed++;
    if (p.pongs === 0 && p.missed >= giveUpAfter) {
      p.state = 'no-answer';
      p.outstanding.clear();
      p.awaiting = null;
      return changed();
    }
    if (p.pongs > 0 && p.missed >= staleAfter && p.state !== 'stale') {
      p.state = 'stale';
      changed();
    }
    const t1 = clock.nowNtp();
    p.awaiting = t1;
    p.outstanding.add(t1);
    if (p.outstanding.size > MAX_OUTSTANDING)
      p.outstanding.delete(p.outstanding.values().next().value!);
    p.pings++;
    p.send(encodeClockPing(t1), p.to);
    if (p.isSelf) return; // it answered at once: this engine's own socket
    p.timer = timers.setTimer(() => ping(p), intervalOf(p));
  };

  const evictOne = (): void => {
    let oldest: Peer | null = null;
    for (const p of peers.values()) if (!oldest || p.lastHeardMs < oldest.lastHeardMs) oldest = p;
    if (!oldest) return;
    if (oldest.timer !== null) timers.clearTimer(oldest.timer);
    peers.delete(oldest.key);
  };

  return {
    heard(from, send) {
      const key = formatSource(from);
      let p = peers.get(key);
      if (p === undefined) {
        if (peers.size >= maxPeers) evictOne();
        p = {
          key,
          to: { address: from.address, port: from.port },
          estimator: createClockEstimator(options.estimator),
          send,
          lastHeardMs: clock.nowMs(),
          outstanding: new Set(),
          awaiting: null,
          pings: 0,
          pongs: 0,
          missed: 0,
          isSelf: false,
          state: 'measuring',
          differs: false,
          timer: null,
        };
        peers.set(key, p);
        ping(p);
        return changed();
      }
      p.lastHeardMs = clock.nowMs();
      p.send = send; // the receiver may have moved to another socket
      if (p.timer === null && p.state !== 'no-answer' && !p.isSelf) ping(p); // paused: resume
    },

    onPong(message, from, arrivalMs) {
      const pong = parseClockPong(message);
      const p = pong === null ? undefined : peers.get(formatSource(from));
      if (pong === null || p === undefined || !p.outstanding.delete(pong.t1)) return false;
      const exchange = { ...pong, t4: ntpFromUnixMs(arrivalMs) };
      p.pongs++;
      p.missed = 0;
      if (p.awaiting === pong.t1) p.awaiting = null;
      if (isImpossibleExchange(exchange)) return true;
      p.estimator.add(sampleFromExchange(exchange));
      p.state = p.estimator.state;
      const e = p.estimator.estimate(arrivalMs);
      p.differs = e !== null && Math.abs(e.offsetMs) > e.errorBoundMs;
      changed();
      return true;
    },

    noteAnswering(t1) {
      for (const p of peers.values()) {
        if (!p.outstanding.has(t1) || p.isSelf) continue;
        p.isSelf = true;
        if (p.timer !== null) timers.clearTimer(p.timer);
        p.timer = null;
        changed();
      }
    },

    timetagToLocal(from, timetag) {
      const p = peers.get(formatSource(from));
      if (p === undefined || !p.differs || p.isSelf) return null;
      const wireMs = ntpToUnixMs(timetag);
      const guess = p.estimator.offsetAt(wireMs);
      if (guess === null) return null;
      // The offset at the meant instant in our clock (wire - offset), not at the wire time.
      const offsetMs = p.estimator.offsetAt(wireMs - guess) ?? guess;
      const local = wireMs - offsetMs;
      if (!(local > 0)) return null; // a timetag near 1900: nothing to map it to
      return {
        ntp: ntpAddMs(timetag, -offsetMs),
        offsetMs,
        isConverged: p.state === 'converged',
      };
    },

    views() {
      const now = clock.nowMs();
      return [...peers.values()]
        .filter((p) => !p.isSelf)
        .map((p) => {
          const e = p.estimator.estimate(now);
          return {
            peer: p.key,
            state: p.state,
            offsetMs: e?.offsetMs ?? null,
            rttMs: e?.rttMs ?? null,
            errorBoundMs: e?.errorBoundMs ?? null,
            driftPpm: e?.driftPpm ?? null,
            samples: e?.samples ?? 0,
            pings: p.pings,
            pongs: p.pongs,
            steps: e?.steps ?? 0,
          };
        });
    },

    dispose() {
      for (const p of peers.values()) if (p.timer !== null) timers.clearTimer(p.timer);
      peers.clear();
    },
  };
}
