import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { argsFromValues, encodeBundle, encodeMessage, type OscPacket } from '../../shared/osc';
import { IMMEDIATELY } from '../../shared/osc/timetag';
import { createCliRunner, freeUdpPort } from './cli-run.test-util';

const cli = createCliRunner();
afterEach(cli.stopAll);

/** A bundle of 200 tiny messages: over the per-datagram cap. */
const crowded = encodeBundle(
  IMMEDIATELY,
  Array.from({ length: 200 }, (_, i): OscPacket => ({
    kind: 'message',
    address: '/f',
    args: argsFromValues([i]),
  })),
);

async function sendAll(port: number, datagrams: Uint8Array[]): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  for (const d of datagrams)
    await new Promise<void>((r) => s.send(d, port, '127.0.0.1', () => r()));
  const from = s.address().port;
  s.close();
  return from;
}

describe('syncroscope listen under hostile input', () => {
  it('refuses a datagram over the cap, says so with the sender, and sums up refusals and the OS’s drops on exit', async () => {
    const port = await freeUdpPort();
    const l = cli.run(['listen', '--port', String(port), '--count', '1', '--no-advertise']);
    await l.waitFor(() => l.err.some((e) => e.includes('listening')));
    const from = await sendAll(port, [crowded, encodeMessage('/tick', argsFromValues(['tick']))]);
    expect(await l.code).toBe(0);
    expect(l.out).toHaveLength(1); // only the tick was printed
    expect(l.err).toContain(
      `[listen] refused 200 messages from 127.0.0.1:${from} in datagrams of more than 128 messages (refused whole)`,
    );
    expect(l.err).toContain(
      '[listen] refused 200 messages: 200 in datagrams of more than 128 messages (refused whole)',
    );
    const kernel = l.err.at(-1)!;
    if (process.platform === 'linux')
      expect(kernel).toMatch(
        /^\[listen\] the OS dropped 0 datagrams before they could be read \(receive buffer [\d,]+ bytes\)$/,
      );
    else expect(kernel).toMatch(/^\[listen\] this OS does not report datagrams it dropped/);
  });

  it('with --json sums up in one JSON object on stderr, stdout keeping one object per message', async () => {
    const port = await freeUdpPort();
    const l = cli.run([
      'listen',
      '--port',
      String(port),
      '--json',
      '--count',
      '1',
      '--no-advertise',
    ]);
    await l.waitFor(() => l.err.some((e) => e.includes('listening')));
    await sendAll(port, [crowded, encodeMessage('/tick', argsFromValues(['tick']))]);
    expect(await l.code).toBe(0);
    expect(l.json().map((m) => m.address)).toEqual(['/tick']);
    const summary = JSON.parse(l.err.at(-1)!) as Record<string, unknown>;
    expect(summary).toMatchObject({
      summary: true,
      packets: 2,
      messages: 1,
      refused: { cap: 200, budget: 0, sender_queue_full: 0, queue_full: 0, backlog: 0 },
    });
    expect(summary.kernel_dropped).toBe(process.platform === 'linux' ? 0 : null);
    expect(summary.receive_buffer_bytes).toBeGreaterThan(0);
  });
});
