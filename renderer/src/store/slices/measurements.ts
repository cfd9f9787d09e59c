/** The engine's rolling tick statistics (low rate), reset and CSV export. */
import type { MeasurementsCsv, MeasurementsSnapshot } from '../contract-types';
import type { Slice, SliceDeps } from './types';

/** See the file comment. */
export interface MeasurementsSlice {
  measurements: MeasurementsSnapshot | null;
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
      measurementsError: null,
      receiveMeasurements(measurements) {
        set({ measurements });
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
