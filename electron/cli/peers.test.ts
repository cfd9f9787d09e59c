import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { PeerView } from '../../shared/ipc';
import { main } from './main';
import { peerJson, peerTable } from './peers';

const peer = (over: Partial<PeerView>): PeerView => ({
  name: 'Syncroscope on studio (8000)',
  host: 'studio.local',
  addresses: ['198.51.100.7'],
  address: '198.51.100.7',
  port: 8000,
  txt: { app: 'syncroscope', role: 'listen', clock: '1' },
  isSyncroscope: true,
  answersClockSync: true,
  isSelf: false,
  lastSeenMs: 0,
  ...over,
});

async function runCli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const collect = () => {
    const s = new PassThrough();
    const chunks: string[] = [];
    s.on('data', (d: Buffer) => chunks.push(d.toString()));
    return { s, text: () => chunks.join('') };
  };
  const [out, err] = [collect(), collect()];
  const code = await main(argv, new AbortController().signal, out.s, err.s);
  return { code, out: out.text(), err: err.text() };
}

describe('syncroscope peers', () => {
  it('prints a table with where to send, host, app, role and clock sync, "-" for what a peer lacks', () => {
    const lines = peerTable([
      peer({}),
      peer({
        name: 'Zeroconf Peer',
        host: 'zc.local',
        address: 'fd00::5',
        port: 15999,
        txt: { app: null, role: null, clock: null },
        isSyncroscope: false,
        answersClockSync: false,
      }),
    ]);
    expect(lines[0]).toMatch(/^NAME\s+SEND TO\s+HOST\s+APP\s+ROLE\s+CLOCK SYNC$/);
    expect(lines[1]).toMatch(
      /^Syncroscope on studio \(8000\)\s+198\.51\.100\.7:8000\s+studio\.local\s+syncroscope\s+listen\s+yes$/,
    );
    expect(lines[2]).toMatch(/^Zeroconf Peer\s+\[fd00::5\]:15999\s+zc\.local\s+-\s+-\s+no$/);
    // The columns line up.
    expect(lines[1]!.indexOf('198.51')).toBe(lines[0]!.indexOf('SEND TO'));
  });

  it('prints one JSON object per peer with snake_case keys, like listen --json', () => {
    expect(JSON.parse(peerJson(peer({ isSelf: true })))).toEqual({
      name: 'Syncroscope on studio (8000)',
      host: 'studio.local',
      address: '198.51.100.7',
      addresses: ['198.51.100.7'],
      port: 8000,
      app: 'syncroscope',
      role: 'listen',
      answers_clock_sync: true,
      is_syncroscope: true,
      is_self: true,
    });
  });

  it('refuses a listening time out of range with the reason and usage, exit 2', async () => {
    for (const seconds of ['0', 'soon', '601']) {
      const r = await runCli(['peers', '--seconds', seconds]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(`--seconds must be a number from 0.5 to 600, got "${seconds}"`);
      expect(r.err).toContain('usage: syncroscope peers');
    }
  });

  it('explains itself on --help', async () => {
    const r = await runCli(['peers', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('_osc._udp');
  });
});
