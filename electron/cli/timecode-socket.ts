/**
 * The one UDP socket a timecode command uses: it listens (its receive path feeding a router,
 * as the engine's receiver does) and sends from the same port, as the seed's programs do.
 * Broadcast is allowed, so `--to 255.255.255.255:5006` works like the seed's "broadcast". It
 * answers clock pings, as every Syncroscope socket does.
 */
import { CLOCK_PING_ADDRESS } from '../../shared/clocksync';
import { createClockResponder } from '../engine/clocksync';
import {
  createUdpEndpoint,
  type UdpEndpoint,
  type UdpSource,
} from '../engine/network/udp-endpoint';
import { createReceivePath } from '../engine/receive/receive-path';
import { createOscRouter, type OscRouter } from '../engine/receive/router';
import type { CliContext } from './context';

/** A bound socket with its router. */
export interface TimecodeSocket {
  router: OscRouter;
  endpoint: UdpEndpoint;
  address: UdpSource;
  /** Stops receiving and closes the socket. */
  close(): Promise<void>;
}

/** Binds 0.0.0.0:`port` (0 = any free port); rejects with a UdpError (e.g. port in use). */
export async function openTimecodeSocket(
  ctx: CliContext,
  port: number,
  tag: string,
): Promise<TimecodeSocket> {
  const endpoint = createUdpEndpoint({ clock: ctx.clock, host: '0.0.0.0', port, broadcast: true });
  endpoint.onError((e) => ctx.err(`[udp] ${e.message}`));
  const router = createOscRouter();
  router.add(CLOCK_PING_ADDRESS, createClockResponder(ctx.clock)); // peers may measure our clock
  const input = router.connect({ send: (bytes, host, p) => endpoint.send(bytes, host, p) });
  const path = createReceivePath({
    clock: ctx.clock,
    scheduler: ctx.scheduler,
    onReceive: input.onReceive,
    onDispatch: input.onDispatch,
    onMalformed: (p) =>
      ctx.err(
        `[${tag}] malformed packet from ${p.from.address}:${p.from.port} (${p.byteLength} bytes): ${p.error.message}`,
      ),
  });
  const detach = path.attach(endpoint);
  let address: UdpSource;
  try {
    address = await endpoint.bind();
  } catch (error) {
    detach();
    await endpoint.close();
    throw error;
  }
  return {
    router,
    endpoint,
    address,
    async close() {
      detach();
      path.dispose();
      await endpoint.close();
    },
  };
}
