/**
 * What the advisor is fed on the screen: the leads of the ticks received here under the F in
 * force (from the live sample ring), and the clock-sync error of the sources they came from.
 * Ticks measured under another F or mode are left out: they would tell the old F's story.
 */
import type { SampleRing } from '../store/sample-ring';
import type { MeasurementsSnapshot, MetronomeMode } from '../store/contract-types';
import { clockAtAddress, isLoopback, splitSource } from '../peers/peer-rows';
import { syncErrorOf } from '../peers/feasibility';
import type { ClockSnapshot } from '../peers/peers-slice';

/** The leads to advise from, and what is known of the clocks behind them. */
export interface AdvisorSamples {
  leadsMs: number[];
  /** The worst sync error of their sources, ms (0 when every source is this computer). */
  syncErrorMs: number;
  /** Some source's clock is not measured (a remote seed peer): the advice assumes it is exact. */
  hasUnmeasuredClock: boolean;
}

/**
 * Leads of the ticks played at or after `sinceMs` (engine clock) from streams in `mode` (or a
 * seed bundle's 'timetagged'), with their sources' sync error.
 */
export function advisorSamples(
  ring: SampleRing,
  measurements: MeasurementsSnapshot | null,
  clocks: ClockSnapshot | null,
  mode: MetronomeMode,
  sinceMs: number,
): AdvisorSamples {
  const streams = new Map(measurements?.streams.map((s) => [s.key, s]));
  const usable = ring.streams.map((key) => {
    const st = streams.get(key);
    return st !== undefined && (st.mode === mode || st.mode === 'timetagged');
  });
  const leadsMs: number[] = [];
  const used = new Set<number>();
  for (let i = 0; i < ring.size; i++) {
    const j = ring.indexOf(i);
    const lead = ring.leadMs[j]!;
    const stream = ring.stream[j]!;
    if (!usable[stream] || !(ring.atMs[j]! >= sinceMs) || Number.isNaN(lead)) continue;
    leadsMs.push(lead);
    used.add(stream);
  }
  let syncErrorMs = 0;
  let hasUnmeasuredClock = false;
  for (const index of used) {
    const at = splitSource(streams.get(ring.streams[index]!)!.source);
    if (!at) continue;
    const clock = clockAtAddress(clocks?.peers ?? [], at.address, at.port);
    const error = syncErrorOf({ clock, isLocal: isLoopback(at.address) });
    if (error === null) hasUnmeasuredClock = true;
    else syncErrorMs = Math.max(syncErrorMs, error);
  }
  return { leadsMs, syncErrorMs, hasUnmeasuredClock };
}
