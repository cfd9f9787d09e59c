/**
 * The answering side of the clock exchange: every Syncroscope socket that a peer may ping (the
 * receiver, the senders' sockets that ticks leave from, the CLI's) answers
 * `/syncroscope/clock/ping t1` with `/syncroscope/clock/pong t1 t2 t3`: t2 the ping's arrival
 * stamp, t3 now, just before the pong is handed to the socket.
 */
import { encodeClockPong, parseClockPing } from '../../../shared/clocksync';
import { decodePacket, type OscMessage } from '../../../shared/osc';
import { ntpFromUnixMs, type NtpTime } from '../../../shared/osc/timetag';
import type { UdpEndpoint, UdpSource } from '../network/udp-endpoint';
import type { RouteHandler } from '../receive/router';
import type { Clock } from '../time/clock';

/** The pong for `message` if it is a ping, else null. */
export function clockPongFor(
  message: OscMessage,
  arrivalMs: number,
  clock: Clock,
): Uint8Array | null {
  const t1 = parseClockPing(message);
  return t1 === null ? null : pongFor(t1, arrivalMs, clock);
}

// t3 is read last, just before the pong is handed to the socket.
const pongFor = (t1: NtpTime, arrivalMs: number, clock: Clock): Uint8Array =>
  encodeClockPong({ t1, t2: ntpFromUnixMs(arrivalMs), t3: clock.nowNtp() });

/**
 * The responder as a route on the engine's router (register it on the ping address);
 * `onPing` sees each ping's t1 first (to recognise the engine's own pings).
 */
export function createClockResponder(clock: Clock, onPing?: (t1: NtpTime) => void): RouteHandler {
  return {
    onArrival(m, reply) {
      const t1 = parseClockPing(m.message);
      if (t1 === null) return;
      onPing?.(t1);
      reply(pongFor(t1, m.arrivalMs, clock), m.from);
    },
  };
}

/**
 * For a raw datagram on a socket without a receive path (senders, the CLI metronome): the pong if
 * it is a plain ping message, else null. Anything else, malformed included, is ignored.
 */
export function clockPongForDatagram(
  bytes: Uint8Array,
  arrivalMs: number,
  clock: Clock,
  onPing?: (t1: NtpTime) => void,
): Uint8Array | null {
  if (bytes.byteLength !== 36) return null; // a ping's exact size: skip decoding everything else
  try {
    const packet = decodePacket(bytes);
    const t1 = packet.kind === 'message' ? parseClockPing(packet) : null;
    if (t1 === null) return null;
    onPing?.(t1);
    return pongFor(t1, arrivalMs, clock);
  } catch {
    return null;
  }
}

/** Makes `endpoint` answer clock pings; returns the remover. Send failures are passed to `onError`. */
export function answerClockPings(
  endpoint: UdpEndpoint,
  clock: Clock,
  onError?: (error: unknown, to: UdpSource) => void,
): () => void {
  return endpoint.onPacket((bytes, from, arrivalMs) => {
    const pong = clockPongForDatagram(bytes, arrivalMs, clock);
    if (pong === null) return;
    endpoint.send(pong, from.address, from.port).catch((error: unknown) => onError?.(error, from));
  });
}
