/**
 * `syncroscope timecode <master|client|convert>`: the SMPTE master, the client, and the label
 * converter. Each subcommand has its own --help; its usage errors print its own usage.
 */
import { UsageError } from './args';
import type { CliContext, Command } from './context';
import { timecodeClient } from './timecode-client';
import { timecodeConvert } from './timecode-convert';
import { timecodeMaster } from './timecode-master';

/** A command whose first word picks a subcommand (main.ts leaves --help to it). */
export interface CommandGroup extends Command {
  subcommands: Record<string, Command>;
}

const subcommands: Record<string, Command> = {
  master: timecodeMaster,
  client: timecodeClient,
  convert: timecodeConvert,
};

const usage = [
  'usage: syncroscope timecode <subcommand> [options]   (syncroscope timecode <subcommand> --help)',
  '',
  ...Object.entries(subcommands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`),
].join('\n');

const isUsageError = (error: unknown): boolean =>
  error instanceof UsageError ||
  (error as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS') === true;

/** `syncroscope timecode`. */
export const timecode: CommandGroup = {
  summary: 'SMPTE timecode: master, client (chase and cues), convert labels',
  usage,
  subcommands,
  async run(argv: string[], ctx: CliContext) {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      ctx.out(usage);
      return name === undefined ? 2 : 0;
    }
    const sub = subcommands[name];
    if (!sub) {
      ctx.err(`syncroscope timecode: unknown subcommand "${name}"\n\n${usage}`);
      return 2;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      ctx.out(sub.usage);
      return 0;
    }
    try {
      return await sub.run(rest, ctx);
    } catch (error) {
      if (!isUsageError(error)) throw error;
      ctx.err(`syncroscope timecode ${name}: ${(error as Error).message}\n\n${sub.usage}`);
      return 2;
    }
  },
};
