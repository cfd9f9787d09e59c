/** View state: the chosen preset and the plot's options. */
import { presetById, presetSetup } from '../../presets/presets';
import type { PlotOptions } from '../defaults';
import type { Slice } from './types';

/** See the file comment. */
export interface UiSlice {
  presetId: string | null;
  /** Why the last preset did not fully take (shown beside that preset), by preset id. */
  presetError: { id: string; message: string } | null;
  plot: PlotOptions;
  isPlotPaused: boolean;
  /** Sets up a preset: receiver, metronome, composer, timecode, fresh statistics; true when all took. */
  applyPreset(id: string): Promise<boolean>;
  setPlotWindow(windowS: number): void;
  setShowArrival(showArrival: boolean): void;
  setPlotPaused(isPaused: boolean): void;
}

/** Creates the slice. */
export const createUiSlice =
  (initial: { presetId: string | null; plot: PlotOptions }): Slice<UiSlice> =>
  (set, get) => ({
    presetId: initial.presetId,
    presetError: null,
    plot: initial.plot,
    isPlotPaused: false,
    async applyPreset(id) {
      const preset = presetById(id);
      if (!preset) return false;
      const setup = presetSetup(preset, get().receiver);
      set({ presetId: id, presetError: null, receiver: setup.receiver });
      get().setComposer(setup.composer);
      // Listen first, so the first tick already has somewhere to land; then a clean slate for
      // the statistics, so the example's numbers are its own.
      const isListening = await get().startReceiver();
      const isSet = await get().replaceSettings(setup.metronome);
      const isTimecodeSet = setup.timecode ? await get().replaceTimecode(setup.timecode) : true;
      await get().resetMeasurements();
      const s = get();
      const problem = !isListening
        ? s.receiverError?.message
        : !isSet
          ? Object.values(s.metronomeErrors).join(' ')
          : !isTimecodeSet
            ? Object.values(s.timecodeErrors).join(' ')
            : undefined;
      // Where the participant is looking: beside the preset they just clicked.
      if (problem) set({ presetError: { id, message: problem } });
      return isListening && isSet && isTimecodeSet;
    },
    setPlotWindow: (windowS) => set({ plot: { ...get().plot, windowS } }),
    setShowArrival: (showArrival) => set({ plot: { ...get().plot, showArrival } }),
    setPlotPaused: (isPlotPaused) => set({ isPlotPaused }),
  });
