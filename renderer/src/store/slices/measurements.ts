/**
 * The engine's rolling tick statistics (low rate), reset and CSV export. It notes when each
 * stream last gained a tick, so a stream that stopped (a relay restarted on a new port, a target
 * removed) is shown as such instead of as a live row.
 */
import type { MeasurementsCsv, MeasurementsSnapshot } from '../contract-types';
import type { Slice, SliceDeps } from './types';

/** See the file comment. */
export interface MeasurementsSlice {
  measurements: MeasurementsSnapshot | null;
  /** When each stream's tick count last grew (wall-clock ms), by stream key. */
  streamSeenAtMs: Record<string, number>;
  /** Why reset or export failed (shown beside those buttons). */
  measurementsError: string | null;
  receiveMeasurements(snapshot: MeasurementsSnapshot): void;
  /** Clears the engine's statistics and the live plot. */
  resetMeasurements(): Promise<void>;
  /** The raw tick events as CSV, or null when the engine could not make it. */
  exportCsv(): Promise<MeasurementsCsv | null>;
}

/** Creates the slice. */
export const createMeasurementsSlice =
  (deps: SliceDeps): Slice<MeasurementsSlice> =>
  (set, get) => {
    const fail = (error: unknown): void => {
      get().routeError(error, (measurementsError) => set({ measurementsError }));
    };
    return {
      measurements: null,
      streamSeenAtMs: {},
      measurementsError: null,
      receiveMeasurements(measurements) {
        const before = new Map(get().measurements?.streams.map((st) => [st.key, st.counts.ticks]));
        const seen: Record<string, number> = {};
        for (const st of measurements.streams) {
          const was = get().streamSeenAtMs[st.key];
          seen[st.key] =
            was === undefined || before.get(st.key) !== st.counts.ticks ? deps.now() : was;
        }
        set({ measurements, streamSeenAtMs: seen });
      },
      async resetMeasurements() {
        set({ measurementsError: null });
        deps.live.getState().clearSamples();
        try {
          set({ measurements: await deps.bridge.invoke('measurements:reset', {}) });
        } catch (error) {
          fail(error);
        }
      },
      async exportCsv() {
        set({ measurementsError: null });
        try {
          return await deps.bridge.invoke('measurements:csv', {});
        } catch (error) {
          fail(error);
          return null;
        }
      },
    };
  };
