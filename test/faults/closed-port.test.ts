/**
 * Fault: a metronome target whose port is closed (ICMP "port unreachable" on every beat). The
 * engine says so by target id and the CLI says so once; both keep sending, and the engine's
 * words clear once a receiver listens there. Unit tests: electron/engine/network/
 * connected-sender.test.ts, electron/engine/domains/metronome.udp.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCliRunner } from '../../electron/cli/cli-run.test-util';
import { waitFor } from '../../electron/engine/testing/wait-for';
import { closedUdpPort, createCleanup, directTarget, startEngine, udpPeer } from './harness';

const cleanup = createCleanup();
const cli = createCliRunner();
afterEach(async () => {
  await cli.stopAll();
  await cleanup.run();
});

describe('fault: a metronome target nobody listens on', () => {
  it('the engine says which target, keeps ticking, and clears the words once a receiver starts', async () => {
    const { call, lastState } = startEngine(cleanup);
    const open = await udpPeer(cleanup);
    const closed = await closedUdpPort();
    await call('metronome:update', {
      bpm: 300,
      mode: 'immediate',
      targets: [directTarget('dead', closed), directTarget('alive', open.port)],
    });
    await call('metronome:start', {});
    await waitFor(() => lastState('metronome:changed')?.unreachableTargets.dead !== undefined, {
      what: 'the port-unreachable words',
    });
    const snap = lastState('metronome:changed')!;
    expect(snap.unreachableTargets.dead).toMatch(
      new RegExp(`^Nothing is listening on 127\\.0\\.0\\.1:${closed} \\(port unreachable\\)\\.`),
    );
    expect(snap.unreachableTargets.alive).toBeUndefined();
    expect(snap.targetErrors).toEqual({});

    const late = await udpPeer(cleanup, closed); // the receiver starts after all
    await waitFor(() => late.got.length >= 2, { what: 'ticks at the late receiver' });
    await waitFor(() => lastState('metronome:changed')?.unreachableTargets.dead === undefined, {
      timeoutMs: 10_000,
      what: 'the words to clear',
    });
    const after = await call('metronome:get', {});
    expect(after).toMatchObject({ isRunning: true, counters: { sendErrors: 0 } });
    expect(open.got.length).toBeGreaterThan(late.got.length); // the other target never paused
    await call('metronome:stop', {});
  });

  it('the CLI says it once, not on every beat, and sends every beat', async () => {
    const closed = await closedUdpPort();
    const r = cli.run([
      ...['metronome', '--mode', 'immediate', '--bpm', '300', '--count', '6'],
      ...['--target', `127.0.0.1:${closed}/tick`],
    ]);
    expect(await r.code).toBe(0);
    const said = r.err.filter((l) => l.includes('port unreachable'));
    expect(said).toEqual([
      `[metronome] nothing is listening on 127.0.0.1:${closed} (port unreachable); still sending`,
    ]);
    expect(r.out).toHaveLength(6);
    expect(r.err.at(-1)).toMatch(/6 beats, 6 packets, 0 send errors/);
  });
});
