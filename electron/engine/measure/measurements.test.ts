import { describe, expect, it } from 'vitest';
import {
  ntpAddMs,
  ntpFromUnixMs,
  ntpToHex,
  ntpToUnixMs,
  type NtpTime,
} from '../../../shared/osc/timetag';
import type { TickDispatch, TickEvent } from '../receive/tick-receiver';
import { createMeasurements } from './measurements';
import { TICK_CSV_HEADER } from './event-log';

const T0_MS = Date.UTC(2026, 10, 20, 12);
const T0 = ntpFromUnixMs(T0_MS);
const src = { address: '127.0.0.1', port: 5000 };

/** A tick event as the receiver would make it; `tagMs` is the timetag relative to T0. */
function tick(o: {
  arrivalMs: number;
  tagMs?: number;
  beat?: number;
  sentMs?: number;
  source?: typeof src;
  address?: string;
  mode?: TickEvent['mode'];
  isDropped?: boolean;
  /** The offset clock sync took off the sender's timetag (its clock minus ours). */
  clockOffsetMs?: number;
}): TickEvent {
  const timetag: NtpTime | null = o.tagMs === undefined ? null : ntpAddMs(T0, o.tagMs);
  const arrivalMs = T0_MS + o.arrivalMs;
  const playAtMs = timetag === null ? arrivalMs : ntpToUnixMs(timetag);
  const leadMs = timetag === null ? null : playAtMs - arrivalMs;
  const isLate = leadMs !== null && leadMs <= 0;
  const ev: TickEvent = {
    playAtNtp: timetag ?? ntpFromUnixMs(arrivalMs),
    playAtMs,
    arrivalMs,
    timetag,
    leadMs,
    classification: leadMs === null ? 'immediate' : isLate ? 'late' : 'future',
    isLate,
    isDropped: o.isDropped ?? false,
    source: o.source ?? src,
    address: o.address ?? '/tick',
    mode: o.mode ?? (timetag === null ? 'immediate' : 'forward'),
    format: o.beat === undefined ? 'seed' : 'extended',
  };
  if (o.beat !== undefined) ev.beat = o.beat;
  if (o.sentMs !== undefined) ev.sentMs = T0_MS + o.sentMs;
  if (o.clockOffsetMs !== undefined) {
    ev.clock = 'peer';
    ev.clockOffsetMs = o.clockOffsetMs;
  }
  return ev;
}

const due = (ev: TickEvent, dispatchedRelMs: number): TickDispatch => {
  const dispatchedMs = T0_MS + dispatchedRelMs;
  return {
    targetMs: ev.playAtMs,
    dispatchedMs,
    errorMs: dispatchedMs - ev.playAtMs,
    isLate: ev.isLate,
  };
};

