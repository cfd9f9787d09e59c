import type { NtpTime } from '../osc/timetag';

/** The engine's notion of now: Unix-epoch ms with sub-ms resolution, and the same as NTP. */
export interface Clock {
  /** Unix-epoch ms (float, ~1 us resolution). Monotonic except when the wall clock steps. */
  nowMs(): number;
  /** The same instant as an NTP 32.32 timetag. */
  nowNtp(): NtpTime;
}
