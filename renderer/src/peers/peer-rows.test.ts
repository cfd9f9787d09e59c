import { describe, expect, it } from 'vitest';
import { syncErrorOf, verdictFor } from './feasibility';
import {
  clockSnapshot,
  discovered,
  measurementsOf,
  peerClock,
  peersSnapshot,
  stream,
} from './peer-fixtures.test-util';
import { peerRows, splitSource } from './peer-rows';

describe('the peer rows', () => {
  it('give a discovered peer the clock measured on the socket it sends from, by its address', () => {
    const rows = peerRows(
      peersSnapshot([discovered()]),
      clockSnapshot([peerClock('192.168.1.20:53211', { offsetMs: 12.5 })]),
      measurementsOf([stream('192.168.1.20:53211', 2.5), stream('10.0.0.9:4000', 9)]),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      key: '192.168.1.20:8000',
      name: 'Syncroscope on studio (8000)',
      role: 'metronome',
      isDiscovered: true,
      jitterMs: 2.5,
      streams: 1,
    });
    expect(rows[0]!.clock?.offsetMs).toBe(12.5);
  });

  it('prefer the clock at the very address:port, then a converged one over a stale one', () => {
    const exact = peerRows(
      peersSnapshot([discovered()]),
      clockSnapshot([peerClock('192.168.1.20:1'), peerClock('192.168.1.20:8000', { offsetMs: 1 })]),
      null,
    );
    expect(exact[0]!.clock?.offsetMs).toBe(1);
    const best = peerRows(
      peersSnapshot([discovered()]),
      clockSnapshot([
        peerClock('192.168.1.20:1', { state: 'stale', errorBoundMs: 0.1, offsetMs: 9 }),
        peerClock('192.168.1.20:2', { offsetMs: 2 }),
      ]),
      null,
    );
    expect(best[0]!.clock?.offsetMs).toBe(2);
  });

  it('list a peer only heard from, and leave out this engine’s own advertisement', () => {
    const rows = peerRows(
      peersSnapshot([discovered({ isSelf: true, address: '127.0.0.1' })]),
      clockSnapshot([peerClock('[fe80::2]:9000', { state: 'no-answer', offsetMs: null })]),
      measurementsOf([stream('[fe80::2]:9000', 4)]),
    );
    expect(
      rows.map((r) => [r.key, r.name, r.isDiscovered, r.answersClockSync, r.jitterMs]),
    ).toEqual([['[fe80::2]:9000', null, false, false, 4]]);
  });

  it('split sources of both address families', () => {
    expect(splitSource('1.2.3.4:5')).toEqual({ address: '1.2.3.4', port: 5 });
    expect(splitSource('[::1]:8000')).toEqual({ address: '::1', port: 8000 });
    expect(splitSource('nonsense')).toBeNull();
  });
});

describe('the feasibility verdict', () => {
  it('says forward sync removes jitter only when the sync error is below the jitter', () => {
    expect(verdictFor(0.7, 2.5)).toMatchObject({ kind: 'yes' });
    expect(verdictFor(0.7, 2.5).text).toMatch(/will remove jitter.*±0\.7 ms.*jitters 2\.5 ms/);
    const no = verdictFor(3, 0.4);
    expect(no.kind).toBe('no');
    expect(no.text).toMatch(/agree to ±3\.0 ms but the network jitters only 0\.4 ms/);
    expect(no.text).toMatch(/NTP/);
    expect(no.text).toMatch(/wired network/);
    expect(verdictFor(2, 2).kind).toBe('no');
  });

  it('cannot judge without a measured clock or without ticks', () => {
    expect(verdictFor(null, 3)).toMatchObject({ kind: 'unknown' });
    expect(verdictFor(null, 3).text).toMatch(/not measured/);
    expect(verdictFor(0.5, null).text).toMatch(/No ticks from it yet/);
  });

  it('takes a peer on this computer that is not measured as one clock', () => {
    expect(syncErrorOf({ clock: null, isLocal: true })).toBe(0);
    expect(syncErrorOf({ clock: null, isLocal: false })).toBeNull();
    expect(
      syncErrorOf({ clock: peerClock('1.2.3.4:5', { state: 'no-answer' }), isLocal: false }),
    ).toBeNull();
    expect(
      syncErrorOf({ clock: peerClock('127.0.0.1:5', { errorBoundMs: 0.3 }), isLocal: true }),
    ).toBe(0.3);
  });
});
