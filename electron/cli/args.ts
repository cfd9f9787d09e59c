/** Argument parsing helpers shared by the subcommands; every error is a {@link UsageError}. */
import { CLOCK_SKEW_LIMITS, NO_SKEW, type ClockSkew } from '../engine/time/skewed-clock';

/** A mistake in the command line: printed with the subcommand's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A host and port, as in `127.0.0.1:8001`. */
export interface HostPort {
  host: string;
  port: number;
}

/** Parses a port number, with the option's name in the error. */
export function parsePort(text: string | undefined, what: string, allowZero = false): number {
  const n = Number(text);
  if (
    text === undefined ||
    text === '' ||
    !Number.isInteger(n) ||
    n < (allowZero ? 0 : 1) ||
    n > 65535
  ) {
    throw new UsageError(
      `${what} must be a port number from ${allowZero ? 0 : 1} to 65535, got "${text ?? ''}"`,
    );
  }
  return n;
}

/** Parses a number within [min, max]. */
export function parseNumber(
  text: string | undefined,
  what: string,
  min: number,
  max: number,
): number {
  const n = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`${what} must be a number from ${min} to ${max}, got "${text ?? ''}"`);
  }
  return n;
}

/** Parses a number within one of the model's ranges (METRONOME_LIMITS, IMPAIRMENT_LIMITS). */
export function parseRange(
  text: string | undefined,
  what: string,
  range: { min: number; max: number },
): number {
  return parseNumber(text, what, range.min, range.max);
}

/** Parses `HOST:PORT` (IPv6 as `[::1]:PORT`). */
export function parseHostPort(text: string | undefined, what: string): HostPort {
  const m = text ? /^(?:\[([^\]]+)\]|([^:/\s]+)):(\d+)$/.exec(text) : null;
  if (!m)
    throw new UsageError(
      `${what} must look like HOST:PORT (e.g. 127.0.0.1:8001), got "${text ?? ''}"`,
    );
  return { host: (m[1] ?? m[2])!, port: parsePort(m[3], `${what} port`) };
}

/** Parses `HOST:PORT[/ADDRESS]`; the address defaults to `fallbackAddress`. */
export function parseTarget(text: string, fallbackAddress: string): HostPort & { address: string } {
  const slash = text.indexOf('/', text.lastIndexOf(']') + 1);
  const hostPort = slash < 0 ? text : text.slice(0, slash);
  const address = slash < 0 ? fallbackAddress : text.slice(slash);
  if (!/^\/[^\s#]*$/.test(address))
    throw new UsageError(`OSC address must start with "/", got "${address}"`);
  return { ...parseHostPort(hostPort, '--target'), address };
}

/** The teaching options every command that keeps a clock accepts, in main's help and usages. */
export const CLOCK_SKEW_USAGE = `  --clock-offset MS  run on a clock this far off (teaching: e.g. 250 plays a laptop 250 ms ahead)
  --clock-drift PPM  ...and gaining this many ppm (e.g. 50; negative loses)`;

/**
 * Takes `--clock-offset MS` and `--clock-drift PPM` (also as `--name=value`) out of `argv`,
 * wherever they are, so every command accepts them without parsing them itself.
 */
export function takeClockSkew(argv: readonly string[]): { argv: string[]; skew: ClockSkew } {
  const rest: string[] = [];
  const skew: ClockSkew = { ...NO_SKEW };
  const { offsetMs, driftPpm } = CLOCK_SKEW_LIMITS;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^(--clock-offset|--clock-drift)(?:=(.*))?$/.exec(arg);
    if (!m) {
      rest.push(arg);
      continue;
    }
    const text = m[2] ?? argv[++i];
    if (m[1] === '--clock-offset') skew.offsetMs = parseRange(text, '--clock-offset', offsetMs);
    else skew.driftPpm = parseRange(text, '--clock-drift', driftPpm);
  }
  return { argv: rest, skew };
}
