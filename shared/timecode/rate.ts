/**
 * The eight SMPTE frame rates as exact rationals. NTSC rates are 24000/1001, 30000/1001 and
 * 60000/1001 frames per second, never 23.976 or 29.97 as floats: a float rate is off by
 * microseconds a day, and frame boundaries must land on the exact NTP tick.
 */
import { TimecodeError } from './errors';

/** A frame rate: `num` frames every `den` seconds, labelled with `base` frames per second. */
export interface FrameRate {
  /** Its usual name: '23.976', '24', ..., '59.94', '60'. */
  readonly name: FrameRateName;
  readonly num: number;
  readonly den: number;
  /** Frames per labelled second (24, 25, 30, 50, 60): what the FF field counts to. */
  readonly base: number;
}

/** The names of the eight rates, slowest first (for schemas and pickers). */
export const FRAME_RATE_NAMES = ['23.976', '24', '25', '29.97', '30', '50', '59.94', '60'] as const;

/** One of the eight rate names. */
export type FrameRateName = (typeof FRAME_RATE_NAMES)[number];

const ntsc = (name: FrameRateName, base: number): FrameRate => ({
  name,
  num: base * 1000,
  den: 1001,
  base,
});
const whole = (name: FrameRateName, base: number): FrameRate => ({ name, num: base, den: 1, base });

/** Every rate, slowest first. */
export const FRAME_RATES: readonly FrameRate[] = [
  ntsc('23.976', 24),
  whole('24', 24),
  whole('25', 25),
  ntsc('29.97', 30),
  whole('30', 30),
  whole('50', 50),
  ntsc('59.94', 60),
  whole('60', 60),
];

/** Spellings some tools use for the NTSC rates. */
const ALIASES: Record<string, FrameRateName> = { '23.98': '23.976' };

/** The rate with this name. */
export function frameRate(name: FrameRateName): FrameRate {
  return FRAME_RATES.find((r) => r.name === name)!;
}

/** True when the rate is one of the 1000/1001 (NTSC) rates. */
export function isNtscRate(rate: FrameRate): boolean {
  return rate.den === 1001;
}

/** True when drop-frame counting exists at this rate (29.97 and 59.94 only). */
export function hasDropFrame(rate: FrameRate): boolean {
  return isNtscRate(rate) && rate.base % 30 === 0;
}

/**
 * Reads a rate as people and tools write it: '29.97', '23.98', '25', '25.00', '30000/1001',
 * '24/1'. Anything else throws a `TimecodeError` listing the rates there are.
 */
export function parseFrameRate(text: string): FrameRate {
  const t = text.trim().replace(/\s*fps$/i, '');
  const fraction = /^(\d{1,6})\s*\/\s*(\d{1,6})$/.exec(t);
  const found = fraction
    ? byRatio(Number(fraction[1]), Number(fraction[2]))
    : byName(t.replace(/^(\d+)\.0*$/, '$1').replace(/^(\d+\.\d*?)0+$/, '$1'));
  if (found) return found;
  throw new TimecodeError(
    'rate',
    `"${text}" is not a frame rate: use one of ${FRAME_RATE_NAMES.join(', ')} ` +
      '(or 24000/1001, 30000/1001, 60000/1001)',
  );
}

function byName(name: string): FrameRate | undefined {
  const canonical = ALIASES[name] ?? name;
  return FRAME_RATES.find((r) => r.name === canonical);
}

function byRatio(num: number, den: number): FrameRate | undefined {
  if (den === 0) return undefined;
  return FRAME_RATES.find((r) => r.num * den === num * r.den);
}
