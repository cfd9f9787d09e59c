import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TICK_PATTERNS as CONTRACT_TICK_PATTERNS,
  METRONOME_LIMITS,
  type MetronomeTargetView,
} from '../../../shared/ipc';
import { BPM_MAX, BPM_MIN, OFFSET_MAX_MS, validateMetronomeSettings } from '../metronome';
import { DEFAULT_TICK_PATTERNS } from '../receive/tick-receiver';
import {
  applyMetronomePatch,
  defaultMetronomeView,
  toMetronomeSettings,
} from './metronome-settings';

const target = (over: Partial<MetronomeTargetView> = {}): MetronomeTargetView => ({
  id: 't1',
  host: '127.0.0.1',
  port: 8000,
  address: '/tick',
  format: 'seed',
  impairment: { delayMs: 0, jitterMs: 0, loss: 0 },
  ...over,
});

const problemsOf = (run: () => unknown): { code: string; message: string } => {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('no problem found');
};

describe('metronome settings as the contract shows them', () => {
  it('start as forward sync at 100 BPM, accent every 4, F = 100 ms, no targets', () => {
    expect(defaultMetronomeView()).toEqual({
      mode: 'forward',
      bpm: 100,
      accentEvery: 4,
      offsetMs: 100,
      targets: [],
    });
  });

  it('publish the same limits and tick addresses the engine enforces', () => {
    expect(METRONOME_LIMITS.bpm).toEqual({ min: BPM_MIN, max: BPM_MAX });
    expect(METRONOME_LIMITS.offsetMs.max).toBe(OFFSET_MAX_MS);
    expect(() =>
      validateMetronomeSettings({ ...defaultMetronomeView(), accentEvery: 1001 }),
    ).toThrow();
    expect(() =>
      validateMetronomeSettings({ ...defaultMetronomeView(), lookaheadMs: 1000 }),
    ).not.toThrow();
    expect(CONTRACT_TICK_PATTERNS).toEqual(DEFAULT_TICK_PATTERNS);
  });

  it('answer a BPM out of range with exactly the words the CLI uses, code invalid', () => {
    expect(problemsOf(() => applyMetronomePatch(defaultMetronomeView(), { bpm: 500 }))).toEqual(
      expect.objectContaining({ code: 'invalid', message: 'BPM must be between 20 and 300' }),
    );
  });

  it('list every problem at once, targets numbered from 1', () => {
    const { message } = problemsOf(() =>
      applyMetronomePatch(defaultMetronomeView(), {
        offsetMs: -1,
        targets: [
          target(),
          target({ port: 0, impairment: { delayMs: 20_000, jitterMs: -1, loss: 2 } }),
        ],
      }),
    );
    expect(message.split('; ')).toEqual([
      'the forward offset must be between 0 and 2000 ms',
      'target 2: the port must be a whole number from 1 to 65535',
      'target 2: the id "t1" is used by another target',
      'target 2: the delay must be between 0 and 10000 ms',
      'target 2: the jitter must be between 0 and 5000 ms',
      'target 2: the loss must be a fraction from 0 to 1 (0.01 = 1 %)',
    ]);
  });

  it('refuse more than 16 targets', () => {
    const targets = Array.from({ length: 17 }, (_, i) => target({ id: `t${i}` }));
    expect(problemsOf(() => applyMetronomePatch(defaultMetronomeView(), { targets })).message).toBe(
      'at most 16 targets',
    );
  });

  it('merge a patch and normalize it: BPM to 0.001, hosts trimmed, other fields kept', () => {
    const view = applyMetronomePatch(defaultMetronomeView(), {
      bpm: 120.00049,
      lookaheadMs: 5,
      targets: [target({ host: ' 127.0.0.1 ' })],
    });
    const next = applyMetronomePatch(view, { offsetMs: 40 });
    expect(next).toEqual({
      mode: 'forward',
      bpm: 120,
      accentEvery: 4,
      offsetMs: 40,
      lookaheadMs: 5,
      targets: [target()],
    });
  });

  it('route each target where it must go, and leave out a target without a route', () => {
    const view = applyMetronomePatch(defaultMetronomeView(), {
      targets: [target(), target({ id: 't2', port: 8001, address: '/pd' })],
    });
    const settings = toMetronomeSettings(view, (t) =>
      t.id === 't1' ? { host: '127.0.0.1', port: 40_000 } : null,
    );
    expect(settings.targets).toEqual([
      { host: '127.0.0.1', port: 40_000, address: '/tick', format: 'seed' },
    ]);
    expect(toMetronomeSettings(view).targets.map((t) => t.port)).toEqual([8000, 8001]);
  });
});
