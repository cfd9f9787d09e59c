import { describe, expect, it } from 'vitest';
import type { MetronomeTargetView } from '../../../shared/ipc';
import { createTargetErrors } from './target-errors';
import type { TargetRoute } from './target-relays';

const t = (id: string, port: number, delayMs = 0): MetronomeTargetView => ({
  id,
  host: '127.0.0.1',
  port,
  address: '/tick',
  format: 'seed',
  impairment: { delayMs, jitterMs: 0, loss: 0 },
});
const routes = (...entries: Array<[string, TargetRoute]>) => new Map(entries);

function setup() {
  const changes: Array<[string, string | null]> = [];
  const errors = createTargetErrors((id, message) => changes.push([id, message]));
  return { errors, changes };
}

describe('target errors', () => {
  it('blame every target sent to a failing destination, and clear a direct one when a send goes out', () => {
    const { errors, changes } = setup();
    const targets = [t('a', 9000), t('b', 9000), t('c', 9001)];
    const direct = routes(
      ['a', { host: '127.0.0.1', port: 9000 }],
      ['b', { host: '127.0.0.1', port: 9000 }],
      ['c', { host: '127.0.0.1', port: 9001 }],
    );
    errors.retarget([], targets, new Map(), direct);
    errors.onSendFailed('127.0.0.1', 9000, 'Nothing is listening');
    errors.onSendFailed('127.0.0.1', 9000, 'Nothing is listening'); // the same words: no change
    expect(errors.toRecord()).toEqual({ a: 'Nothing is listening', b: 'Nothing is listening' });
    errors.onSent('127.0.0.1', 9001);
    expect(Object.keys(errors.toRecord())).toEqual(['a', 'b']);
    errors.onSent('127.0.0.1', 9000);
    expect(errors.toRecord()).toEqual({});
    expect(changes).toEqual([
      ['a', 'Nothing is listening'],
      ['b', 'Nothing is listening'],
      ['a', null],
      ['b', null],
    ]);
  });

  it("keep a relayed target's error while its relay takes ticks, until its route changes", () => {
    const { errors } = setup();
    const relayed = [t('r', 9000, 20)];
    const viaRelay = routes(['r', { host: '127.0.0.1', port: 40_000 }]);
    errors.retarget([], relayed, new Map(), viaRelay);
    errors.set('r', 'Unknown host "x"');
    errors.onSent('127.0.0.1', 40_000); // reached the relay: says nothing about the target
    errors.retarget(relayed, [t('r', 9000, 50)], viaRelay, viaRelay); // only the delay changed
    expect(errors.toRecord()).toEqual({ r: 'Unknown host "x"' });
    errors.retarget(relayed, [t('r', 9002, 50)], viaRelay, viaRelay); // moved
    expect(errors.toRecord()).toEqual({});
  });

  it('show a relay that could not start until a later update starts it, and forget removed targets', () => {
    const { errors } = setup();
    const relayed = [t('r', 9000, 20), t('d', 9001)];
    const failed = routes(['r', { error: 'no relay' }], ['d', { host: '127.0.0.1', port: 9001 }]);
    errors.retarget([], relayed, new Map(), failed);
    errors.onSendFailed('127.0.0.1', 9001, 'refused');
    expect(errors.toRecord()).toEqual({ r: 'no relay', d: 'refused' });
    const started = routes(
      ['r', { host: '127.0.0.1', port: 40_000 }],
      ['d', { host: '127.0.0.1', port: 9001 }],
    );
    errors.retarget(relayed, relayed, failed, started);
    expect(errors.toRecord()).toEqual({ d: 'refused' });
    errors.retarget(relayed, [relayed[0]!], started, started);
    expect(errors.toRecord()).toEqual({});
  });
});
