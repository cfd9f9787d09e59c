/**
 * From a packet tree to the list of messages a receiver schedules.
 */
import type { NtpTime } from './timetag';
import type { OscPacket, TimedMessage } from './types';

/**
 * Each message with its innermost bundle's timetag (`null` outside any bundle), in packet order.
 * A nested timetag earlier than an enclosing one (OSC 1.0 forbids it; some senders do it) is
 * raised to the enclosing time, so nothing runs before the bundle that carries it.
 */
export function flattenPacket(p: OscPacket): TimedMessage[] {
  const out: TimedMessage[] = [];
  collect(p, null, out);
  return out;
}

function collect(p: OscPacket, timetag: NtpTime | null, out: TimedMessage[]): void {
  if (p.kind === 'message') {
    out.push({ message: p, timetag });
    return;
  }
  const own = timetag !== null && p.timetag < timetag ? timetag : p.timetag;
  for (const e of p.elements) collect(e, own, out);
}
