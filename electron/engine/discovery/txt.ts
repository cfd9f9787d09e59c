/**
 * Syncroscope's TXT record on its `_osc._udp` service. The keys are short and stable, read by
 * other Syncroscope instances and shown for any other program:
 *
 *   app=syncroscope   this is Syncroscope (any other program leaves it out or names itself)
 *   v=1               version of these keys; a reader ignores keys it does not know
 *   role=ROLE         what the instance is doing: listen | metronome | timecode-master |
 *                     timecode-client | app (the desktop app or web host)
 *   clock=1|0         its receiver answers clock-sync pings on the advertised port
 *
 * Parsing follows RFC 6763 §6: each string is `key=value` or a bare `key` (present, no value);
 * keys compare case-insensitively and the first occurrence wins.
 */
import type { PeerRole } from '../../../shared/ipc';

/** The value of `app=` that marks a Syncroscope instance. */
export const TXT_APP = 'syncroscope';
/** The version of the TXT keys written by this build. */
export const TXT_VERSION = '1';

/** What an instance says about itself. */
export interface TxtAdvertisement {
  role: PeerRole;
  answersClockSync: boolean;
}

/** The TXT record for an advertisement, as key/value strings. */
export function encodeTxt(ad: TxtAdvertisement): Record<string, string> {
  return { app: TXT_APP, v: TXT_VERSION, role: ad.role, clock: ad.answersClockSync ? '1' : '0' };
}

/** The longest value kept from a foreign record (a TXT string is at most 255 bytes anyway). */
const MAX_VALUE_LENGTH = 255;

/**
 * A TXT record as a key -> value map (lower-case keys; a bare key maps to ''). Accepts the raw
 * strings (Buffers or text) or an already decoded object; anything else gives an empty map.
 */
export function parseTxt(raw: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const add = (key: string, value: string): void => {
    const k = key.trim().toLowerCase();
    if (k && !out.has(k)) out.set(k, value.slice(0, MAX_VALUE_LENGTH));
  };
  const entries = Array.isArray(raw) ? raw : raw instanceof Uint8Array ? [raw] : null;
  if (entries) {
    for (const entry of entries) {
      const text =
        typeof entry === 'string'
          ? entry
          : entry instanceof Uint8Array
            ? new TextDecoder().decode(entry)
            : null;
      if (text === null || text === '') continue;
      const eq = text.indexOf('=');
      add(eq < 0 ? text : text.slice(0, eq), eq < 0 ? '' : text.slice(eq + 1));
    }
  } else if (raw && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw)) {
      add(key, value === undefined || value === null || value === true ? '' : String(value));
    }
  }
  return out;
}
