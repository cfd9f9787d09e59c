import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { createCliRunner, freeUdpPort } from './cli-run.test-util';
import { describeDelay } from './relay';

const runner = createCliRunner();
afterEach(() => runner.stopAll());

describe('syncroscope relay counters', () => {
  it('says "no packets yet" before the first packet instead of NaN', async () => {
    const r = runner.run(['relay', '--listen', String(await freeUdpPort()), '--to', '127.0.0.1:9']);
    await r.waitFor(() => r.err.some((l) => l.includes('->')));
    r.stop();
    expect(await r.code).toBe(0);
    expect(r.err.at(-1)).toBe(
      '[relay] received 0 delivered 0 lost 0 reordered 0 duplicated 0 replies 0 added delay: no packets yet',
    );
    expect(r.err.join('\n')).not.toContain('NaN');
  });

  it('gives the mean alone after one packet, and the sd from the second on', async () => {
    expect(describeDelay({ meanDelayMs: NaN, sdDelayMs: NaN })).toBe('added delay: no packets yet');
    expect(describeDelay({ meanDelayMs: 20.004, sdDelayMs: NaN })).toBe(
      'added delay 20.00 ms (one packet)',
    );
    expect(describeDelay({ meanDelayMs: 20, sdDelayMs: 3.456 })).toBe(
      'added delay 20.00 +- 3.46 ms',
    );
  });

  it('reports the delay of a real packet it carried', async () => {
    const sink = dgram.createSocket('udp4');
    await new Promise<void>((r) => sink.bind(0, '127.0.0.1', r));
    const got = new Promise<void>((r) => sink.once('message', () => r()));
    const listen = await freeUdpPort();
    const r = runner.run([
      'relay',
      '--listen',
      String(listen),
      '--to',
      `127.0.0.1:${sink.address().port}`,
      '--delay',
      '5',
    ]);
    await r.waitFor(() => r.err.some((l) => l.includes('->')));
    const tx = dgram.createSocket('udp4');
    tx.send(Buffer.from('/x\0\0,\0\0\0'), listen, '127.0.0.1');
    await got;
    r.stop();
    await r.code;
    tx.close();
    sink.close();
    expect(r.err.at(-1)).toMatch(
      /received 1 delivered 1 .* added delay \d+\.\d\d ms \(one packet\)$/,
    );
  });
});
