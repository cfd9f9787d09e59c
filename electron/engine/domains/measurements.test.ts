import { describe, expect, it } from 'vitest';
import { encodeBundle } from '../../../shared/osc';
import { ntpAddMs, ntpFromUnixMs, ntpToHex, ntpToUnixMs } from '../../../shared/osc/timetag';
import { encodeTick } from '../../../shared/model';
import { createTickReceiver } from '../receive/tick-receiver';
import { createMeasurementsDomain, PUSH_EVERY_MS } from './measurements';
import { virtualContext } from './virtual-context.test-util';

const from = { address: '127.0.0.1', port: 50_000 };

/** The measurements domain fed by a real tick receiver, in virtual time. */
function setup() {
  const v = virtualContext();
  const domain = createMeasurementsDomain(v.ctx);
  const rx = createTickReceiver({ clock: v.clock, scheduler: v.scheduler, port: 0, ...domain });
  const feed = (bytes: Uint8Array) => rx.handlePacket(bytes, from, v.clock.nowMs());
  return { ...v, h: domain.handlers, feed };
}

const extendedTick = (beat: number, tag: bigint, sentMs: number) =>
  encodeTick(
    '/tick',
    'extended',
    { beat, accent: beat % 4 === 0, sentNtp: ntpFromUnixMs(sentMs), mode: 'forward' },
    tag,
  );

describe('measurements domain (virtual time)', () => {
  it('announces a tick on arrival with its exact play time, ahead of it', () => {
    const { clock, streams, feed } = setup();
    const tag = ntpAddMs(clock.nowNtp(), 100) + 7n; // not on a whole microsecond
    feed(extendedTick(8, tag, clock.nowMs() - 2));
    expect(streams['stream:ticks']).toEqual([
      {
        playNtp: ntpToHex(tag),
        playMs: ntpToUnixMs(tag),
        arrivalMs: clock.nowMs(),
        leadMs: ntpToUnixMs(tag) - clock.nowMs(),
        classification: 'future',
        isLate: false,
        isDropped: false,
        accent: true,
        beat: 8,
        source: '127.0.0.1:50000',
        address: '/tick',
        mode: 'forward',
        clock: 'local',
        clockOffsetMs: null,
      },
    ]);
    expect(streams['stream:samples']).toBeUndefined(); // not due yet
  });

  it('turns each dispatch into a plot sample whose values are the statistics and CSV values', async () => {
    const { clock, streams, feed, h } = setup();
    const start = clock.nowMs();
    const arrivalsMs = [0, 497, 1004, 1500, 2003]; // beats every 500 ms, arriving with jitter
    for (const [beat, atMs] of arrivalsMs.entries()) {
      clock.advanceTo(start + atMs);
      feed(extendedTick(beat, ntpFromUnixMs(start + beat * 500 + 100), start + beat * 500));
    }
    clock.advance(200);
    const samples = streams['stream:samples']!;
    expect(samples).toHaveLength(5);
    expect(samples.map((s) => s.atMs)).toEqual(arrivalsMs.map((_, b) => start + b * 500 + 100));
    const arrival = samples.map((s) => s.arrivalIntervalErrorMs);
    expect(arrival[0]).toBeNull();
    expect(arrival.slice(1).map((x) => Number(x!.toFixed(6)))).toEqual([-3, 7, -4, 3]);
    const rows = (await h['measurements:csv']({})).csv.trim().split('\r\n').slice(1);
    const csv = rows.map((r) => r.split(','));
    samples.forEach((s, i) => {
      const cell = (k: number) => (csv[i]![k] === '' ? null : Number(csv[i]![k]));
      // dispatch_error_ms, arrival_interval_error_ms, output_interval_error_ms (TICK_CSV_HEADER)
      expect([s.dispatchErrorMs, s.arrivalIntervalErrorMs, s.outputIntervalErrorMs]).toEqual([
        cell(5),
        cell(6),
        cell(7),
      ]);
      expect(s.key).toBe('127.0.0.1:50000 /tick forward');
    });
    const snap = await h['measurements:get']({});
    expect(snap.streams[0]!.metrics.arrivalIntervalErrorMs.n).toBe(4);
    expect(snap.streams[0]!.counts).toEqual({
      ticks: 5,
      late: 0,
      dropped: 0,
      dispatched: 5,
      lost: 0,
      reordered: 0,
      duplicates: 0,
    });
  });

  it('pushes measurements:changed at most every 250 ms, with null where there is no value yet', () => {
    const { clock, states, feed } = setup();
    const t0 = clock.nowMs();
    for (let i = 0; i < 100; i++) {
      feed(
        encodeBundle(ntpAddMs(clock.nowNtp(), 50), [{ kind: 'message', address: '/pd', args: [] }]),
      );
      clock.advance(10); // 100 ticks a second
    }
    clock.advance(1000);
    const pushes = states['measurements:changed']!;
    // 200 ticks and dispatches over 1.05 s: a push at once, then one per 250 ms, the last one
    // carrying the final dispatches.
    expect(pushes.map((p) => p.atMs - t0)).toEqual(
      [0, 1, 2, 3, 4, 5].map((k) => k * PUSH_EVERY_MS),
    );
    expect(pushes[0]!.value.streams[0]!.metrics.arrivalIntervalErrorMs).toEqual({
      n: 0,
      mean: null,
      sd: null,
      min: null,
      max: null,
      p50: null,
      p95: null,
      p99: null,
    });
    expect(pushes.at(-1)!.value.streams[0]!.counts.dispatched).toBe(100);
  });

  it('resets to nothing, and names the CSV after the UTC time without colons', async () => {
    const { clock, feed, h, last } = setup();
    feed(
      encodeBundle(ntpAddMs(clock.nowNtp(), 50), [{ kind: 'message', address: '/tick', args: [] }]),
    );
    expect((await h['measurements:get']({})).streams).toHaveLength(1);
    expect(await h['measurements:reset']({})).toEqual({ streams: [], untrackedTicks: 0 });
    clock.advance(0);
    expect(last('measurements:changed')).toEqual({ streams: [], untrackedTicks: 0 });
    clock.advanceTo(Date.UTC(2026, 10, 20, 22, 50, 0, 999));
    expect((await h['measurements:csv']({})).filename).toBe(
      'syncroscope-ticks-2026-11-20T22-50-00Z.csv',
    );
  });
});
