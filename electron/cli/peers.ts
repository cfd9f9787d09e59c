import { parseArgs } from 'node:util';
import type { PeerView } from '../../shared/ipc';
import { createDiscovery } from '../engine/discovery';
import { parseNumber } from './args';
import { untilAborted, type Command } from './context';

const usage = `usage: syncroscope peers [--seconds S] [--json]

Browses the network over mDNS for OSC programs (_osc._udp services: other Syncroscope instances,
and anything else that advertises OSC over UDP), then prints what it found: name, the address
and port to send to, host, and for Syncroscope instances their role and whether they answer
clock sync.
  --seconds S   how long to listen for answers, 0.5-600 (default 3); Ctrl-C prints what was found
  --json        one JSON object per peer: name, host, address, addresses, port, app, role,
                answers_clock_sync, is_syncroscope, is_self`;

/** One peer as a JSON line (snake_case, like `listen --json`). */
export function peerJson(p: PeerView): string {
  return JSON.stringify({
    name: p.name,
    host: p.host,
    address: p.address,
    addresses: p.addresses,
    port: p.port,
    app: p.txt.app,
    role: p.txt.role,
    answers_clock_sync: p.answersClockSync,
    is_syncroscope: p.isSyncroscope,
    is_self: p.isSelf,
  });
}

/** The peers as a table for people. */
export function peerTable(peers: readonly PeerView[]): string[] {
  const rows = peers.map((p) => [
    p.name,
    `${p.address.includes(':') ? `[${p.address}]` : p.address}:${p.port}`,
    p.host || '-',
    p.txt.app ?? '-',
    p.txt.role ?? '-',
    p.answersClockSync ? 'yes' : 'no',
  ]);
  const head = ['NAME', 'SEND TO', 'HOST', 'APP', 'ROLE', 'CLOCK SYNC'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [format(head), ...rows.map(format)];
}

/** `syncroscope peers`. */
export const peers: Command = {
  summary: 'list the OSC programs advertised on the network (mDNS _osc._udp)',
  usage,
  async run(argv, ctx) {
    const { values } = parseArgs({
      args: argv,
      options: {
        seconds: { type: 'string', default: '3' },
        json: { type: 'boolean', default: false },
      },
    });
    const seconds = parseNumber(values.seconds, '--seconds', 0.5, 600);
    const discovery = createDiscovery({
      log: (_level, text) => ctx.err(`[discovery] ${text}`),
      nowMs: () => ctx.clock.nowMs(),
    });
    const browse = discovery.browse(() => {});
    ctx.err(`[peers] browsing _osc._udp for ${seconds} s (Ctrl-C to stop early)`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      untilAborted(ctx.signal),
      new Promise((resolve) => (timer = setTimeout(resolve, seconds * 1000))),
    ]);
    clearTimeout(timer);
    const found = browse.peers();
    const problem = discovery.problem();
    await discovery.dispose();
    if (values.json) for (const p of found) ctx.out(peerJson(p));
    else if (found.length > 0) for (const line of peerTable(found)) ctx.out(line);
    ctx.err(`[peers] ${found.length} found`);
    return problem !== null && found.length === 0 ? 1 : 0;
  },
};
