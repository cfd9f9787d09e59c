import { describe, expect, it } from 'vitest';
import { sendAddress, toPeer, type PeerContext } from './peer';

const ctx = (over: Partial<PeerContext> = {}): PeerContext => ({
  nowMs: 1_700_000_000_000,
  isOwnName: () => false,
  localAddresses: new Set(['127.0.0.1', '192.0.2.2']),
  ...over,
});
const txt = (...s: string[]): Buffer[] => s.map((x) => Buffer.from(x));

describe('a discovered service as a peer', () => {
  it('is a Syncroscope instance answering clock sync when its TXT says app=syncroscope and clock=1', () => {
    const peer = toPeer(
      {
        name: 'Syncroscope on studio (8000)',
        host: 'studio.local',
        port: 8000,
        addresses: ['198.51.100.7', 'fe80::1'],
        rawTxt: txt('app=syncroscope', 'v=1', 'role=listen', 'clock=1'),
      },
      ctx(),
    );
    expect(peer).toEqual({
      name: 'Syncroscope on studio (8000)',
      host: 'studio.local',
      addresses: ['198.51.100.7', 'fe80::1'],
      address: '198.51.100.7',
      port: 8000,
      txt: { app: 'syncroscope', role: 'listen', clock: '1' },
      isSyncroscope: true,
      answersClockSync: true,
      isSelf: false,
      lastSeenMs: 1_700_000_000_000,
    });
  });

  it('is a foreign OSC program with null TXT fields, whose clock key means nothing to us', () => {
    const peer = toPeer(
      {
        name: 'Zeroconf Peer',
        host: 'zc.local',
        port: 15999,
        addresses: ['198.51.100.8'],
        rawTxt: txt('clock=1'),
      },
      ctx(),
    );
    expect(peer?.isSyncroscope).toBe(false);
    expect(peer?.answersClockSync).toBe(false);
    expect(peer?.txt).toEqual({ app: null, role: null, clock: '1' });
  });

  it("is sent to on 127.0.0.1 when it runs on this computer, and marked as ours when it is this process's", () => {
    const peer = toPeer(
      { name: 'Syncroscope on vm (9000)', host: 'vm.local', port: 9000, addresses: ['192.0.2.2'] },
      ctx({ isOwnName: (n) => n === 'Syncroscope on vm (9000)' }),
    );
    expect(peer?.address).toBe('127.0.0.1');
    expect(peer?.isSelf).toBe(true);
  });

  it('falls back to the address its answer came from when it lists none', () => {
    const peer = toPeer(
      {
        name: 'bare',
        host: 'x.local',
        port: 9,
        addresses: [],
        referer: { address: '198.51.100.9' },
      },
      ctx(),
    );
    expect(peer?.addresses).toEqual(['198.51.100.9']);
    expect(peer?.address).toBe('198.51.100.9');
  });

  it('is nothing when the name or port is missing or nonsense', () => {
    for (const bad of [
      { host: 'h', port: 1 },
      { name: 'n', port: 70000 },
      { name: 'n', port: '80' },
      { name: 'n', port: 1.5 },
      { name: 42, port: 1 },
    ]) {
      expect(toPeer(bad, ctx())).toBeNull();
    }
  });

  it('prefers an IPv4 address, then any address, then the host name', () => {
    const none = new Set<string>();
    expect(sendAddress(['fe80::1', '198.51.100.1'], 'h.local', none)).toBe('198.51.100.1');
    expect(sendAddress(['fd00::5'], 'h.local', none)).toBe('fd00::5');
    expect(sendAddress([], 'h.local', none)).toBe('h.local');
  });
});
