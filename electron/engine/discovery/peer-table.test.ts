import { describe, expect, it } from 'vitest';
import type { PeerView } from '../../../shared/ipc';
import { createPeerTable } from './peer-table';

const peer = (name: string, lastSeenMs: number, port = 8000): PeerView => ({
  name,
  host: 'h.local',
  addresses: ['198.51.100.1'],
  address: '198.51.100.1',
  port,
  txt: { app: null, role: null, clock: null },
  isSyncroscope: false,
  answersClockSync: false,
  isSelf: false,
  lastSeenMs,
});

describe('the peer table', () => {
  it('reports a change for a new peer or a changed one, not for one that is only seen again', () => {
    const t = createPeerTable();
    expect(t.upsert(peer('a', 1))).toBe(true);
    expect(t.upsert(peer('a', 2))).toBe(false);
    expect(t.list()[0]?.lastSeenMs).toBe(2); // the time is still kept
    expect(t.upsert(peer('a', 3, 9000))).toBe(true);
  });

  it('lists peers sorted by name, one per name whatever its case', () => {
    const t = createPeerTable();
    t.upsert(peer('beta', 1));
    t.upsert(peer('Alpha', 1));
    t.upsert(peer('alpha', 2));
    expect(t.list().map((p) => p.name)).toEqual(['alpha', 'beta']);
  });

  it('removes a peer that said goodbye', () => {
    const t = createPeerTable();
    t.upsert(peer('a', 1));
    expect(t.remove('A')).toBe(true);
    expect(t.remove('a')).toBe(false);
    expect(t.list()).toEqual([]);
  });

  it('drops peers not seen since the given time and keeps the rest', () => {
    const t = createPeerTable();
    t.upsert(peer('old', 100));
    t.upsert(peer('new', 200));
    expect(t.expire(150)).toBe(true);
    expect(t.list().map((p) => p.name)).toEqual(['new']);
    expect(t.expire(150)).toBe(false);
  });

  it('holds at most its limit of peers, ignoring new ones beyond it but refreshing known ones', () => {
    const t = createPeerTable(2);
    t.upsert(peer('a', 1));
    t.upsert(peer('b', 1));
    expect(t.upsert(peer('c', 1))).toBe(false);
    expect(t.upsert(peer('a', 5, 9))).toBe(true);
    expect(t.list().map((p) => p.name)).toEqual(['a', 'b']);
  });
});
