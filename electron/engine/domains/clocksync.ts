/**
 * The `clock:*` domain: the engine answers clock pings (on its receiver socket through the
 * router, and on its senders' sockets through {@link ClockSyncDomain.answerDatagram}) and measures
 * the clock of every source its receiver hears (clock:get, clock:changed), so a Syncroscope
 * sender's timetags are read in that sender's clock. `skew` is this instance's deliberate skew,
 * already applied to ctx.clock; it is only reported here.
 */
import { CLOCK_PING_ADDRESS, CLOCK_PONG_ADDRESS, isClockAddress } from '../../../shared/clocksync';
import type { ClockSnapshot } from '../../../shared/ipc';
import {
  clockPongForDatagram,
  createClockResponder,
  createPeerClocks,
  type PeerClocksOptions,
  type SendFrom,
} from '../clocksync';
import type { UdpSource } from '../network/udp-endpoint';
import type { ReceivedMessage, TimetagToLocal } from '../receive/receive-path';
import { NO_SKEW, type ClockSkew } from '../time/skewed-clock';
import type { DomainHandlers, EngineContext } from './context';

/** What the receiver calls for clock sync. */
export interface ReceiverClockHooks {
  /** Every received message: pings its source if it is new (clock traffic excepted). */
  heard(message: ReceivedMessage, send: SendFrom): void;
  timetagToLocal: TimetagToLocal;
}

/** The clock domain. */
export interface ClockSyncDomain {
  handlers: DomainHandlers<'clock:get' | 'clock:now'>;
  receiver: ReceiverClockHooks;
  /** A datagram on a socket without a receive path (the senders'): the pong to send, or null. */
  answerDatagram(bytes: Uint8Array, from: UdpSource, arrivalMs: number): Uint8Array | null;
  dispose(): void;
}

/** Creates the domain and registers its routes on ctx.router. */
export function createClockSyncDomain(
  ctx: EngineContext,
  deps: {
    skew?: ClockSkew;
    peers?: Omit<PeerClocksOptions, 'clock' | 'timers' | 'onChanged'>;
  } = {},
): ClockSyncDomain {
  const skew = deps.skew ?? NO_SKEW;
  const snapshot = (): ClockSnapshot => ({
    skew: { offsetMs: skew.offsetMs, driftPpm: skew.driftPpm },
    peers: peers.views(),
  });
  const peers = createPeerClocks({
    ...deps.peers,
    clock: ctx.clock,
    timers: ctx.timers,
    onChanged: () => ctx.sink.state('clock:changed', snapshot),
  });
  const removers = [
    ctx.router.add(CLOCK_PING_ADDRESS, createClockResponder(ctx.clock, peers.noteAnswering)),
    ctx.router.add(CLOCK_PONG_ADDRESS, {
      onArrival: (m) => void peers.onPong(m.message, m.from, m.arrivalMs),
    }),
  ];
  if (skew.offsetMs !== 0 || skew.driftPpm !== 0) {
    ctx.log('info', `this clock is deliberately off: ${skew.offsetMs} ms, ${skew.driftPpm} ppm`);
  }
  return {
    handlers: {
      'clock:get': async () => snapshot(),
      // Read last: whatever the handler does before it would count as network time.
      'clock:now': async () => ({ engineMs: ctx.clock.nowMs() }),
    },
    receiver: {
      heard(m, send) {
        if (!isClockAddress(m.message.address)) peers.heard(m.from, send);
      },
      timetagToLocal: peers.timetagToLocal,
    },
    answerDatagram: (bytes, _from, arrivalMs) =>
      clockPongForDatagram(bytes, arrivalMs, ctx.clock, peers.noteAnswering),
    dispose() {
      for (const remove of removers) remove();
      peers.dispose();
    },
  };
}
