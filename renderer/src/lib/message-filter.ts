/**
 * The message log's filter: text that starts with '/' and has OSC pattern characters is an
 * address pattern (`/py*`, `/{pd,tick}`); anything else matches anywhere in the printed line.
 */
import { compileAddressPattern, type AddressMatcher } from '../../../shared/osc/pattern';
import type { MessageItem } from '../store/contract-types';

/** A message as one log line (the order the log prints it in). */
export function messageLine(m: MessageItem): string {
  const args = m.args.join(' ');
  return `${m.address} ${args} · ${m.classification} · from ${m.source}`;
}

/** True for a metronome tick (its first argument is the seeds' "tick"). */
export function isTickMessage(m: MessageItem): boolean {
  return m.args[0] === 's:"tick"';
}

/** A predicate for the log's filter text and "show ticks" switch. */
export function messageFilter(text: string, showTicks: boolean): (m: MessageItem) => boolean {
  const t = text.trim();
  let matcher: AddressMatcher | null = null;
  if (t.startsWith('/') && /[*?[\]{}]/.test(t)) {
    try {
      matcher = compileAddressPattern(t);
    } catch {
      matcher = () => false; // a half-typed pattern matches nothing yet
    }
  }
  const needle = t.toLowerCase();
  return (m) => {
    if (!showTicks && isTickMessage(m)) return false;
    if (t === '') return true;
    if (matcher) return matcher(m.address);
    return messageLine(m).toLowerCase().includes(needle);
  };
}
