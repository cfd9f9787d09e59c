/**
 * Interval error: how far the time between two consecutive events is from what it should be.
 * "What it should be" comes from the best reference both events carry: their timetags (exact,
 * e.g. one beat apart in forward mode), else their send times on the sender's clock (extended
 * tick format), else the median of recent intervals (plain ticks: only the rhythm is known).
 */
import { ntpDiffMs, type NtpTime } from '../osc/timetag';
import { quantileSorted } from './summary';
import { RingBuffer } from './ring-buffer';

/** What one event carries that says when it was meant to happen. */
export interface IntervalReference {
  /** The event's timetag (exact), or null. */
  timetag: NtpTime | null;
  /** When the sender sent it (ms on the sender's clock), or null. */
  sentMs: number | null;
}

/** Where the nominal interval came from. */
export type NominalSource = 'timetag' | 'sent' | 'median';

/** One measured interval. */
export interface IntervalError {
  intervalMs: number;
  nominalMs: number;
  /** intervalMs - nominalMs. */
  errorMs: number;
  nominalFrom: NominalSource;
}

/** Follows one stream of events in the order they happened. */
export interface IntervalTracker {
  /** The event at `timeMs`; returns its interval error, or null for the first event. */
  next(timeMs: number, ref: IntervalReference): IntervalError | null;
  reset(): void;
}

/** Creates a tracker; the median fallback looks at the last `medianWindow` intervals. */
export function createIntervalTracker(medianWindow = 33): IntervalTracker {
  const recent = new RingBuffer(medianWindow);
  let prevMs: number | null = null;
  let prevRef: IntervalReference | null = null;

  const nominal = (intervalMs: number, ref: IntervalReference): [number, NominalSource] => {
    if (ref.timetag !== null && prevRef!.timetag !== null) {
      return [ntpDiffMs(ref.timetag, prevRef!.timetag), 'timetag'];
    }
    if (ref.sentMs !== null && prevRef!.sentMs !== null)
      return [ref.sentMs - prevRef!.sentMs, 'sent'];
    recent.push(intervalMs);
    return [quantileSorted(recent.toArray().sort(), 0.5), 'median'];
  };

  return {
    next(timeMs, ref) {
      if (prevMs === null) {
        prevMs = timeMs;
        prevRef = { ...ref };
        return null;
      }
      const intervalMs = timeMs - prevMs;
      const [nominalMs, nominalFrom] = nominal(intervalMs, ref);
      prevMs = timeMs;
      prevRef = { ...ref };
      return { intervalMs, nominalMs, errorMs: intervalMs - nominalMs, nominalFrom };
    },
    reset() {
      recent.clear();
      prevMs = null;
      prevRef = null;
    },
  };
}
