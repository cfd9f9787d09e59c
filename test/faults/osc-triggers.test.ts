/**
 * Security: incoming OSC can only trigger what the user configured. Every address the engine
 * routes (ticks, timecode, cues and triggers, clock sync) and addresses it does not, plain and
 * in bundles (due now and in the future), reach a running engine. Nothing starts, no setting
 * changes, and nothing is sent but the clock exchange (a pong for a ping, and the receiver's own
 * pings to a source it hears: clock sync by design). Only counters and logs move.
 * The WebSocket half (malformed frames get an error result): electron/web/web-host.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  CLOCK_PING_ADDRESS,
  CLOCK_PONG_ADDRESS,
  encodeClockPing,
  encodeClockPong,
} from '../../shared/clocksync';
import {
  decodePacket,
  encodeBundle,
  encodeMessage,
  type OscArg,
  type OscPacket,
} from '../../shared/osc';
import { ntpAddMs, ntpFromUnixMs, type NtpTime } from '../../shared/osc/timetag';
import { waitFor } from '../../electron/engine/testing/wait-for';
import { createCleanup, directTarget, eventually, startEngine, udpPeer } from './harness';

const cleanup = createCleanup();
afterEach(() => cleanup.run());

const s = (value: string): OscArg => ({ type: 's', value });
const i = (value: number): OscArg => ({ type: 'i', value });

/** Every address anyone might try, with the arguments its feature expects. */
function hostileMessages(now: NtpTime): Array<{ address: string; args: OscArg[] }> {
  return [
    { address: '/tick', args: [s('tick')] },
    { address: '/tick', args: [i(7), i(1), { type: 't', value: now }, s('forward')] },
    { address: '/pd', args: [s('tick')] },
    { address: '/py', args: [s('hello')] },
    { address: '/pyanything', args: [i(1)] },
    { address: '/sync/timecode', args: [s('00:00:10:00')] },
    { address: '/cue/lighting', args: [s('Scene Bright')] },
    { address: '/cue/video_tc', args: [s('Intro video cue'), s('00:00:10:00')] },
    { address: '/trigger/action', args: [s('Play sound effect')] },
    { address: '/trigger/action_tc', args: [s('Start playback'), s('00:00:10:00')] },
    { address: '/syncroscope/clock/other', args: [] },
    { address: '/syncroscope/metronome/start', args: [] },
    { address: '/metronome/start', args: [i(300)] },
    { address: '/receiver/stop', args: [] },
    { address: '/engine/dispose', args: [] },
    { address: '/timecode/start', args: [] },
    { address: '/*', args: [] },
    { address: '/syncroscope/*', args: [] },
    { address: '/unknown/address', args: [s('x')] },
  ];
}

async function throwEverything(peer: Awaited<ReturnType<typeof udpPeer>>, port: number) {
  const now = ntpFromUnixMs(Date.now());
  const messages = hostileMessages(now);
  const asPacket = (m: { address: string; args: OscArg[] }): OscPacket => ({
    kind: 'message',
    ...m,
  });
  for (const m of messages) await peer.send(encodeMessage(m.address, m.args), port);
  await peer.send(encodeBundle(1n, messages.map(asPacket)), port); // "immediately"
  await peer.send(encodeBundle(ntpAddMs(now, 100), messages.map(asPacket)), port); // in 100 ms
  await peer.send(encodeClockPing(now), port);
  await peer.send(encodeClockPong({ t1: now, t2: now, t3: now }), port); // never asked for
  return messages.length * 3 + 2;
}

/** Waits until every tick has been dispatched at its time, the future bundle's included. */
async function everyTickDispatched(call: ReturnType<typeof startEngine>['call']) {
  await eventually(
    async () => (await call('measurements:get', {})).streams,
    (streams) =>
      streams.some((st) => st.mode === 'timetagged') &&
      streams.every((st) => st.counts.dispatched + st.counts.dropped === st.counts.ticks),
  );
}

/** The engine's state that no incoming datagram may change (counters and logs excepted). */
async function configuration(call: ReturnType<typeof startEngine>['call']) {
  const metronome = await call('metronome:get', {});
  const timecode = await call('timecode:get', {});
  const engine = await call('engine:get', {});
  return {
    metronome: {
      settings: metronome.settings,
      isRunning: metronome.isRunning,
      counters: metronome.counters,
    },
    timecode: {
      settings: timecode.settings,
      master: { state: timecode.master.state, framesSent: timecode.master.framesSent },
      client: { state: timecode.client.state, cuesSent: timecode.client.cuesSent },
    },
    receiver: engine.receiver,
    sent: engine.sent,
  };
}

describe('incoming OSC triggers only what the user configured', () => {
  it('with the defaults: nothing starts or changes, and only the clock exchange answers', async () => {
    const { call } = startEngine(cleanup);
    const started = await call('receiver:start', { port: 0 });
    if (started.receiver.status !== 'listening') throw new Error('not listening');
    const port = started.receiver.port;
    const before = await configuration(call);
    const peer = await udpPeer(cleanup);
    const count = await throwEverything(peer, port);
    const counters = await eventually(
      async () => (await call('engine:get', {})).counters,
      (c) => c.messages >= count,
    );
    await everyTickDispatched(call);
    expect(await configuration(call)).toEqual(before);
    expect(counters.malformed).toBe(0);
    expect((await call('timecode:get', {})).master.cuesReceived).toBe(0); // no master: not even logged
    await waitFor(() => peer.got.length > 0, { what: 'the pong' });
    const answers = peer.got.map((b) => decodePacket(b));
    expect(
      answers.every(
        (p) => p.kind === 'message' && [CLOCK_PONG_ADDRESS, CLOCK_PING_ADDRESS].includes(p.address),
      ),
    ).toBe(true);
    expect(
      answers.filter((p) => p.kind === 'message' && p.address === CLOCK_PONG_ADDRESS),
    ).toHaveLength(1);
  });

  it('with a metronome and a timecode master set up but stopped: neither starts, nothing reaches their targets', async () => {
    const { call } = startEngine(cleanup);
    const witness = await udpPeer(cleanup); // every configured target points here
    await call('metronome:update', { targets: [directTarget('t1', witness.port)] });
    const { id, host, port, impairment } = directTarget('m1', witness.port);
    await call('timecode:update', { role: 'master', targets: [{ id, host, port, impairment }] });
    const started = await call('receiver:start', { port: 0 });
    if (started.receiver.status !== 'listening') throw new Error('not listening');
    const before = await configuration(call);
    const peer = await udpPeer(cleanup);
    const count = await throwEverything(peer, started.receiver.port);
    await eventually(
      async () => (await call('engine:get', {})).counters.messages,
      (n) => n >= count,
    );
    await everyTickDispatched(call);
    expect(await configuration(call)).toEqual(before);
    // What the user did configure happens, and only that: the master logs the cues it hears.
    expect((await call('timecode:get', {})).master.cuesReceived).toBe(12);
    expect(witness.got).toEqual([]);
  });
});
