import { describe, expect, it } from 'vitest';
import { createDiscovery, goodbyes } from './discovery';

describe('mDNS goodbyes', () => {
  it('name the _osc._udp instances whose PTR record a response withdraws (TTL 0)', () => {
    expect(
      goodbyes({
        answers: [
          { type: 'PTR', name: '_osc._udp.local', ttl: 0, data: 'Zeroconf Peer._osc._udp.local' },
          { type: 'PTR', name: '_osc._udp.local', ttl: 120, data: 'Still Here._osc._udp.local' },
          { type: 'PTR', name: '_http._tcp.local', ttl: 0, data: 'Web._http._tcp.local' },
          { type: 'SRV', name: 'X._osc._udp.local', ttl: 0, data: {} },
        ],
        additionals: [
          { type: 'PTR', name: '_OSC._udp.local', ttl: 0, data: 'Other._osc._udp.local' },
        ],
      }),
    ).toEqual(['Zeroconf Peer', 'Other']);
    expect(goodbyes({})).toEqual([]);
  });
});

describe('discovery without a usable network', () => {
  // An interface this computer does not have: the mDNS socket cannot bind, nothing is sent.
  it('says so in words, advertises and browses nothing, and never throws', async () => {
    const lines: string[] = [];
    const d = createDiscovery({
      log: (level, text) => lines.push(`${level}: ${text}`),
      mdns: { interface: '203.0.113.250' },
    });
    const ad = d.advertise({ port: 9999, role: 'app', answersClockSync: false });
    const browse = d.browse(() => {});
    await expect.poll(() => d.problem(), { timeout: 3000 }).toMatch(/mDNS is unavailable.*5353/);
    expect(lines.some((l) => l.startsWith('error: mDNS is unavailable'))).toBe(true);
    expect(ad.isPublished()).toBe(false);
    expect(browse.peers()).toEqual([]);
    browse.refresh();
    await d.dispose();
    await d.dispose(); // twice is fine
  });
});
