/**
 * One four-timestamp exchange and what it tells: t1 and t4 are read on the local clock, t2 and
 * t3 on the peer's. If the clocks differ by theta (peer minus local) and the ping and pong take
 * d1 and d2, then offset = theta + (d1 - d2) / 2 and rtt = d1 + d2 (the peer's processing time
 * t3 - t2 taken out). Whatever the asymmetry, theta lies within offset +- rtt / 2: the honest
 * bound.
 */
import { ntpToUnixMs, ntpUnitsToMs, type NtpTime } from '../osc/timetag';

/** The four timestamps of one exchange (NTP 32.32, exact). */
export interface ClockExchange {
  /** Ping sent (local clock). */
  t1: NtpTime;
  /** Ping arrived (peer clock). */
  t2: NtpTime;
  /** Pong sent (peer clock). */
  t3: NtpTime;
  /** Pong arrived (local clock). */
  t4: NtpTime;
}

/** One exchange reduced to what the estimator fits. */
export interface ClockSample {
  /** The exchange's midpoint on the local clock, Unix ms (the fit's x). */
  localMs: number;
  /** ((t2 - t1) + (t3 - t4)) / 2: peer minus local, ms. */
  offsetMs: number;
  /** (t4 - t1) - (t3 - t2): time on the network, ms (never below 0: clock resolution can). */
  rttMs: number;
}

/** Computes a sample exactly on the bigint timestamps; the result alone is a float. */
export function sampleFromExchange(e: ClockExchange): ClockSample {
  const offsetUnits = (e.t2 - e.t1 + (e.t3 - e.t4)) / 2n;
  const rttUnits = e.t4 - e.t1 - (e.t3 - e.t2);
  return {
    localMs: ntpToUnixMs((e.t1 + e.t4) / 2n),
    offsetMs: ntpUnitsToMs(offsetUnits),
    rttMs: Math.max(0, ntpUnitsToMs(rttUnits)),
  };
}

/**
 * True when the exchange cannot be real: the pong came back before the ping left (t4 < t1) or
 * the peer answered before it was asked (t3 < t2), or the network time is negative beyond the
 * clocks' resolution (`toleranceMs`), e.g. a clock stepped in the middle of the exchange.
 */
export function isImpossibleExchange(e: ClockExchange, toleranceMs = 0.5): boolean {
  if (e.t4 < e.t1 || e.t3 < e.t2) return true;
  return ntpUnitsToMs(e.t4 - e.t1 - (e.t3 - e.t2)) < -toleranceMs;
}
