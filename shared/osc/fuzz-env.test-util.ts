/**
 * The fuzz runs' knobs and log line. shared/ is typed without Node or the DOM; the fuzz tests run
 * under vitest on Node, where `process` and `console` are there (elsewhere: defaults, no log).
 * import.meta.env would not do: it carries only Vite's own keys.
 */
const host = globalThis as {
  process?: { env?: Record<string, string | undefined> };
  console?: { log(line: string): void };
};
const env = host.process?.env ?? {};

/**
 * A positive integer from the environment (e.g. SYNCROSCOPE_FUZZ_PACKETS), or `fallback` when
 * unset; anything else set there is a mistake worth stopping for.
 */
export function envCount(name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** The run seed: SYNCROSCOPE_FUZZ_SEED (to replay a failure), else `fallback`. */
export function envSeed(fallback: number): number {
  const raw = env.SYNCROSCOPE_FUZZ_SEED;
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0 || n > 0xffff_ffff) {
    throw new Error(`SYNCROSCOPE_FUZZ_SEED must be a uint32, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** Prints one summary line of a fuzz run (its figures go in the notes). */
export function fuzzLog(line: string): void {
  host.console?.log(`[fuzz] ${line}`);
}

/**
 * How SYNCROSCOPE_FUZZ_PACKETS (default 100,000 mutated datagrams for the whole suite) is shared:
 * the decoder fuzz is cheap per case, the receive path's carries good traffic and counters.
 */
const SUITE_SHARES = { decoder: 0.6, receivePath: 0.4 } as const;

/** This fuzz test's number of cases: its share of SYNCROSCOPE_FUZZ_PACKETS, at least 5,000. */
export function fuzzCases(test: keyof typeof SUITE_SHARES): number {
  const total = envCount('SYNCROSCOPE_FUZZ_PACKETS', 100_000);
  return Math.max(5_000, Math.round(total * SUITE_SHARES[test]));
}
