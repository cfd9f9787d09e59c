/**
 * The workshop loop end to end in the real engine thread over real UDP: the metronome sends
 * forward-synced ticks to the engine's own receiver (directly, and through a per-target relay),
 * and the host sees each tick ahead of its play time, then its sample and the statistics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractEvent, MetronomeSnapshot, MetronomeTargetView } from '../../../shared/ipc';
import { ntpFromHex, ntpToUnixMs } from '../../../shared/osc/timetag';
import { summarize } from '../../../shared/stats/summary';
import { createSystemClock } from '../time/clock';
import { beatsToNtpUnits } from '../../../shared/model';
import { waitFor } from '../testing/wait-for';
import { createEngineThread, type EngineThread } from './engine-thread';

const BPM = 300; // a beat every 200 ms
const F_MS = 250; // more than a beat: a tick still due proves the next beat was not sent
const clock = createSystemClock();

// One real worker for the file: starting one compiles the engine with tsx (seconds on a busy box).
let engine: EngineThread;
let port: number;
/** Every pushed event, stamped with when it reached this (the host's) thread. */
const events: Array<{ hostMs: number; event: ContractEvent }> = [];
beforeAll(async () => {
  engine = await createEngineThread({ log: () => {} });
  engine.onEvent((event) => events.push({ hostMs: clock.nowMs(), event }));
  const r = await engine.invoke('receiver:start', { port: 0 });
  if (!r.ok || r.value.receiver.status !== 'listening') throw new Error(JSON.stringify(r));
  port = r.value.receiver.port;
});
afterAll(() => engine?.dispose());

/** Waits until `find` finds something (not undefined or false) and returns it. */
async function until<T>(find: () => T | undefined | false, what: string): Promise<T> {
  let found: T | undefined | false;
  await waitFor(() => (found = find()) !== undefined && found !== false, {
    timeoutMs: 10_000,
    what,
  });
  return found as T;
}

const ticks = (address: string) =>
  events.flatMap(({ hostMs, event }) =>
    event.channel === 'stream:ticks'
      ? event.payload.items.filter((t) => t.address === address).map((t) => ({ ...t, hostMs }))
      : [],
  );
const samples = () =>
  events.flatMap(({ event }) => (event.channel === 'stream:samples' ? event.payload.items : []));
const states = <C extends 'metronome:changed' | 'measurements:changed'>(channel: C) =>
  events.flatMap(({ event }) =>
    event.channel === channel
      ? [event.payload as Extract<ContractEvent, { channel: C }>['payload']]
      : [],
  );

const target = (
  id: string,
  address: string,
  impairment = { delayMs: 0, jitterMs: 0, loss: 0 },
): MetronomeTargetView => ({
  id,
  host: '127.0.0.1',
  port,
  address,
  format: 'extended',
  impairment,
});

