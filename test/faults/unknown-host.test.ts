/**
 * Fault: a host name that does not resolve. A single send is refused in words; a metronome
 * target with that name is said by id (engine) or once (CLI) while the other targets and the
 * beats go on. The words themselves: electron/engine/network/udp-endpoint.test.ts and
 * connected-sender.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCliRunner } from '../../electron/cli/cli-run.test-util';
import { waitFor } from '../../electron/engine/testing/wait-for';
import { createCleanup, directTarget, startEngine, udpPeer } from './harness';

const NO_SUCH_HOST = 'no-such-host.invalid'; // .invalid never resolves (RFC 6761)
const UNKNOWN = /Unknown host "no-such-host\.invalid"|Could not look up "no-such-host\.invalid"/;

const cleanup = createCleanup();
const cli = createCliRunner();
afterEach(async () => {
  await cli.stopAll();
  await cleanup.run();
});

describe('fault: an unknown host', () => {
  it('the engine refuses a send to it with its field, and keeps ticking to the other targets', async () => {
    const { call, lastState } = startEngine(cleanup);
    const error = await call('osc:send', { host: NO_SUCH_HOST, port: 9000, address: '/x' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'unknown-host',
      field: ['host'],
      message: expect.stringMatching(UNKNOWN),
    });

    const good = await udpPeer(cleanup);
    await call('metronome:update', {
      bpm: 300,
      targets: [directTarget('lost', 9000, NO_SUCH_HOST), directTarget('good', good.port)],
    });
    await call('metronome:start', {});
    await waitFor(() => lastState('metronome:changed')?.targetErrors.lost !== undefined, {
      what: 'the unknown-host words',
    });
    expect(lastState('metronome:changed')!.targetErrors).toEqual({
      lost: expect.stringMatching(UNKNOWN),
    });
    const heard = good.got.length;
    await waitFor(() => good.got.length >= heard + 2, { what: 'more ticks to the good target' });
    expect((await call('metronome:get', {})).isRunning).toBe(true);
  });

  it('syncroscope send exits 1 with one line', async () => {
    const r = cli.run(['send', `${NO_SUCH_HOST}:9000`, '/x']);
    expect(await r.code).toBe(1);
    expect(r.err).toEqual([expect.stringMatching(UNKNOWN)]);
  });

  it('syncroscope metronome says it once and keeps its beats', async () => {
    const r = cli.run([
      ...['metronome', '--bpm', '300', '--count', '4', '--mode', 'immediate'],
      ...['--target', `${NO_SUCH_HOST}:9000/tick`],
    ]);
    expect(await r.code).toBe(0);
    expect(r.err.filter((l) => UNKNOWN.test(l))).toHaveLength(1);
    expect(r.out).toHaveLength(4);
  });
});
