/**
 * Argument-less OSC messages the harness itself sends (`/quit`, readiness canaries). They are built
 * here, byte by byte, so controlling a peer never depends on the codec that the tests examine.
 */
import dgram from 'node:dgram';
import { sleepMs } from './wall-clock';

/** The address every readiness canary uses; parsers drop messages to it. */
export const CANARY_ADDRESS = '/syncroscope/harness/canary';

/** The bytes of an OSC message with no arguments: padded address, then the type tag string ",". */
export function bareOscMessage(address: string): Uint8Array {
  const addressBytes = Buffer.from(address, 'ascii');
  const paddedLength = (addressBytes.length + 4) & ~3; // at least one NUL, then to a multiple of 4
  const out = new Uint8Array(paddedLength + 4);
  out.set(addressBytes, 0);
  out[paddedLength] = 0x2c; // ','
  return out;
}

/** Sends one argument-less OSC message to 127.0.0.1:`port` from a throwaway socket. */
export async function sendBareOscMessage(port: number, address: string): Promise<void> {
  const socket = dgram.createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) =>
      socket.send(bareOscMessage(address), port, '127.0.0.1', (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  } finally {
    socket.close();
  }
}

/**
 * Sends the canary to `port` every `intervalMs` until `isSeen()` reports it arrived, proving that a
 * listener or capture is really live (a "started" log line is not proof). Rejects after `timeoutMs`.
 */
export async function sendCanaryUntilSeen(
  port: number,
  isSeen: () => boolean,
  options: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  while (!isSeen()) {
    if (Date.now() > deadline)
      throw new Error(`[harness] ${options.what}: canary not seen within ${options.timeoutMs} ms`);
    await sendBareOscMessage(port, CANARY_ADDRESS);
    await sleepMs(options.intervalMs ?? 50);
  }
}
