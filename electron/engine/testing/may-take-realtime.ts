import { readFileSync } from 'node:fs';
import { REALTIME_PRIORITY } from '../thread/realtime';

/**
 * Whether the OS lets this process take real-time priority (Linux: root, or an rtprio limit at
 * least REALTIME_PRIORITY), so a real test knows which answer to expect.
 */
export function mayTakeRealtime(): boolean {
  if (process.getuid?.() === 0) return true;
  let limits: string;
  try {
    limits = readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return false;
  }
  const line = limits.split('\n').find((l) => l.startsWith('Max realtime priority'));
  const soft = Number(line?.split(/\s{2,}/)[1]);
  return Number.isFinite(soft) && soft >= REALTIME_PRIORITY;
}
