import { afterEach, describe, expect, it } from 'vitest';
import type { MetronomeTargetView } from '../../../shared/ipc';
import { decodePacket } from '../../../shared/osc';
import { msToNtpUnits, ntpFromHex, ntpToHex, type NtpTime } from '../../../shared/osc/timetag';
import { createRelay } from '../network/relay/relay';
import { describeUdpError } from '../network/udp-errors';
import { createMetronomeDomain } from './metronome';
import { virtualContext } from './virtual-context.test-util';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const direct = { delayMs: 0, jitterMs: 0, loss: 0 };
const target = (id: string, port: number, over: Partial<MetronomeTargetView> = {}) => ({
  id,
  host: '127.0.0.1',
  port,
  address: '/tick',
  format: 'seed' as const,
  impairment: direct,
  ...over,
});

/** The metronome domain in virtual time; `send` records datagrams and fails for `failing` ports. */
function setup(options: { badRelays?: boolean } = {}) {
  const v = virtualContext();
  const sent: Array<{ atMs: number; port: number; timetag: NtpTime | null }> = [];
  const failing = new Set<number>();
  const domain = createMetronomeDomain(v.ctx, {
    send: async (bytes, host, port) => {
      if (failing.has(port)) {
        throw describeUdpError({ code: 'ENOTFOUND' }, { operation: 'send', host, port });
      }
      const p = decodePacket(bytes);
      sent.push({ atMs: v.clock.nowMs(), port, timetag: p.kind === 'bundle' ? p.timetag : null });
    },
    // A documentation address (RFC 5737) is on no interface here: binding it fails for real.
    createRelay: options.badRelays
      ? (o) => createRelay({ ...o, listenHost: '192.0.2.1' })
      : undefined,
  });
  cleanup.push(() => domain.dispose());
  const h = domain.handlers;
  const flush = () => new Promise((r) => setImmediate(r)); // lets send results settle
  return { ...v, h, sent, failing, flush };
}

describe('metronome domain (virtual time)', () => {
  it('sends beat 0 at start and stamps beat n with start + n x interval + F, exactly', async () => {
    const { clock, h, sent, last } = setup();
    await h['metronome:update']({ bpm: 120, offsetMs: 100, targets: [target('t1', 9000)] });
    const startNtp = clock.nowNtp();
    const started = await h['metronome:start']({});
    expect(started).toMatchObject({ isRunning: true, lastBeat: null });
    clock.advance(1200); // beats 0, 1, 2
    const F = msToNtpUnits(100);
    const half = (1n << 32n) / 2n; // 120 BPM: half a second
    expect(sent.map((s) => s.timetag)).toEqual([
      startNtp + F,
      startNtp + half + F,
      startNtp + 2n * half + F,
    ]);
    expect(last('metronome:changed')).toMatchObject({
      isRunning: true,
      counters: { beats: 3, packets: 3, sendErrors: 0 },
      lastBeat: { n: 2, accent: false, timetag: ntpToHex(startNtp + 2n * half + F) },
    });
    expect(ntpFromHex(last('metronome:changed')!.lastBeat!.timetag!)).toBe(sent[2]!.timetag);
  });

  it('applies an offset change from the next unsent beat', async () => {
    const { clock, h, sent } = setup();
    await h['metronome:update']({ bpm: 120, offsetMs: 100, targets: [target('t1', 9000)] });
    const startNtp = clock.nowNtp();
    await h['metronome:start']({});
    clock.advance(600); // beats 0 and 1 are out
    await h['metronome:update']({ offsetMs: 300 });
    clock.advance(500);
    expect(sent[2]!.timetag).toBe(startNtp + (1n << 32n) + msToNtpUnits(300));
  });

  it('answers a bad value with code invalid in plain words and keeps the settings', async () => {
    const { h } = setup();
    const before = await h['metronome:get']({});
    await expect(h['metronome:update']({ bpm: 500 })).rejects.toMatchObject({
      code: 'invalid',
      message: 'BPM must be between 20 and 300',
    });
    expect(await h['metronome:get']({})).toEqual(before);
  });

  it("shows a send error under the target's id, and clears it once that target sends fine", async () => {
    const { clock, h, failing, flush, last } = setup();
    await h['metronome:update']({ targets: [target('t1', 9000), target('t2', 9001)] });
    failing.add(9001);
    await h['metronome:start']({});
    clock.advance(0);
    await flush();
    expect(last('metronome:changed')!.targetErrors).toEqual({
      t2: 'Unknown host "127.0.0.1": check the spelling, or use an IP address such as 127.0.0.1.',
    });
    failing.delete(9001);
    clock.advance(600);
    await flush();
    expect(last('metronome:changed')!.targetErrors).toEqual({});
    expect(last('metronome:changed')!.counters.sendErrors).toBe(1);
  });

  it('forgets the error of a target that is removed', async () => {
    const { clock, h, failing, flush } = setup();
    await h['metronome:update']({ targets: [target('t1', 9000)] });
    failing.add(9000);
    await h['metronome:start']({});
    clock.advance(0);
    await flush();
    expect((await h['metronome:get']({})).targetErrors).toHaveProperty('t1');
    expect((await h['metronome:update']({ targets: [] })).targetErrors).toEqual({});
  });

  it('leaves out a target whose relay cannot start, saying why, and sends direct once it is unimpaired', async () => {
    const { clock, h, sent } = setup({ badRelays: true });
    const jittery = { delayMs: 20, jitterMs: 10, loss: 0 };
    const snap = await h['metronome:update']({
      targets: [target('t1', 9000), target('t2', 9001, { impairment: jittery })],
    });
    expect(snap.targetErrors).toEqual({
      t2: expect.stringMatching(/^The impairment relay could not start: The address 192\.0\.2\.1/),
    });
    await h['metronome:start']({});
    clock.advance(0);
    expect(sent.map((s) => s.port)).toEqual([9000]);
    const fixed = await h['metronome:update']({
      targets: [target('t1', 9000), target('t2', 9001)],
    });
    expect(fixed.targetErrors).toEqual({});
    clock.advance(600);
    expect(sent.map((s) => s.port)).toEqual([9000, 9000, 9001]);
  });

  it('stops: no beat after metronome:stop', async () => {
    const { clock, h, sent } = setup();
    await h['metronome:update']({ targets: [target('t1', 9000)] });
    await h['metronome:start']({});
    clock.advance(0);
    const stopped = await h['metronome:stop']({});
    expect(stopped).toMatchObject({ isRunning: false, counters: { beats: 1 } });
    clock.advance(5000);
    expect(sent).toHaveLength(1);
  });
});