describe('forward sync through the engine thread (real UDP)', () => {
  it('delivers each tick ahead of its play time with the exact timetag the metronome sent', async () => {
    const updated = await engine.invoke('metronome:update', {
      mode: 'forward',
      bpm: BPM,
      offsetMs: F_MS,
      targets: [target('local', '/tick')],
    });
    expect(updated).toMatchObject({ ok: true, value: { isRunning: false } });
    expect(await engine.invoke('metronome:start', {})).toMatchObject({
      ok: true,
      value: { isRunning: true },
    });
    const first = await until(
      () => ticks('/tick').length >= 4 && ticks('/tick').slice(0, 4),
      'four ticks',
    );
    for (const t of first) {
      expect(t).toMatchObject({ classification: 'future', mode: 'forward', isLate: false });
      expect(t.hostMs).toBeLessThan(t.playMs); // reached the host before it is to be played
      expect(ntpToUnixMs(ntpFromHex(t.playNtp))).toBe(t.playMs);
      expect(t.accent).toBe(t.beat! % 4 === 0); // accentEvery 4, as the defaults say
    }
    expect(first[0]!.beat).toBe(0);
    // The play times are the beat grid plus F to the 2^-32 s: beat k - beat 0 = k beats, exactly.
    // (A beat a stalled machine had to skip would keep its number: the check still holds.)
    const t0 = ntpFromHex(first[0]!.playNtp);
    for (const t of first) {
      const beats = BigInt(t.beat!);
      expect(ntpFromHex(t.playNtp) - t0).toBe(beatsToNtpUnits(beats, BigInt(BPM * 1000)));
    }
    // ...and exactly the timetag the metronome reports having sent for that beat.
    const sent = await until(
      () => states('metronome:changed').find((s) => s.lastBeat && s.lastBeat.n === first[2]!.beat),
      'the metronome state after that beat',
    );
    expect(sent.lastBeat!.timetag).toBe(first[2]!.playNtp);
  });

  it('then measures each dispatched tick: samples for the plot, coalesced statistics', async () => {
    const key = await until(() => samples()[0]?.key, 'a sample');
    expect(key).toMatch(/^127\.0\.0\.1:\d+ \/tick forward$/);
    const ofKey = () => samples().filter((s) => s.key === key);
    const own = await until(() => ofKey().length >= 3 && ofKey(), 'three samples of that stream');
    expect(own[0]).toMatchObject({ isLate: false, arrivalIntervalErrorMs: null });
    for (const s of own.slice(0, 3)) expect(s.dispatchErrorMs).toBeGreaterThanOrEqual(0);
    const stats = await until(
      () =>
        states('measurements:changed')
          .flatMap((m) => m.streams)
          .find((s) => s.key === key && s.counts.dispatched >= 3),
      'statistics of three dispatched ticks',
    );
    expect(stats.metrics.leadMs.n).toBeGreaterThanOrEqual(3);
    expect(stats.metrics.leadMs.sd).not.toBeNull();
    expect(stats.metrics.outputIntervalErrorMs.n).toBeGreaterThanOrEqual(1);
  });

  it('puts an impaired target behind its own relay: its ticks come later, by a scattered delay', async () => {
    const r = await engine.invoke('metronome:update', {
      targets: [
        target('local', '/tick'),
        target('wifi', '/pd', { delayMs: 20, jitterMs: 10, loss: 0 }),
      ],
    });
    expect(r).toMatchObject({ ok: true, value: { isRunning: true, targetErrors: {} } });
    const relayed = await until(
      () => ticks('/pd').length >= 10 && ticks('/pd').slice(0, 10),
      'ten relayed ticks',
    );
    const direct = new Map(ticks('/tick').map((t) => [t.beat, t]));
    expect(new Set(relayed.map((t) => t.source)).size).toBe(1);
    expect(relayed[0]!.source).not.toBe(direct.get(relayed[0]!.beat)!.source); // the relay sent it
    for (const t of relayed) expect(t.hostMs).toBeLessThan(t.playMs); // F still covers it
    // Both targets get each beat at the same moment, so the lead lost per beat is the relay's
    // added delay alone (20 ms mean, 10 ms sd, seeded), whatever the machine's load did to sending.
    const addedMs = relayed.map((t) => direct.get(t.beat)!.leadMs! - t.leadMs!);
    const added = summarize(addedMs);
    expect(added.mean).toBeGreaterThan(10);
    expect(added.mean).toBeLessThan(30);
    expect(added.sd).toBeGreaterThan(4);
  });

  it('answers a bad update in plain words and keeps running as it was', async () => {
    expect(await engine.invoke('metronome:update', { bpm: 500 })).toEqual({
      ok: false,
      error: {
        code: 'invalid',
        message: 'Invalid "metronome:update" request: BPM must be between 20 and 300 at bpm',
        field: ['bpm'],
      },
    });
    expect(await engine.invoke('metronome:get', {})).toMatchObject({
      ok: true,
      value: { isRunning: true, settings: { bpm: BPM } },
    });
  });

  it('stops: no beat after the one metronome:stop reports last', async () => {
    const r = await engine.invoke('metronome:stop', {});
    if (!r.ok) throw new Error(JSON.stringify(r));
    const stopped: MetronomeSnapshot = r.value;
    expect(stopped.isRunning).toBe(false);
    const lastN = stopped.lastBeat!.n;
    const last = await until(() => ticks('/tick').find((t) => t.beat === lastN), 'the last tick');
    // Its sample comes at its play time, F = 250 ms after its beat: a running metronome would
    // have sent the next beat 50 ms before that.
    await until(() => samples().some((s) => s.atMs === last.playMs), "the last tick's sample");
    expect(ticks('/tick').filter((t) => t.beat! > lastN)).toEqual([]);
    expect(await engine.invoke('metronome:get', {})).toMatchObject({
      ok: true,
      value: { isRunning: false, counters: { beats: stopped.counters.beats } },
    });
  });
});
