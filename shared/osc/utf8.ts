/**
 * UTF-8 both ways without TextEncoder/TextDecoder (not in the ES2022 lib, and slower for
 * the short strings OSC carries). Decoding is strict: overlong forms, surrogates and
 * truncated sequences are errors, like python-osc's `decode('utf-8')`.
 */
import { OscDecodeError } from './errors';

/** `utf8Length` result for a string holding a NUL, which an OSC string cannot carry. */
export const UTF8_HAS_NUL = -1;
/** `utf8Length` result for a string holding a lone UTF-16 surrogate, which UTF-8 cannot carry. */
export const UTF8_LONE_SURROGATE = -2;

/** Encoded byte length of `s`, or one of the negative `UTF8_*` codes. */
export function utf8Length(s: string): number {
  const n = s.length;
  let len = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c === 0) return UTF8_HAS_NUL;
    } else if (c < 0x800) {
      len += 1;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return UTF8_LONE_SURROGATE;
      len += 2; // 4 bytes for 2 code units
      i++;
    } else {
      len += 2;
    }
  }
  return len;
}

/** Writes `s` (already checked by `utf8Length`) at `pos`; returns the position after it. */
export function writeUtf8(s: string, out: Uint8Array, pos: number): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[pos++] = c;
    } else if (c < 0x800) {
      out[pos++] = 0xc0 | (c >> 6);
      out[pos++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(++i) - 0xdc00);
      out[pos++] = 0xf0 | (c >> 18);
      out[pos++] = 0x80 | ((c >> 12) & 0x3f);
      out[pos++] = 0x80 | ((c >> 6) & 0x3f);
      out[pos++] = 0x80 | (c & 0x3f);
    } else {
      out[pos++] = 0xe0 | (c >> 12);
      out[pos++] = 0x80 | ((c >> 6) & 0x3f);
      out[pos++] = 0x80 | (c & 0x3f);
    }
  }
  return pos;
}

/** Bytes `[start, end)` as a string: an ASCII fast path, else strict `decodeUtf8`. */
export function decodeString(bytes: Uint8Array, start: number, end: number): string {
  // Concatenation beats fromCharCode.apply on the short strings that dominate OSC traffic.
  if (end - start > 32) return decodeUtf8(bytes, start, end);
  let s = '';
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) return decodeUtf8(bytes, start, end);
    s += String.fromCharCode(b);
  }
  return s;
}

/** Bytes `[start, end)` as a string; throws `OscDecodeError('utf8')` at the first bad byte. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const units: number[] = [];
  let i = start;
  while (i < end) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) {
      units.push(b0);
      i++;
      continue;
    }
    let need: number;
    let cp: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      need = 1;
      cp = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      cp = b0 & 0x0f;
      if (b0 === 0xe0) lo = 0xa0; // overlong
      if (b0 === 0xed) hi = 0x9f; // surrogates
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      cp = b0 & 0x07;
      if (b0 === 0xf0) lo = 0x90; // overlong
      if (b0 === 0xf4) hi = 0x8f; // above U+10FFFF
    } else {
      throw new OscDecodeError('utf8', i, `invalid UTF-8 lead byte 0x${hex2(b0)}`);
    }
    for (let k = 1; k <= need; k++) {
      const b = i + k < end ? bytes[i + k]! : -1;
      if (b < lo || b > hi) {
        throw new OscDecodeError('utf8', i, `invalid UTF-8 sequence starting 0x${hex2(b0)}`);
      }
      cp = (cp << 6) | (b & 0x3f);
      lo = 0x80;
      hi = 0xbf;
    }
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 | (cp >> 10), 0xdc00 | (cp & 0x3ff));
    } else {
      units.push(cp);
    }
    i += need + 1;
  }
  return fromCodeUnits(units);
}

function fromCodeUnits(units: number[]): string {
  // Chunked: fromCharCode.apply has an engine limit on argument count.
  const CHUNK = 0x2000;
  let s = '';
  for (let i = 0; i < units.length; i += CHUNK) {
    s += String.fromCharCode.apply(null, units.slice(i, i + CHUNK));
  }
  return s;
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}
