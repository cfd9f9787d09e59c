import { describe, expect, it } from 'vitest';
import { METRONOME_LIMITS } from '../../../shared/model/limits';
import {
  defaultSettings,
  loadSettings,
  saveSettings,
  STORAGE_KEY,
  type PersistedSettings,
} from './persistence';
import { defaultTimecode } from '../timecode/timecode-defaults';

/** A Storage stand-in. */
function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

const custom: PersistedSettings = {
  receiver: { role: 'custom', port: 9100, network: true },
  metronome: {
    mode: 'offset',
    bpm: 133.5,
    accentEvery: 3,
    offsetMs: 480,
    targets: [
      {
        id: 't1',
        host: '10.0.0.7',
        port: 8001,
        address: '/pd',
        format: 'extended',
        impairment: { delayMs: 20, jitterMs: 10, loss: 0.01 },
      },
    ],
  },
  composer: { host: '10.0.0.7', port: '8001', address: '/pd', args: 'tick 1', atMs: '250' },
  presetId: 'ex3',
  plot: { windowS: 120, showArrival: false },
  timecode: {
    ...defaultTimecode(),
    role: 'pair',
    rate: '29.97',
    dropFrame: true,
    sendMode: 'forward',
    forwardMs: 150,
    cueList: [
      {
        id: 'c1',
        label: '00:01:00;02',
        address: '/cue/lighting',
        args: [{ type: 's', value: 'Scene Bright' }],
        withTimecode: true,
      },
    ],
  },
};

describe('settings persistence', () => {
  it('restores exactly what was saved', () => {
    const storage = memoryStorage();
    saveSettings(storage, custom);
    expect(loadSettings(storage)).toEqual({ settings: custom, wasRepaired: false });
  });

  it('starts from defaults when nothing was saved', () => {
    expect(loadSettings(memoryStorage())).toEqual({
      settings: defaultSettings(),
      wasRepaired: false,
    });
  });

  it.each([
    ['not JSON', '{oops'],
    ['JSON of the wrong kind', '[1,2,3]'],
    ['null', 'null'],
  ])('falls back to defaults for %s, without throwing', (_what, raw) => {
    const result = loadSettings(memoryStorage({ [STORAGE_KEY]: raw }));
    expect(result.settings).toEqual(defaultSettings());
    expect(result.wasRepaired).toBe(true);
  });

  it('replaces only the sections that are corrupt', () => {
    const broken = {
      ...custom,
      metronome: { ...custom.metronome, bpm: 9000 },
      receiver: { role: 'dj', port: 'eighty' },
    };
    const { settings, wasRepaired } = loadSettings(
      memoryStorage({ [STORAGE_KEY]: JSON.stringify(broken) }),
    );
    expect(wasRepaired).toBe(true);
    expect(settings.metronome).toEqual(defaultSettings().metronome);
    expect(settings.receiver).toEqual(defaultSettings().receiver);
    expect(settings.composer).toEqual(custom.composer);
    expect(settings.plot).toEqual(custom.plot);
  });

  it('refuses duplicate target ids (errors must land beside one row)', () => {
    const twins = {
      ...custom,
      metronome: {
        ...custom.metronome,
        targets: [custom.metronome.targets[0], custom.metronome.targets[0]],
      },
    };
    const { settings } = loadSettings(memoryStorage({ [STORAGE_KEY]: JSON.stringify(twins) }));
    expect(settings.metronome).toEqual(defaultSettings().metronome);
  });

  it('restores exactly what the engine accepts: ids up to the limit, not one character more', () => {
    const { maxLength } = METRONOME_LIMITS.targetId;
    const withId = (id: string) => ({
      ...custom,
      metronome: { ...custom.metronome, targets: [{ ...custom.metronome.targets[0]!, id }] },
    });
    const load = (s: PersistedSettings) =>
      loadSettings(memoryStorage({ [STORAGE_KEY]: JSON.stringify(s) }));
    expect(load(withId('x'.repeat(maxLength)))).toEqual({
      settings: withId('x'.repeat(maxLength)),
      wasRepaired: false,
    });
    expect(load(withId('x'.repeat(maxLength + 1))).settings.metronome).toEqual(
      defaultSettings().metronome,
    );
  });

  it('restores the timecode section only when its labels exist at its rate', () => {
    // 00:01:00;00 is a label drop-frame skips: the engine would refuse this cue list.
    const skipped = {
      ...custom,
      timecode: {
        ...custom.timecode,
        cueList: [{ ...custom.timecode.cueList[0]!, label: '00:01:00;00' }],
      },
    };
    const { settings, wasRepaired } = loadSettings(
      memoryStorage({ [STORAGE_KEY]: JSON.stringify(skipped) }),
    );
    expect(wasRepaired).toBe(true);
    expect(settings.timecode).toEqual(defaultTimecode());
    expect(settings.metronome).toEqual(custom.metronome);
  });

  it('takes a save from before the timecode roles as intact, with the default timecode', () => {
    const { timecode: _absent, ...older } = custom;
    const result = loadSettings(memoryStorage({ [STORAGE_KEY]: JSON.stringify(older) }));
    expect(result).toEqual({
      settings: { ...custom, timecode: defaultTimecode() },
      wasRepaired: false,
    });
  });

  it('takes a save from before the network choice as intact, listening on this computer only', () => {
    const older = { ...custom, receiver: { role: 'custom', port: 9100 } };
    const result = loadSettings(memoryStorage({ [STORAGE_KEY]: JSON.stringify(older) }));
    expect(result).toEqual({
      settings: { ...custom, receiver: { role: 'custom', port: 9100, network: false } },
      wasRepaired: false,
    });
  });

  it('survives a storage that throws', () => {
    const hostile = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadSettings(hostile).settings).toEqual(defaultSettings());
    expect(() => saveSettings(hostile, custom)).not.toThrow();
  });
});
