/**
 * The audio settings a participant chooses (restored on restart from localStorage), and the
 * page URL's test switches: `?audio=autostart` (start audio without a click; Chromium needs
 * `--autoplay-policy=no-user-gesture-required`) and `?pan=left|right|center` (one instance per
 * ear: two instances on one machine, heard or recorded in stereo).
 */
import type { LatePolicy } from './tick-plan';

/** AudioContext latency hints offered: 'playback' survives a loaded machine, 'interactive' is quicker. */
export type LatencyHint = 'interactive' | 'playback';

/** Where the ticks sit in the stereo field. */
export type Pan = 'left' | 'center' | 'right';

/** The participant's audio settings. */
export interface AudioSettings {
  /** 0..1. */
  volume: number;
  isMuted: boolean;
  latencyHint: LatencyHint;
  /** Subtract the output latency so the click leaves the speaker at the play time. */
  isCompensated: boolean;
  latePolicy: LatePolicy;
  pan: Pan;
}

/**
 * Defaults: 'playback' because 'interactive' glitches under CPU load (measured, PEERS.md); no
 * compensation because it needs a forward offset larger than the output latency (64 ms and up
 * with 'playback'), and without it every instance with the same latency still plays together.
 */
export const DEFAULT_AUDIO_SETTINGS: AudioSettings = {
  volume: 0.8,
  isMuted: false,
  latencyHint: 'playback',
  isCompensated: false,
  latePolicy: 'play',
  pan: 'center',
};

const STORAGE_KEY = 'syncroscope.audio.v1';

/** The part of localStorage the settings use. */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Keeps only well-formed values; anything else falls back to the default. */
export function sanitizeSettings(raw: unknown): AudioSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<
    Record<keyof AudioSettings, unknown>
  >;
  const d = DEFAULT_AUDIO_SETTINGS;
  const pick = <T>(value: unknown, allowed: readonly T[], fallback: T): T =>
    allowed.includes(value as T) ? (value as T) : fallback;
  return {
    volume: typeof r.volume === 'number' && r.volume >= 0 && r.volume <= 1 ? r.volume : d.volume,
    isMuted: typeof r.isMuted === 'boolean' ? r.isMuted : d.isMuted,
    latencyHint: pick(r.latencyHint, ['interactive', 'playback'] as const, d.latencyHint),
    isCompensated: typeof r.isCompensated === 'boolean' ? r.isCompensated : d.isCompensated,
    latePolicy: pick(r.latePolicy, ['play', 'drop'] as const, d.latePolicy),
    pan: pick(r.pan, ['left', 'center', 'right'] as const, d.pan),
  };
}

/** The saved settings (defaults if none or unreadable). */
export function loadSettings(storage: SettingsStorage | undefined): AudioSettings {
  try {
    const text = storage?.getItem(STORAGE_KEY);
    return sanitizeSettings(text ? JSON.parse(text) : {});
  } catch {
    return { ...DEFAULT_AUDIO_SETTINGS };
  }
}

/** Saves the settings; a full or forbidden storage only costs the restore. */
export function saveSettings(storage: SettingsStorage | undefined, s: AudioSettings) {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(s));
  } catch {
    // not persisted: nothing else depends on it
  }
}

/** The page URL's audio switches. */
export interface AudioUrlOptions {
  isAutostart: boolean;
  pan: Pan | null;
}

/** Reads `?audio=autostart` and `?pan=left|right|center`. */
export function readUrlOptions(search: string): AudioUrlOptions {
  const params = new URLSearchParams(search);
  const pan = params.get('pan');
  return {
    isAutostart: params.get('audio') === 'autostart',
    pan: pan === 'left' || pan === 'right' || pan === 'center' ? pan : null,
  };
}

/** StereoPannerNode value for a pan setting. */
export function panValue(pan: Pan): number {
  return pan === 'left' ? -1 : pan === 'right' ? 1 : 0;
}
