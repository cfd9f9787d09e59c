import { describe, expect, it } from 'vitest';
import { MetronomeSettingsError, validateMetronomeSettings } from './metronome-settings';

const good = {
  mode: 'forward',
  bpm: 100,
  accentEvery: 4,
  offsetMs: 250,
  targets: [{ host: '127.0.0.1', port: 8001, address: '/pd' }],
};
const problems = (x: unknown): string[] => {
  try {
    validateMetronomeSettings(x);
  } catch (e) {
    expect(e).toBeInstanceOf(MetronomeSettingsError);
    return (e as MetronomeSettingsError).problems;
  }
  return [];
};

describe('metronome settings', () => {
  it('accepts the seed setup and fills in the seed format', () => {
    expect(validateMetronomeSettings(good).targets[0]).toEqual({
      host: '127.0.0.1',
      port: 8001,
      address: '/pd',
      format: 'seed',
    });
  });

  it('holds BPM to a thousandth', () => {
    expect(validateMetronomeSettings({ ...good, bpm: 120.00049 }).bpm).toBe(120);
    expect(validateMetronomeSettings({ ...good, bpm: 97.5 }).bpm).toBe(97.5);
  });

  it.each([
    [{ bpm: 19 }, 'BPM must be between 20 and 300'],
    [{ bpm: 301 }, 'BPM must be between 20 and 300'],
    [{ bpm: '120' }, 'BPM must be between 20 and 300'],
    [{ mode: 'later' }, 'the mode must be immediate, offset or forward'],
    [{ offsetMs: 2001 }, 'the forward offset must be between 0 and 2000 ms'],
    [{ accentEvery: 1.5 }, 'accent every N beats must be a whole number (0 = no accent)'],
    [
      { targets: [{ host: '', port: 8000, address: '/py' }] },
      'target 1: the target host is empty (use e.g. 127.0.0.1)',
    ],
    [
      { targets: [{ host: 'a', port: 70000, address: '/py' }] },
      'target 1: the port must be a whole number from 1 to 65535',
    ],
    [
      { targets: [{ host: 'a', port: 8000, address: 'py' }] },
      'target 1: the OSC address must start with / and contain no spaces or #*,?[]{}',
    ],
    [
      { targets: [{ host: 'a', port: 8000, address: '/py*' }] },
      'target 1: the OSC address must start with / and contain no spaces or #*,?[]{}',
    ],
    [{ lookaheadMs: -5 }, 'the lookahead cannot be negative'],
  ])('refuses %o with "%s"', (patch, message) => {
    expect(problems({ ...good, ...patch })).toEqual([message]);
  });

  it('lists every problem at once', () => {
    expect(problems({ ...good, bpm: 5, offsetMs: -1 })).toHaveLength(2);
  });

  it('keeps the field path of every problem', () => {
    const error = (() => {
      try {
        validateMetronomeSettings({
          ...good,
          bpm: 5,
          targets: [{ host: 'a', port: 0, address: '/py' }],
        });
      } catch (e) {
        return e as MetronomeSettingsError;
      }
      throw new Error('accepted');
    })();
    expect(error.issues).toEqual([
      { field: ['bpm'], message: 'BPM must be between 20 and 300' },
      { field: ['targets', 0, 'port'], message: 'the port must be a whole number from 1 to 65535' },
    ]);
    expect(error.message).toBe(
      'BPM must be between 20 and 300; target 1: the port must be a whole number from 1 to 65535',
    );
  });
});
