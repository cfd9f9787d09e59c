/**
 * Clock sync on one socket that has its own receive path and no router (the CLI's listen): it
 * answers pings, pings every source it hears from the same socket, and reads an answering
 * source's timetags in that source's clock. The engine does the same through its router.
 */
import { CLOCK_PING_ADDRESS, CLOCK_PONG_ADDRESS } from '../../../shared/clocksync';
import type { UdpEndpoint } from '../network/udp-endpoint';
import type { ReceivedMessage, TimetagToLocal } from '../receive/receive-path';
import type { Clock } from '../time/clock';
import type { SchedulerTimers } from '../time/timers';
import { createPeerClocks, type PeerClocks, type SendFrom } from './peer-clocks';
import { clockPongFor } from './responder';

/** Clock sync for one endpoint. */
export interface EndpointClockSync {
  /** The receive path's `timetagToLocal`. */
  timetagToLocal: TimetagToLocal;
  /** Every received message; true when it was clock traffic (a ping answered, a pong taken). */
  onReceive(message: ReceivedMessage): boolean;
  readonly peers: PeerClocks;
  dispose(): void;
}

/** Creates clock sync for `endpoint` (bound or not yet). */
export function createEndpointClockSync(deps: {
  endpoint: UdpEndpoint;
  clock: Clock;
  timers: Pick<SchedulerTimers, 'setTimer' | 'clearTimer'>;
}): EndpointClockSync {
  const { endpoint, clock } = deps;
  const send: SendFrom = (bytes, to) =>
    void endpoint.send(bytes, to.address, to.port).catch(() => {}); // unanswered is counted
  const peers = createPeerClocks({ clock, timers: deps.timers });
  return {
    timetagToLocal: peers.timetagToLocal,
    onReceive(m) {
      const address = m.message.address;
      if (address === CLOCK_PING_ADDRESS) {
        const pong = clockPongFor(m.message, m.arrivalMs, clock);
        if (pong !== null) send(pong, m.from);
        return true;
      }
      if (address === CLOCK_PONG_ADDRESS) {
        peers.onPong(m.message, m.from, m.arrivalMs);
        return true;
      }
      peers.heard(m.from, send);
      return false;
    },
    peers,
    dispose: () => peers.dispose(),
  };
}
