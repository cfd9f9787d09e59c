/**
 * Fault: the relay between the metronome and the receiver is killed mid-run (SIGKILL: no
 * goodbye). The metronome (the CLI, in process) says nothing listens on the relay's port and keeps
 * sending; the receiver (the app's engine) keeps working; once a relay runs again the ticks flow
 * on, the beats sent meanwhile are missing by number (what extended-format receivers count as
 * lost), and the metronome says the relay is back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TickItem } from '../../shared/ipc';
import { encodeMessage } from '../../shared/osc';
import { createCliRunner } from '../../electron/cli/cli-run.test-util';
import { waitFor } from '../../electron/engine/testing/wait-for';
import { freeUdpPorts } from '../peers/harness/free-port';
import { startRelayPeer } from '../peers/harness/syncroscope-cli';
import { createCleanup, startEngine, udpPeer } from './harness';

const cleanup = createCleanup();
const cli = createCliRunner();
afterEach(async () => {
  await cli.stopAll();
  await cleanup.run();
});

describe('fault: the relay is killed mid-run', () => {
  it('the metronome says so and keeps sending, the receiver keeps working, nothing else breaks', async () => {
    const [receivePort, relayPort] = await freeUdpPorts(2);
    const { call, events } = startEngine(cleanup);
    await call('receiver:start', { port: receivePort! });
    const ticks = (): TickItem[] =>
      events.flatMap((e) => (e.channel === 'stream:ticks' ? e.payload.items : []));
    const relayOptions = {
      listenPort: relayPort!,
      toPort: receivePort!,
      delayMs: 0,
      jitterMs: 0,
      seed: 1,
    };
    const first = await startRelayPeer(relayOptions);
    cleanup.add(() => first.process.stop({ signal: 'SIGKILL' }));

    const metronome = cli.run([
      ...['metronome', '--mode', 'forward', '--offset', '50', '--bpm', '300', '--extended'],
      ...['--target', `127.0.0.1:${relayPort}/tick`],
    ]);
    await waitFor(() => ticks().length >= 3, {
      timeoutMs: 10_000,
      what: 'ticks through the relay',
    });

    await first.process.stop({ signal: 'SIGKILL' });
    const beforeKill = Math.max(...ticks().map((t) => t.beat ?? -1));
    await metronome.waitFor(() =>
      metronome.err.some((l) =>
        l.includes(
          `nothing is listening on 127.0.0.1:${relayPort} (port unreachable); still sending`,
        ),
      ),
    );

    // The receiver still works: a message sent to it directly arrives and is counted.
    const peer = await udpPeer(cleanup);
    const before = (await call('engine:get', {})).counters.messages;
    await peer.send(encodeMessage('/py', [{ type: 's', value: 'still here' }]), receivePort!);
    await waitFor(
      () =>
        events.some(
          (e) =>
            e.channel === 'stream:messages' && e.payload.items.some((m) => m.address === '/py'),
        ),
      {
        what: 'the direct message',
      },
    );
    expect((await call('engine:get', {})).counters.messages).toBeGreaterThan(before);

    const second = await startRelayPeer(relayOptions); // the relay is back, on the same port
    cleanup.add(() => second.process.stop({ signal: 'SIGKILL' }));
    await waitFor(() => Math.max(...ticks().map((t) => t.beat ?? -1)) > beforeKill + 3, {
      timeoutMs: 10_000,
      what: 'ticks after the relay came back',
    });
    await metronome.waitFor(() =>
      metronome.err.some((l) => l.includes(`127.0.0.1:${relayPort} no longer refuses the ticks`)),
    );
    const beats = ticks().map((t) => t.beat!);
    const missing = Math.max(...beats) + 1 - new Set(beats).size;
    expect(missing).toBeGreaterThan(0); // the outage, visible by beat number
    expect(new Set(beats).size).toBe(beats.length); // nothing delivered twice

    metronome.stop();
    expect(await metronome.code).toBe(0);
    expect(metronome.err.at(-1)).toMatch(/ 0 send errors/);
    expect(metronome.err.filter((l) => l.includes('port unreachable'))).toHaveLength(1);
  });
});
