/**
 * `syncroscope <command>`: the engine without a window, for tests, scripts and workshops.
 * Exit codes: 0 done, 1 runtime failure (e.g. port in use), 2 bad command line.
 */
import { ZodError } from 'zod';
import { MetronomeSettingsError } from '../../shared/model';
import { UdpError } from '../engine/network/udp-errors';
import { describePriority, isRealtimeWanted, requestRealtime } from '../engine/thread/realtime';
import { CLOCK_SKEW_USAGE, takeClockSkew, UsageError } from './args';
import { clock } from './clock';
import { createCliContext, type Command } from './context';
import { listen } from './listen';
import { metronome } from './metronome';
import { peers } from './peers';
import { relay } from './relay';
import { send } from './send';
import { timecode, type CommandGroup } from './timecode';

/** Every subcommand, by name. */
export const commands: Record<string, Command> = {
  listen,
  send,
  metronome,
  relay,
  peers,
  timecode,
  clock,
};

const help = (): string =>
  [
    'usage: syncroscope <command> [options]   (syncroscope <command> --help for its options)',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`),
    '',
    'every command that keeps a clock also takes:',
    CLOCK_SKEW_USAGE,
  ].join('\n');

/** Options for {@link main}. */
export interface MainOptions {
  /**
   * Ask for real-time priority for a timed command (the `syncroscope` program does with
   * SYNCROSCOPE_REALTIME=on); off by default.
   */
  realtime?: boolean;
}

/** Runs one command line; resolves to the exit code. */
export async function main(
  argv: string[],
  signal: AbortSignal,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  options: MainOptions = {},
): Promise<number> {
  const [name, ...given] = argv;
  let taken: ReturnType<typeof takeClockSkew>;
  try {
    taken = takeClockSkew(given);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err.write(`syncroscope ${name}: ${error.message}\n`);
    return 2;
  }
  const rest = taken.argv;
  const ctx = createCliContext(signal, out, err, taken.skew);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    ctx.out(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    ctx.err(`syncroscope: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  // A command group (timecode) answers --help for its subcommands itself.
  if (!('subcommands' in command) && (rest.includes('--help') || rest.includes('-h'))) {
    ctx.out(command.usage);
    return 0;
  }
  // A group's subcommand (timecode master) says for itself whether it is timed.
  const runs =
    'subcommands' in command ? (command as CommandGroup).subcommands[rest[0] ?? ''] : command;
  if (
    options.realtime === true &&
    runs?.isTimed &&
    !rest.includes('--help') &&
    !rest.includes('-h')
  )
    ctx.err(`[${name}] timing: ${describePriority(await requestRealtime())}`);
  try {
    return await command.run(rest, ctx);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      ctx.err(`syncroscope ${name}: ${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    if (error instanceof MetronomeSettingsError) {
      ctx.err(`syncroscope ${name}: ${error.message}`);
      return 2;
    }
    if (error instanceof ZodError) {
      ctx.err(
        `syncroscope ${name}: ${error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
      return 2;
    }
    if (error instanceof UdpError) {
      ctx.err(`syncroscope ${name}: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    ctx.scheduler.dispose();
  }
}

const isEntry =
  process.argv[1] !== undefined && /(syncroscope(\.js)?|cli[\\/]main\.ts)$/.test(process.argv[1]);
if (isEntry) {
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  main(process.argv.slice(2), stop.signal, process.stdout, process.stderr, {
    realtime: isRealtimeWanted(),
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(
        `syncroscope: unexpected failure: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
