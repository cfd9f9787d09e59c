/**
 * OSC timetags: NTP 32.32 fixed point held exactly as a `bigint`
 * (upper 32 bits: seconds since 1900-01-01 UTC, lower 32 bits: fraction of a second).
 * Conversions never round through whole milliseconds.
 */

/** An NTP 32.32 timestamp: seconds since 1900 in the upper 32 bits, fraction in the lower 32. */
export type NtpTime = bigint;

/** The OSC 1.0 "execute immediately" timetag (0x00000000_00000001). */
export const IMMEDIATELY: NtpTime = 1n;
/** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch). */
export const NTP_UNIX_OFFSET_S = 2_208_988_800;

const TWO32 = 0x1_0000_0000n;
const TWO32_NUM = 4_294_967_296;
const MASK32 = 0xffff_ffffn;
const NS_PER_S = 1_000_000_000n;
const MAX_NTP = (1n << 64n) - 1n;

/**
 * True for the timetags that mean "now": 1 (OSC 1.0) and 0 (what liblo's `Bundle()` sends).
 */
export function isImmediate(t: NtpTime): boolean {
  return t <= 1n;
}

/** Builds a timetag from its two 32-bit wire words. */
export function ntpFromParts(seconds: number, fraction: number): NtpTime {
  if (!isUint32(seconds) || !isUint32(fraction)) {
    throw new RangeError(`NTP parts must be uint32, got seconds=${seconds} fraction=${fraction}`);
  }
  return (BigInt(seconds) << 32n) | BigInt(fraction);
}

/** Splits a timetag into its two 32-bit wire words. */
export function ntpToParts(t: NtpTime): { seconds: number; fraction: number } {
  assertNtp(t);
  return { seconds: Number(t >> 32n), fraction: Number(t & MASK32) };
}

/**
 * From Unix-epoch seconds as a float (what python-osc's `OscBundleBuilder(time.time() + x)` takes).
 * The integer second is taken exactly; the fraction is rounded to the nearest 2^-32 s with carry.
 */
export function ntpFromUnixSeconds(unixS: number): NtpTime {
  if (!Number.isFinite(unixS)) throw new RangeError(`Unix time must be finite, got ${unixS}`);
  const whole = Math.floor(unixS);
  const frac = Math.round((unixS - whole) * TWO32_NUM);
  return clampCheck(BigInt(whole + NTP_UNIX_OFFSET_S) * TWO32 + BigInt(frac));
}

/** To Unix-epoch seconds as a float (double precision: ~0.24 us in this era). */
export function ntpToUnixSeconds(t: NtpTime): number {
  assertNtp(t);
  return Number(t >> 32n) - NTP_UNIX_OFFSET_S + Number(t & MASK32) / TWO32_NUM;
}

/** From Unix-epoch milliseconds as a float (the engine clock's unit, sub-ms resolution). */
export function ntpFromUnixMs(unixMs: number): NtpTime {
  if (!Number.isFinite(unixMs)) throw new RangeError(`Unix time must be finite, got ${unixMs}`);
  const wholeS = Math.floor(unixMs / 1000);
  const remMs = unixMs - wholeS * 1000;
  const frac = Math.round((remMs / 1000) * TWO32_NUM);
  return clampCheck(BigInt(wholeS + NTP_UNIX_OFFSET_S) * TWO32 + BigInt(frac));
}

/** To Unix-epoch milliseconds as a float. */
export function ntpToUnixMs(t: NtpTime): number {
  assertNtp(t);
  return (Number(t >> 32n) - NTP_UNIX_OFFSET_S) * 1000 + (Number(t & MASK32) / TWO32_NUM) * 1000;
}

/** From Unix-epoch nanoseconds (exact integer input, fraction rounded to nearest 2^-32 s). */
export function ntpFromUnixNs(unixNs: bigint): NtpTime {
  const s = floorDiv(unixNs, NS_PER_S);
  const remNs = unixNs - s * NS_PER_S;
  const frac = (remNs * TWO32 + NS_PER_S / 2n) / NS_PER_S;
  return clampCheck((s + BigInt(NTP_UNIX_OFFSET_S)) * TWO32 + frac);
}

/** To Unix-epoch nanoseconds, rounded to the nearest ns. */
export function ntpToUnixNs(t: NtpTime): bigint {
  assertNtp(t);
  const s = (t >> 32n) - BigInt(NTP_UNIX_OFFSET_S);
  const fracNs = ((t & MASK32) * NS_PER_S + TWO32 / 2n) / TWO32;
  return s * NS_PER_S + fracNs;
}

/** Adds a signed offset in milliseconds (float), exactly to the nearest 2^-32 s. */
export function ntpAddMs(t: NtpTime, deltaMs: number): NtpTime {
  assertNtp(t);
  return clampCheck(t + msToNtpUnits(deltaMs));
}

/** `a - b` in milliseconds as a float (computed on the exact difference). */
export function ntpDiffMs(a: NtpTime, b: NtpTime): number {
  return ntpUnitsToMs(a - b);
}

/** A signed duration in ms converted to 2^-32 s units (rounded to nearest). */
export function msToNtpUnits(ms: number): bigint {
  if (!Number.isFinite(ms)) throw new RangeError(`duration must be finite, got ${ms}`);
  const wholeMs = Math.trunc(ms);
  const restMs = ms - wholeMs;
  // Whole ms exactly in bigint, the sub-ms rest through a float that is small enough to be exact.
  const fromWhole = (BigInt(wholeMs) * TWO32) / 1000n;
  const wholeRem = (BigInt(wholeMs) * TWO32) % 1000n;
  return fromWhole + BigInt(Math.round(Number(wholeRem) / 1000 + (restMs / 1000) * TWO32_NUM));
}

/** A signed count of 2^-32 s units as milliseconds (float). */
export function ntpUnitsToMs(units: bigint): number {
  const s = units / TWO32;
  const rest = units - s * TWO32;
  return Number(s) * 1000 + (Number(rest) / TWO32_NUM) * 1000;
}

/** The form oscdump prints: `SSSSSSSS.FFFFFFFF` in lower-case hex. */
export function ntpToHex(t: NtpTime): string {
  const { seconds, fraction } = ntpToParts(t);
  return `${seconds.toString(16).padStart(8, '0')}.${fraction.toString(16).padStart(8, '0')}`;
}

/** Parses `SSSSSSSS.FFFFFFFF` (as oscdump prints it). */
export function ntpFromHex(hex: string): NtpTime {
  const m = /^([0-9a-fA-F]{8})\.([0-9a-fA-F]{8})$/.exec(hex.trim());
  if (!m) throw new SyntaxError(`not an NTP hex timetag (want SSSSSSSS.FFFFFFFF): "${hex}"`);
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

/** ISO 8601 UTC with microseconds, e.g. `2026-11-20T22:36:36.123456Z`; immediate gives "immediately". */
export function ntpToIso(t: NtpTime): string {
  if (isImmediate(t)) return 'immediately';
  const ns = ntpToUnixNs(t);
  const usTotal = floorDiv(ns + 500n, 1000n);
  const wholeS = floorDiv(usTotal, 1_000_000n);
  const us = usTotal - wholeS * 1_000_000n;
  const base = new Date(Number(wholeS) * 1000).toISOString().slice(0, 19);
  return `${base}.${us.toString().padStart(6, '0')}Z`;
}

function isUint32(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff;
}

function assertNtp(t: NtpTime): void {
  if (t < 0n || t > MAX_NTP) throw new RangeError(`NTP time out of 64-bit range: ${t}`);
}

function clampCheck(t: NtpTime): NtpTime {
  assertNtp(t);
  return t;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
