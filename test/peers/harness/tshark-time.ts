/**
 * Wireshark's view of NTP time: how tshark prints an absolute time field, and the value it shows
 * for an NTP timestamp (nanoseconds truncated through a double, as its `ENC_TIME_NTP` does).
 */
import type { NtpTime } from '../../../shared/osc/index';
import { NTP_UNIX_OFFSET_S, ntpToParts } from '../../../shared/osc/index';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// e.g. "Nov 20, 2026 22:38:44.537777777 UTC" (the harness runs tshark with TZ=UTC).
const ABSOLUTE_TIME = /^([A-Z][a-z]{2}) +(\d{1,2}), (\d{4}) (\d{2}):(\d{2}):(\d{2})\.(\d{9}) UTC$/;
// NTP era 1 (2036-02-07 06:28:16 UTC) in Unix seconds: Wireshark's reading of timestamps without the top bit.
const NTP_ERA1_UNIX_S = 2_085_978_496n;

/** Parses tshark's absolute time text (UTC only) into Unix-epoch nanoseconds; null if not that form. */
export function parseTsharkAbsoluteTime(text: string): bigint | null {
  const m = ABSOLUTE_TIME.exec(text.trim());
  if (!m) return null;
  const [, mon, day, year, hh, mm, ss, ns] = m;
  const month = MONTHS.indexOf(mon ?? '');
  if (month < 0) return null;
  const unixS =
    Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss)) / 1000;
  return BigInt(unixS) * 1_000_000_000n + BigInt(ns ?? '0');
}

/** The Unix-epoch nanoseconds Wireshark shows for an NTP timestamp (for comparison, not for use). */
export function ntpAsWiresharkShowsNs(t: NtpTime): bigint {
  const { seconds, fraction } = ntpToParts(t);
  const unixS =
    seconds >= 0x8000_0000
      ? BigInt(seconds) - BigInt(NTP_UNIX_OFFSET_S)
      : BigInt(seconds) + NTP_ERA1_UNIX_S;
  // Same IEEE double operations as Wireshark's C: (int)(1000000000 * (frac / 4294967296.0)).
  const ns = Math.trunc(1_000_000_000 * (fraction / 4_294_967_296));
  return unixS * 1_000_000_000n + BigInt(ns);
}
