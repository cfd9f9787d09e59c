/** Schemas several domains share: addresses, ports, timetags as JSON. */
import { z } from 'zod';
import { METRONOME_LIMITS } from '../../model/limits';
import { ntpToHex, ntpToIso, ntpToUnixMs, type NtpTime } from '../../osc/timetag';

const { port, hostName } = METRONOME_LIMITS;

/** A host name or IP address (IPv4, IPv6 or a name such as "localhost"). */
export const hostSchema = z
  .string()
  .trim()
  .min(1, 'host is empty')
  .max(hostName.maxLength)
  .regex(/^[^\s/?#@]+$/, 'host must be an IP address or a host name, e.g. 127.0.0.1');

/** A UDP port to send to: 1..65535. */
export const targetPortSchema = z.int().min(port.min).max(port.max);

/** A UDP port to listen on: 0 lets the system pick a free one. */
export const listenPortSchema = z.int().min(0).max(port.max);

/** A request that carries nothing. */
export const emptySchema = z.strictObject({});

/**
 * A timetag for people and for clocks at once: the exact wire value as NTP hex, ISO 8601 with
 * microseconds, and Unix-epoch ms as a float (the engine clock's unit: the exact play time).
 */
export const timetagViewSchema = z.strictObject({
  ntpHex: z.string(),
  iso: z.string(),
  unixMs: z.number(),
});
/** See {@link timetagViewSchema}. */
export type TimetagView = z.infer<typeof timetagViewSchema>;

/**
 * What every item of a timed stream carries (e.g. metronome ticks): its exact play time. Timed
 * items are sent ahead of that time, never "play now"; hosts flush them early if it is near.
 */
export const timedItemShape = {
  /** Exact play time as NTP hex (the wire value). */
  playNtp: z.string(),
  /** The same instant as Unix-epoch ms (float). */
  playMs: z.number(),
};

/** The view of an exact timetag. */
export function timetagView(t: NtpTime): TimetagView {
  return { ntpHex: ntpToHex(t), iso: ntpToIso(t), unixMs: ntpToUnixMs(t) };
}
