/**
 * What the fault tests share: a real engine (in process, real clock and sockets) whose pushes are
 * recorded, a UDP peer socket, and a port nothing listens on.
 */
import dgram from 'node:dgram';
import type {
  CommandInput,
  CommandName,
  CommandResponse,
  ContractEvent,
  StateName,
  StateValue,
} from '../../shared/ipc';
import { createLocalEngineService } from '../../electron/engine/thread/local-service';

/** Runs `cleanup` functions last-in first-out (call from afterEach). */
export function createCleanup() {
  const fns: Array<() => unknown> = [];
  return {
    add: (fn: () => unknown) => void fns.push(fn),
    run: async () => {
      for (const fn of fns.splice(0).reverse()) await fn();
    },
  };
}

/** A running engine; `call` resolves with a command's value and rejects with its error's words. */
export function startEngine(cleanup: ReturnType<typeof createCleanup>) {
  const service = createLocalEngineService({ frameMs: 20 });
  const events: ContractEvent[] = [];
  service.onEvent((e) => events.push(e));
  cleanup.add(() => service.dispose());
  const call = async <C extends CommandName>(
    command: C,
    request: CommandInput<C>,
  ): Promise<CommandResponse<C>> => {
    const r = await service.invoke(command, request);
    if (!r.ok) throw Object.assign(new Error(r.error.message), r.error);
    return r.value;
  };
  const lastState = <S extends StateName>(name: S): StateValue<S> | undefined => {
    for (let i = events.length - 1; i >= 0; i--) {
      if (events[i]!.channel === name) return events[i]!.payload as StateValue<S>;
    }
    return undefined;
  };
  return { service, events, call, lastState };
}

/** Reads `read()` until `isDone` holds for its value (every 10 ms, up to `timeoutMs`). */
export async function eventually<T>(
  read: () => Promise<T>,
  isDone: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  for (const end = Date.now() + timeoutMs; ; await new Promise((r) => setTimeout(r, 10))) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(value)}`);
  }
}

/** A UDP socket on 127.0.0.1 that records what it receives. */
export async function udpPeer(cleanup: ReturnType<typeof createCleanup>, port = 0) {
  const socket = dgram.createSocket('udp4');
  const got: Buffer[] = [];
  socket.on('message', (m) => got.push(Buffer.from(m)));
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => resolve());
  });
  let isClosed = false;
  const close = () =>
    isClosed
      ? Promise.resolve()
      : new Promise<void>((r) => ((isClosed = true), socket.close(() => r())));
  cleanup.add(close);
  const send = (bytes: Uint8Array, toPort: number) =>
    new Promise<void>((resolve, reject) =>
      socket.send(bytes, toPort, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
    );
  return { socket, got, port: socket.address().port, send, close };
}

/** A UDP port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A metronome target routed straight to 127.0.0.1:`port`. */
export const directTarget = (id: string, port: number, host = '127.0.0.1') => ({
  id,
  host,
  port,
  address: '/tick',
  format: 'extended' as const,
  impairment: { delayMs: 0, jitterMs: 0, loss: 0 },
});