describe('tick measurements', () => {
  it('measures arrival lead and inter-arrival interval error against the timetags', () => {
    const m = createMeasurements({ capacity: 100 });
    // Forward mode: timetags 500 ms apart, F = 100; the network adds 2, 5, 1 ms.
    m.recordTick(tick({ arrivalMs: 2, tagMs: 100 }));
    m.recordTick(tick({ arrivalMs: 505, tagMs: 600 }));
    m.recordTick(tick({ arrivalMs: 1001, tagMs: 1100 }));
    const [s] = m.summary().streams;
    expect(s!.metrics.leadMs.mean).toBeCloseTo((98 + 95 + 99) / 3, 6);
    expect(s!.metrics.leadMs.min).toBeCloseTo(95, 6);
    expect([...m.values('arrivalIntervalErrorMs', s!.key)].map((v) => +v.toFixed(6))).toEqual([
      3, -4,
    ]);
  });

  it('starts the interval measurements over when the sender is read in another clock', () => {
    const m = createMeasurements({ capacity: 100 });
    // Timetags 500 ms apart in the sender's clock; from the third on, clock sync takes its
    // 250 ms lead off them, so in our clock that step is 250 ms short: not the network's doing.
    m.recordTick(tick({ arrivalMs: 2, tagMs: 100 }));
    m.recordTick(tick({ arrivalMs: 503, tagMs: 600 }));
    m.recordTick(tick({ arrivalMs: 1001, tagMs: 1100 - 250, clockOffsetMs: 250 }));
    m.recordTick(tick({ arrivalMs: 1504, tagMs: 1600 - 250, clockOffsetMs: 250.2 }));
    const [s] = m.summary().streams;
    expect([...m.values('arrivalIntervalErrorMs', s!.key)].map((v) => +v.toFixed(6))).toEqual([
      1, 3,
    ]);
  });

  it('measures dispatch error and the output (inter-onset) interval error of dispatched ticks', () => {
    const m = createMeasurements({ capacity: 100 });
    const evs = [0, 1, 2].map((i) => tick({ arrivalMs: i * 500, tagMs: i * 500 + 100 }));
    for (const ev of evs) m.recordTick(ev);
    m.recordDue(evs[0]!, due(evs[0]!, 100.02));
    m.recordDue(evs[1]!, due(evs[1]!, 600.05));
    m.recordDue(evs[2]!, due(evs[2]!, 1100.01));
    const [s] = m.summary().streams;
    // Unix ms as doubles resolve ~0.25 us in this era: compare to the microsecond.
    const dispatch = [...m.values('dispatchErrorMs', s!.key)].map((v) => +v.toFixed(3));
    const output = [...m.values('outputIntervalErrorMs', s!.key)].map((v) => +v.toFixed(3));
    expect(dispatch).toEqual([0.02, 0.05, 0.01]);
    expect(output).toEqual([0.03, -0.04]);
    expect(s!.counts.dispatched).toBe(3);
  });

  it('hands each dispatched tick its own interval errors for the live plot, null when untracked', () => {
    const m = createMeasurements({ capacity: 100, maxStreams: 1 });
    const evs = [0, 1].map((i) => tick({ arrivalMs: i * 500 + 3 * i, tagMs: i * 500 + 100 }));
    for (const ev of evs) m.recordTick(ev);
    expect(m.recordDue(evs[0]!, due(evs[0]!, 100))).toMatchObject({ outputIntervalErrorMs: null });
    const second = m.recordDue(evs[1]!, due(evs[1]!, 600.25))!;
    expect(second.key).toBe(m.summary().streams[0]!.key);
    expect(second.outputIntervalErrorMs).toBeCloseTo(0.25, 6);
    expect(second.arrivalIntervalErrorMs).toBeCloseTo(3, 6);
    const other = tick({ arrivalMs: 0, tagMs: 100, address: '/other' });
    m.recordTick(other);
    expect(m.recordDue(other, due(other, 100))).toBeNull();
  });

  it('uses the median interval as nominal for plain ticks without timetags or beat numbers', () => {
    const m = createMeasurements({ capacity: 100 });
    for (const a of [0, 500, 1000, 1510, 2000]) m.recordTick(tick({ arrivalMs: a }));
    const [s] = m.summary().streams;
    expect([...m.values('arrivalIntervalErrorMs', s!.key)]).toEqual([0, 0, 10, -10]);
    expect(s!.metrics.leadMs.n).toBe(0); // no timetag, no lead
  });

  it('counts lost, reordered and duplicate ticks from beat numbers', () => {
    const m = createMeasurements({ capacity: 100 });
    const beats = [0, 1, 3, 2, 5, 5, 6];
    beats.forEach((b, i) => m.recordTick(tick({ arrivalMs: i * 500, beat: b, sentMs: b * 500 })));
    const [s] = m.summary().streams;
    expect(s!.counts).toMatchObject({ ticks: 7, lost: 1, reordered: 1, duplicates: 1 });
    // The reordered and the duplicate tick measure no arrival interval: 7 ticks, 4 intervals.
    expect(s!.metrics.arrivalIntervalErrorMs.n).toBe(4);
  });

  it('keeps streams apart by source, address and mode, and counts late and dropped ticks', () => {
    const m = createMeasurements({ capacity: 100 });
    m.recordTick(tick({ arrivalMs: 0, tagMs: 100 }));
    m.recordTick(tick({ arrivalMs: 0, tagMs: -5, isDropped: true }));
    m.recordTick(tick({ arrivalMs: 0 }));
    m.recordTick(tick({ arrivalMs: 0, source: { address: '::1', port: 9 } }));
    const streams = m.summary().streams;
    expect(streams.map((s) => s.key)).toEqual([
      '127.0.0.1:5000 /tick forward',
      '127.0.0.1:5000 /tick immediate',
      '[::1]:9 /tick immediate',
    ]);
    expect(streams[0]!.counts).toMatchObject({ ticks: 2, late: 1, dropped: 1 });
  });

  it('holds bounded memory: at most `capacity` values per metric and `eventCapacity` rows', () => {
    const m = createMeasurements({ capacity: 4, eventCapacity: 3 });
    for (let i = 0; i < 50; i++) m.recordTick(tick({ arrivalMs: i * 500, tagMs: i * 500 + 100 }));
    const [s] = m.summary().streams;
    expect(s!.metrics.leadMs.n).toBe(4);
    expect(s!.counts.ticks).toBe(50);
    const rows = m.toCsv().trimEnd().split('\r\n');
    expect(rows).toHaveLength(1 + 3);
    expect(rows.at(-1)!.startsWith(String(T0_MS + 49 * 500))).toBe(true); // the newest rows are kept
  });

  it('counts but does not measure ticks from more than maxStreams streams', () => {
    const m = createMeasurements({ capacity: 10, maxStreams: 2 });
    for (let p = 1; p <= 5; p++)
      m.recordTick(tick({ arrivalMs: 0, source: { address: '10.0.0.1', port: p } }));
    expect(m.summary().streams).toHaveLength(2);
    expect(m.summary().untrackedTicks).toBe(3);
  });

  it('draws a histogram of a metric in 0.1 ms bins over +-50 ms', () => {
    const m = createMeasurements({ capacity: 100 });
    const evs = [0, 1, 2, 3].map((i) => tick({ arrivalMs: i * 500, tagMs: i * 500 + 100 }));
    evs.forEach((ev) => m.recordTick(ev));
    [0.05, 0.15, 0.17, 80].forEach((err, i) =>
      m.recordDue(evs[i]!, due(evs[i]!, i * 500 + 100 + err)),
    );
    const h = m.histogram('dispatchErrorMs');
    expect(h.counts[500]).toBe(1);
    expect(h.counts[501]).toBe(2);
    expect(h.overflow).toBe(1);
    expect(h.total).toBe(4);
  });

  it('exports the raw events as CSV with a header, exact timetags in hex and escaped fields', () => {
    const m = createMeasurements({ capacity: 10 });
    const a = tick({ arrivalMs: 1.5, tagMs: 100, beat: 7, sentMs: 0 });
    m.recordTick(a);
    m.recordTick(tick({ arrivalMs: 2, address: '/odd,"name"' }));
    m.recordDue(a, due(a, 100.25));
    const [header, first, second, end] = m.toCsv().split('\r\n');
    expect(header).toBe(TICK_CSV_HEADER.join(','));
    expect(first!.split(',')).toEqual([
      String(T0_MS + 1.5),
      ntpToHex(ntpAddMs(T0, 100)),
      String(T0_MS + 100),
      '98.5',
      String(T0_MS + 100.25),
      '0.25',
      '',
      '',
      '0',
      '0',
      '127.0.0.1:5000',
      '/tick',
      'forward',
      '7',
      '',
      String(T0_MS),
    ]);
    expect(second).toContain(',"/odd,""name""",immediate,');
    expect(end).toBe('');
  });

  it('forgets everything on reset', () => {
    const m = createMeasurements({ capacity: 10 });
    m.recordTick(tick({ arrivalMs: 0 }));
    m.reset();
    expect(m.summary().streams).toEqual([]);
    expect(m.toCsv()).toBe(`${TICK_CSV_HEADER.join(',')}\r\n`);
  });
});
