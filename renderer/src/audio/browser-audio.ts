/** The audio output wired to the real browser: AudioContext, performance clock, localStorage. */
import type { EngineClock } from '../clock/engine-clock';
import { loadSettings, readUrlOptions, saveSettings, type SettingsStorage } from './audio-settings';
import { createAudioOutput, type AudioOutput } from './audio-output';
import { decodeTickSounds } from './tick-sounds';

/**
 * Creates the page's audio output with the saved settings and the URL's `?pan=`; ticks are
 * placed on the page's clock through `clock` (the engine's may be another device's).
 */
export function createBrowserAudioOutput(clock?: EngineClock): AudioOutput {
  const storage: SettingsStorage | undefined = globalThis.localStorage;
  const url = readUrlOptions(globalThis.location?.search ?? '');
  const saved = loadSettings(storage);
  return createAudioOutput({
    // The device's own sample rate: forcing one makes Chromium resample, and its
    // getOutputTimestamp() then drifts by tens of ms (measured with PulseAudio at 44.1 kHz).
    createContext: (latencyHint) => new AudioContext({ latencyHint }),
    loadSounds: decodeTickSounds,
    originMs: performance.timeOrigin,
    engineOffsetMs: clock && (() => clock.offsetMs()),
    settings: url.pan ? { ...saved, pan: url.pan } : saved,
    // The URL's pan is for this page only: keep the saved one.
    onSettingsChange: (s) => saveSettings(storage, url.pan ? { ...s, pan: saved.pan } : s),
  });
}
