/**
 * `syncroscope listen --json` run in this process (the CLI's own code, not a stand-in), with its
 * JSON lines read back as typed records (the keys its --help documents).
 */
import type { CliRun, createCliRunner } from '../../../electron/cli/cli-run.test-util';

/** One message the listener printed when it was due. */
export interface ListenedMessage {
  address: string;
  types: string;
  args: unknown[];
  /** NTP hex of the bundle timetag, or null for a plain message. */
  timetag: string | null;
  /** Unix seconds. */
  arrival: number;
  /** Unix seconds: when it was printed (its timetag, or its arrival when plain). */
  dispatched: number;
  from: string;
}

/** A running listener. */
export interface CliListener {
  readonly run: CliRun;
  /** The messages to `address` printed so far, in the order they were due. */
  messages(address: string): ListenedMessage[];
  /** Resolves with the messages to `address` once there are at least `count` of them. */
  waitForMessages(address: string, count: number): Promise<ListenedMessage[]>;
}

/** Starts `syncroscope listen --port PORT --json --no-advertise` and resolves once it is bound. */
export async function startCliListener(
  cli: ReturnType<typeof createCliRunner>,
  port: number,
): Promise<CliListener> {
  const run = cli.run(['listen', '--port', String(port), '--json', '--no-advertise']);
  await run.waitFor(() => run.err.some((line) => line.includes('listening on')));
  const messages = (address: string): ListenedMessage[] =>
    (run.json() as unknown as ListenedMessage[]).filter((m) => m.address === address);
  return {
    run,
    messages,
    async waitForMessages(address, count) {
      await run.waitFor(() => messages(address).length >= count);
      return messages(address);
    },
  };
}
