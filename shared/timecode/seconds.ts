/**
 * Frames and seconds of real time since frame 0, for people and the CLI. Decimal text is read
 * exactly, so "3603.6" at 29.97 fps is frame 108000 and not, through a float, 107999.
 */
import { floorDiv } from './divide';
import { TimecodeError } from './errors';
import type { FrameRate } from './rate';

/** When frame `frame` starts, in seconds after frame 0 (a float: one rounding). */
export function frameToSeconds(frame: number, rate: FrameRate): number {
  return (frame * rate.den) / rate.num;
}

/**
 * The frame in progress `seconds` after frame 0 (negative before it). A number is read as the
 * decimal it prints as, text exactly as written; anything else throws `TimecodeError` 'seconds'.
 */
export function secondsToFrame(seconds: number | string, rate: FrameRate): number {
  const { num, den } = parseDecimal(typeof seconds === 'number' ? String(seconds) : seconds);
  const frame = floorDiv(num * BigInt(rate.num), den * BigInt(rate.den));
  if (frame > BigInt(Number.MAX_SAFE_INTEGER) || frame < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new TimecodeError('seconds', `${seconds} s is too far from frame 0 to count frames`);
  }
  return Number(frame);
}

/** When frame `frame` starts, in seconds, as exact decimal text rounded to `decimals` places. */
export function formatFrameSeconds(frame: number, rate: FrameRate, decimals = 6): string {
  if (!Number.isSafeInteger(frame)) {
    throw new TimecodeError('frame', `a frame count must be a whole number, got ${frame}`);
  }
  const n = BigInt(Math.abs(frame)) * BigInt(rate.den) * 10n ** BigInt(decimals);
  const d = BigInt(rate.num);
  const magnitude = (2n * n + d) / (2n * d); // half away from zero
  const digits = magnitude.toString().padStart(decimals + 1, '0');
  const sign = frame < 0 && magnitude > 0n ? '-' : '';
  const whole = digits.slice(0, digits.length - decimals);
  return decimals === 0 ? `${sign}${whole}` : `${sign}${whole}.${digits.slice(-decimals)}`;
}

const DECIMAL = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?\s*$/;

/** A decimal number's exact value as num/den (den a power of ten). */
function parseDecimal(text: string): { num: bigint; den: bigint } {
  const m = typeof text === 'string' ? DECIMAL.exec(text) : null;
  const intDigits = m?.[2] ?? '';
  const fracDigits = m?.[3] ?? '';
  if (!m || intDigits + fracDigits === '') {
    throw new TimecodeError('seconds', `${JSON.stringify(text)} is not a number of seconds`);
  }
  const exponent = Number(m[4] ?? 0) - fracDigits.length;
  const digits = BigInt(intDigits + fracDigits) * (m[1] === '-' ? -1n : 1n);
  return exponent >= 0
    ? { num: digits * 10n ** BigInt(exponent), den: 1n }
    : { num: digits, den: 10n ** BigInt(-exponent) };
}
