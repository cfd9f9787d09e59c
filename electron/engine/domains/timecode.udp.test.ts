/**
 * The timecode domain through the real engine on real sockets, in role pair: the master's frames
 * reach the client through the engine's one receiver socket (behind an impairment relay when
 * the first target has one), and the client's cue reaches the master's cue log the same way.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandName, CommandResult, StreamItem, StreamName } from '../../../shared/ipc';
import { NO_IMPAIRMENT } from '../../../shared/model';
import { createEngine, type EngineSink } from '../engine';
import { waitFor } from '../testing/wait-for';
import { createSystemClock } from '../time/clock';
import { createRealTimers } from '../time/timers';

const clock = createSystemClock();
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function engine() {
  const items: { [S in StreamName]?: StreamItem<S>[] } = {};
  const sink: EngineSink = {
    state: () => {},
    stream: (name, build) => void (items[name] ??= [] as never[]).push(build() as never),
  };
  const e = createEngine({ clock, timers: createRealTimers(clock), sink });
  cleanup.push(() => e.dispose());
  const call = async <C extends CommandName>(command: C, payload: unknown) => {
    const r: CommandResult<C> = await e.invoke(command, payload);
    if (!r.ok) throw new Error(`${command}: ${r.error.message}`);
    return r.value;
  };
  return { call, items };
}

describe('timecode domain on the real engine', () => {
  it('pairs master and client through the receiver socket: locked, and a cue logged in step', async () => {
    const { call, items } = engine();
    await call('receiver:start', { port: 0 });
    await call('timecode:update', { role: 'pair', rate: '30' });
    await call('timecode:start', {});
    await waitFor(() => (items['stream:timecode-errors']?.length ?? 0) >= 10, {
      what: 'ten frames heard by the client',
    });
    await waitFor(() => items['stream:timecode-errors']!.some((e) => e.state === 'locked'), {
      what: 'the client locked',
    });
    let snap = await call('timecode:get', {});
    expect(snap.client.framesReceived).toBeGreaterThanOrEqual(10);
    expect(snap.targetErrors).toEqual({});

    const sent = await call('timecode:cue', {
      address: '/cue/video_tc',
      args: [{ type: 's', value: 'Intro video cue' }],
      withTimecode: true,
    });
    expect(sent.label).toMatch(/^00:00:\d\d:\d\d$/);
    await waitFor(() => (items['stream:cue-log']?.length ?? 0) > 0, { what: 'the cue logged' });
    const [logged] = items['stream:cue-log']!;
    expect(logged).toMatchObject({
      address: '/cue/video_tc',
      text: 'Intro video cue',
      senderLabel: sent.label,
      masterLabel: sent.label,
      diffFrames: 0,
      timetag: sent.timetag,
    });
    snap = await call('timecode:get', {});
    expect(snap.master.cuesReceived).toBe(1);
  });

  it('sends the pair through an impairment relay when the first target has one', async () => {
    const { call, items } = engine();
    await call('receiver:start', { port: 0 });
    const { jitterMs, loss } = NO_IMPAIRMENT;
    await call('timecode:update', {
      role: 'pair',
      targets: [
        { id: 'wifi', host: '127.0.0.1', port: 5006, impairment: { delayMs: 30, jitterMs, loss } },
      ],
    });
    await call('timecode:start', {});
    await waitFor(() => (items['stream:timecode-errors']?.length ?? 0) >= 5, {
      what: 'frames through the relay',
    });
    // A plain frame is heard (its instant: the arrival) the relay's delay after it was sent.
    const sentAt = new Map(
      (items['stream:timecode-frames'] ?? [])
        .filter((f) => f.role === 'master')
        .map((f) => [f.label, f.playMs]),
    );
    const heard = items['stream:timecode-errors']!.filter((e) => sentAt.has(e.label));
    expect(heard.length).toBeGreaterThan(0);
    for (const e of heard) expect(e.atMs - sentAt.get(e.label)!).toBeGreaterThanOrEqual(29);
  });
});
