/**
 * `npm run soak`: a real run through the relay on loopback UDP, printing drift and memory
 * (scripts/soak/run.ts; `--help` for the options). Exit code 0 passed, 1 failed, 2 bad usage.
 */
import { UsageError } from '../electron/cli/args';
import { parseSoakArgs, SOAK_USAGE, type SoakOptions } from './soak/options';
import { formatProgress, formatSummary } from './soak/report';
import { runSoak } from './soak/run';

function options(argv: readonly string[]): SoakOptions | null {
  try {
    return parseSoakArgs(argv);
  } catch (error) {
    const isUsage =
      error instanceof UsageError ||
      Boolean((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'));
    if (!isUsage) throw error;
    process.stderr.write(`soak: ${(error as Error).message}\n\n${SOAK_USAGE}\n`);
    process.exit(2);
  }
}

const o = options(process.argv.slice(2));
if (o === null) {
  process.stdout.write(`${SOAK_USAGE}\n`);
} else {
  const progress = o.isJson ? process.stderr : process.stdout;
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  process.stderr.write(
    `[soak] ${o.minutes} min at ${o.bpm} BPM through the relay (${o.delayMs} ms +- ${o.jitterMs} ms), Ctrl-C to stop early\n`,
  );
  const summary = await runSoak(o, (p) => progress.write(`${formatProgress(p)}\n`), stop.signal);
  process.stdout.write(o.isJson ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
  process.exitCode = summary.isPassed ? 0 : 1;
}
