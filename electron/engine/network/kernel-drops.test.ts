import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/testing/fake-clock';
import { waitFor } from '../testing/wait-for';
import { createSystemClock } from '../time/clock';
import {
  createKernelDropReader,
  createPortSharersReader,
  parseUdpTable,
  watchKernelDrops,
  type KernelDropSources,
} from './kernel-drops';
import { createUdpEndpoint, type UdpEndpoint } from './udp-endpoint';

// As Linux prints it: two sockets on port 0x1F40 (8000), ours (inode 4242) and another program's.
const TABLE = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
 9745: 0100007F:1F40 00000000:0000 07 00000000:00056200 00:00000000 00000000     0        0 4242 2 000000002048dbe1 28650
 9746: 0200007F:1F40 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 5151 2 000000002048dbe2 7
 9747: 00000000:D924 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 6000 2 000000002048dbe3 0
`;

const sources = (over: Partial<KernelDropSources> = {}): KernelDropSources => ({
  platform: 'linux',
  readTable: async () => TABLE,
  ownSocketInodes: async () => new Set([4242, 17]),
  ...over,
});

describe('the OS’s count of datagrams dropped on our socket', () => {
  it('reads the port, inode and drops of every row of /proc/net/udp', () => {
    expect(parseUdpTable(TABLE)).toEqual([
      { port: 8000, inode: 4242, drops: 28650 },
      { port: 8000, inode: 5151, drops: 7 },
      { port: 0xd924, inode: 6000, drops: 0 },
    ]);
    expect(parseUdpTable('not a table')).toEqual([]);
  });

  it('takes the row of our own socket on the port, not another program’s', async () => {
    expect(await createKernelDropReader({ family: 'udp4', port: 8000 }, sources())()).toBe(28650);
  });

  it('adds up our sockets on the port (one per sender) and keeps the count of one since closed', async () => {
    let table = TABLE;
    const ours = new Set([4242, 5151]);
    const read = createKernelDropReader(
      { family: 'udp4', port: 8000 },
      sources({ readTable: async () => table, ownSocketInodes: async () => ours }),
    );
    expect(await read()).toBe(28650 + 7);
    // The second socket closed (its row is gone), the first dropped more.
    table = TABLE.replace(/^.*5151.*\n/m, '').replace(' 28650', ' 28700');
    ours.delete(5151);
    expect(await read()).toBe(28700 + 7);
  });

  it('counts the sockets of other programs bound to our port', async () => {
    const id = { family: 'udp4' as const, port: 8000 };
    expect(await createPortSharersReader(id, sources())()).toBe(1); // inode 5151
    const all = sources({ ownSocketInodes: async () => new Set([4242, 5151]) });
    expect(await createPortSharersReader(id, all)()).toBe(0);
    expect(await createPortSharersReader(id, sources({ platform: 'win32' }))()).toBeNull();
  });

  it('says null, never 0, where it cannot tell: another OS, no table, or no socket of ours', async () => {
    const id = { family: 'udp4' as const, port: 8000 };
    expect(await createKernelDropReader(id, sources({ platform: 'darwin' }))()).toBeNull();
    expect(await createKernelDropReader(id, sources({ readTable: async () => null }))()).toBeNull();
    expect(
      await createKernelDropReader(id, sources({ ownSocketInodes: async () => null }))(),
    ).toBeNull();
    const other = sources({ ownSocketInodes: async () => new Set([99]) });
    expect(await createKernelDropReader(id, other)()).toBeNull();
  });

  it('polls on its timer, tells when the count changes, and stops on dispose', async () => {
    const clock = new FakeClock();
    let count: number | null = 3;
    let changes = 0;
    const watch = watchKernelDrops({
      read: async () => count,
      timers: clock,
      intervalMs: 1000,
      onChange: () => changes++,
    });
    await waitFor(() => watch.dropped === 3, { what: 'the first reading' });
    count = 10;
    clock.advance(1000);
    await waitFor(() => watch.dropped === 10, { what: 'the second reading' });
    expect(changes).toBe(2);
    watch.dispose();
    count = 50;
    clock.advance(5000);
    await new Promise((r) => setTimeout(r, 10));
    expect(watch.dropped).toBe(10);
    expect(clock.pendingTimers).toBe(0);
  });
});

const clock = createSystemClock();
const endpoints: UdpEndpoint[] = [];
const sockets: dgram.Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const e of endpoints.splice(0)) await e.close();
});

describe('kernel drops on a real socket', () => {
  it('counts the datagrams lost by a burst that overflows a small buffer (Linux; null elsewhere)', async () => {
    const rx = createUdpEndpoint({ clock, port: 0, receiveBufferBytes: 16 * 1024 });
    endpoints.push(rx);
    const { port } = await rx.bind();
    let received = 0;
    rx.onPacket(() => received++);
    const tx = dgram.createSocket('udp4');
    sockets.push(tx);
    await new Promise<void>((resolve) => tx.bind(0, '127.0.0.1', resolve));
    // Sent while this thread does not read: most of it finds the buffer full.
    const bytes = Buffer.alloc(1000);
    for (let i = 0; i < 2000; i++) tx.send(bytes, port, '127.0.0.1');
    const read = createKernelDropReader({ family: rx.family, port });
    let drops: number | null = null;
    for (const endMs = Date.now() + 5000; Date.now() < endMs;) {
      drops = await read();
      if (drops === null || drops + received >= 2000) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (process.platform !== 'linux') return void expect(drops).toBeNull();
    expect(drops).toBeGreaterThan(0);
    expect(drops! + received).toBe(2000); // loopback loses nothing else
  });
});
