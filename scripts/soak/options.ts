/** The soak's command line: what it runs, for how long, and the bounds it judges by. */
import { parseArgs } from 'node:util';
import { IMPAIRMENT_LIMITS, METRONOME_LIMITS } from '../../shared/model';
import { parseNumber, parseRange, UsageError } from '../../electron/cli/args';

/** One soak run's settings. */
export interface SoakOptions {
  minutes: number;
  bpm: number;
  /** The forward offset F. */
  offsetMs: number;
  /** The relay's mean added delay, its jitter (sd, normal) and loss (fraction). */
  delayMs: number;
  jitterMs: number;
  loss: number;
  seed: number;
  /** How often a progress line is printed, s. */
  progressSec: number;
  isJson: boolean;
  /** The run fails when the last beats' drift from the anchor exceeds this, ms. */
  maxDriftMs: number;
  /** The run fails when the heap grows more than this after the warm-up, MB. */
  maxHeapGrowthMb: number;
}

/** The bounds' defaults, explained in the usage. */
export const DEFAULT_MAX_DRIFT_MS = 2;
export const DEFAULT_MAX_HEAP_GROWTH_MB = 1;

/** `npm run soak -- --help`. */
export const SOAK_USAGE = `usage: npm run soak -- [--minutes M] [--bpm B] [--offset MS] [--delay MS] [--jitter MS]
                      [--loss FRACTION] [--seed S] [--progress SEC] [--json]
                      [--max-drift MS] [--max-heap-growth MB]

A real run on loopback UDP: the metronome (forward mode, extended ticks) sends through the
impairment relay to a tick receiver, all in this process on one scheduler, as the app's engine
does. Prints a progress line every --progress seconds and a summary at the end (one JSON object
on stdout with --json; progress then goes to stderr).
  --minutes M          how long to run (default 10)
  --bpm B              ${METRONOME_LIMITS.bpm.min}-${METRONOME_LIMITS.bpm.max} (default 120)
  --offset MS          the forward offset F (default 150)
  --delay MS           the relay's added delay (default 10)
  --jitter MS          the relay's jitter, sd of a normal spread (default 3)
  --loss FRACTION      the relay's loss, 0-1 (default 0: then any lost beat fails the run)
  --seed S             the relay's random seed (default 1: runs repeat)
  --max-drift MS       fail when the last beats' dispatch drifts from the anchor's grid by more
                       (default ${DEFAULT_MAX_DRIFT_MS}; judged on the median of the last 8 beats)
  --max-heap-growth MB fail when the heap without compiled code, read after a full GC, grows
                       more after the warm-up (default ${DEFAULT_MAX_HEAP_GROWTH_MB}: everything the chain keeps
                       is preallocated or capped, so it stays within ~0.2 MB; 1 MB catches a
                       leak of 1 KB a beat over the default run's 1,080 beats after the warm-up)
Exit code: 0 passed, 1 a bound was broken (the summary says which), 2 a bad command line.`;

/** Parses the arguments; throws a {@link UsageError} in words. Returns null for --help. */
export function parseSoakArgs(argv: readonly string[]): SoakOptions | null {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      minutes: { type: 'string', default: '10' },
      bpm: { type: 'string', default: '120' },
      offset: { type: 'string', default: '150' },
      delay: { type: 'string', default: '10' },
      jitter: { type: 'string', default: '3' },
      loss: { type: 'string', default: '0' },
      seed: { type: 'string', default: '1' },
      progress: { type: 'string', default: '30' },
      json: { type: 'boolean', default: false },
      'max-drift': { type: 'string', default: String(DEFAULT_MAX_DRIFT_MS) },
      'max-heap-growth': { type: 'string', default: String(DEFAULT_MAX_HEAP_GROWTH_MB) },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const seed = parseNumber(values.seed, '--seed', 0, 2 ** 32 - 1);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number`);
  return {
    minutes: parseNumber(values.minutes, '--minutes', 0.01, 24 * 60),
    bpm: parseRange(values.bpm, '--bpm', METRONOME_LIMITS.bpm),
    offsetMs: parseRange(values.offset, '--offset', METRONOME_LIMITS.offsetMs),
    delayMs: parseRange(values.delay, '--delay', IMPAIRMENT_LIMITS.delayMs),
    jitterMs: parseRange(values.jitter, '--jitter', IMPAIRMENT_LIMITS.jitterMs),
    loss: parseRange(values.loss, '--loss', IMPAIRMENT_LIMITS.loss),
    seed,
    progressSec: parseNumber(values.progress, '--progress', 0.1, 3600),
    isJson: values.json,
    maxDriftMs: parseNumber(values['max-drift'], '--max-drift', 0, 10_000),
    maxHeapGrowthMb: parseNumber(values['max-heap-growth'], '--max-heap-growth', 0, 10_000),
  };
}
