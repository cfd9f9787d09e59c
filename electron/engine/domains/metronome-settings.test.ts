import { describe, expect, it } from 'vitest';
import type { FieldIssue, MetronomeTargetView } from '../../../shared/ipc';
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

interface Problem {
  code: string;
  message: string;
  field?: FieldIssue['field'];
  issues?: FieldIssue[];
}
const problemsOf = (run: () => unknown): Problem => {
  try {
    run();
  } catch (error) {
    return error as Problem;
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

  it('answer a BPM out of range with exactly the words the CLI uses, code invalid', () => {
    expect(problemsOf(() => applyMetronomePatch(defaultMetronomeView(), { bpm: 500 }))).toEqual(
      expect.objectContaining({
        code: 'invalid',
        message: 'BPM must be between 20 and 300',
        field: ['bpm'],
      }),
    );
  });

  it('list every problem at once, targets numbered from 1, each with its field path', () => {
    const { message, field, issues } = problemsOf(() =>
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
      'target 2: the delay must be between 0 and 10000 ms',
      'target 2: the jitter must be between 0 and 5000 ms',
      'target 2: the loss must be a fraction from 0 to 1 (0.01 = 1 %)',
      'target 2: the id "t1" is used by another target',
    ]);
    expect(field).toEqual(['offsetMs']);
    expect(issues).toEqual([
      { field: ['offsetMs'], message: 'the forward offset must be between 0 and 2000 ms' },
      { field: ['targets', 1, 'port'], message: 'the port must be a whole number from 1 to 65535' },
      {
        field: ['targets', 1, 'impairment', 'delayMs'],
        message: 'the delay must be between 0 and 10000 ms',
      },
      {
        field: ['targets', 1, 'impairment', 'jitterMs'],
        message: 'the jitter must be between 0 and 5000 ms',
      },
      {
        field: ['targets', 1, 'impairment', 'loss'],
        message: 'the loss must be a fraction from 0 to 1 (0.01 = 1 %)',
      },
      { field: ['targets', 1, 'id'], message: 'the id "t1" is used by another target' },
    ]);
  });

  it('refuse more than 16 targets', () => {
    const targets = Array.from({ length: 17 }, (_, i) => target({ id: `t${i}` }));
    expect(problemsOf(() => applyMetronomePatch(defaultMetronomeView(), { targets }))).toEqual(
      expect.objectContaining({ message: 'at most 16 targets', field: ['targets'] }),
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
