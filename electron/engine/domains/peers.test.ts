import { describe, expect, it } from 'vitest';
import type { PeerView } from '../../../shared/ipc';
import { virtualContext } from './virtual-context.test-util';
import type { Advertisement, Discovery } from '../discovery/discovery';
import { createPeersDomain } from './peers';

/** A discovery that records what it was asked to advertise (the real one is tested against zeroconf). */
function fakeDiscovery(problem: string | null = null) {
  const live: Advertisement[] = [];
  const ended: Advertisement[] = [];
  let onChange: ((peers: PeerView[]) => void) | null = null;
  let isBrowsing = false;
  const discovery: Discovery = {
    advertise(ad, onPublished) {
      live.push(ad);
      queueMicrotask(() => onPublished?.());
      return {
        name: `Syncroscope on test (${ad.port})`,
        isPublished: () => live.includes(ad),
        async dispose() {
          live.splice(live.indexOf(ad), 1);
          ended.push(ad);
        },
      };
    },
    browse(listener) {
      onChange = listener;
      isBrowsing = true;
      return { peers: () => [], refresh() {}, dispose: () => void (isBrowsing = false) };
    },
    problem: () => problem,
    dispose: async () => {},
  };
  return {
    discovery,
    live,
    ended,
    emit: (p: PeerView[]) => onChange?.(p),
    isBrowsing: () => isBrowsing,
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

const zeroconfPeer: PeerView = {
  name: 'Zeroconf Peer',
  host: 'zc.local',
  addresses: ['198.51.100.8'],
  address: '198.51.100.8',
  port: 15999,
  txt: { app: null, role: null, clock: null },
  isSyncroscope: false,
  answersClockSync: false,
  isSelf: false,
  lastSeenMs: 1,
};

describe('the peers domain', () => {
  it('advertises the receiver while it listens, follows a port change and withdraws on stop', async () => {
    const { ctx } = virtualContext();
    const fake = fakeDiscovery();
    const peers = createPeersDomain(ctx, {
      discovery: fake.discovery,
      answersClockSync: () => true,
    });
    peers.onListening({ host: '0.0.0.0', port: 8000 });
    await settle();
    expect(fake.live).toEqual([{ port: 8000, role: 'app', answersClockSync: true }]);
    peers.onListening({ host: '0.0.0.0', port: 8000 }); // a restart on the same port: no churn
    peers.onListening({ host: '0.0.0.0', port: 8001 });
    await settle();
    expect(fake.live.map((a) => a.port)).toEqual([8001]);
    expect(fake.ended.map((a) => a.port)).toEqual([8000]);
    peers.onListening(null);
    await settle();
    expect(fake.live).toEqual([]);
    expect((await peers.handlers['peers:get']({})).isAdvertising).toBe(false);
  });

  it('stops and resumes advertising on peers:advertise, answering the new snapshot', async () => {
    const { ctx } = virtualContext();
    const fake = fakeDiscovery();
    const peers = createPeersDomain(ctx, {
      discovery: fake.discovery,
      answersClockSync: () => false,
    });
    peers.onListening({ host: '0.0.0.0', port: 9000 });
    const off = await peers.handlers['peers:advertise']({ enabled: false });
    expect(off).toMatchObject({
      isAdvertisingEnabled: false,
      isAdvertising: false,
      advertisedName: null,
    });
    expect(fake.live).toEqual([]);
    const on = await peers.handlers['peers:advertise']({ enabled: true });
    expect(on).toMatchObject({
      isAdvertisingEnabled: true,
      isAdvertising: true,
      advertisedName: 'Syncroscope on test (9000)',
    });
  });

  it('pushes peers:changed with the browsed list, and withdraws everything on dispose', async () => {
    const { ctx, last } = virtualContext();
    const fake = fakeDiscovery();
    const peers = createPeersDomain(ctx, {
      discovery: fake.discovery,
      answersClockSync: () => false,
    });
    expect(fake.isBrowsing()).toBe(true);
    fake.emit([zeroconfPeer]);
    expect(last('peers:changed')?.peers).toEqual([zeroconfPeer]);
    peers.onListening({ host: '127.0.0.1', port: 9100 });
    await peers.dispose();
    expect(fake.live).toEqual([]);
    expect(fake.isBrowsing()).toBe(false);
  });

  it('says in the log that a loopback-only receiver is advertised to this computer only', async () => {
    const { ctx, logs } = virtualContext();
    const peers = createPeersDomain(ctx, {
      discovery: fakeDiscovery().discovery,
      answersClockSync: () => false,
    });
    peers.onListening({ host: '127.0.0.1', port: 9200 });
    await settle();
    expect(logs.join('\n')).toMatch(/127\.0\.0\.1 only.*0\.0\.0\.0/);
  });

  it('without a discovery is unavailable, never advertises and still answers', async () => {
    const { ctx } = virtualContext();
    const peers = createPeersDomain(ctx, { discovery: null, answersClockSync: () => false });
    peers.onListening({ host: '0.0.0.0', port: 8000 });
    expect(await peers.handlers['peers:advertise']({ enabled: true })).toEqual({
      isAvailable: false,
      isAdvertisingEnabled: true,
      isAdvertising: false,
      advertisedName: null,
      problem: null,
      peers: [],
    });
  });

  it("reports mDNS's problem in words and as unavailable", async () => {
    const { ctx } = virtualContext();
    const problem = 'mDNS is unavailable here: could not open UDP port 5353';
    const peers = createPeersDomain(ctx, {
      discovery: fakeDiscovery(problem).discovery,
      answersClockSync: () => false,
    });
    expect(await peers.handlers['peers:get']({})).toMatchObject({ isAvailable: false, problem });
  });
});
