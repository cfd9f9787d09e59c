import { spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { IMPAIRMENT_LIMITS, METRONOME_LIMITS } from '../../shared/model';
import { decodePacket } from '../../shared/osc';
import { mayTakeRealtime } from '../engine/testing/may-take-realtime';
import { createCliRunner, freeUdpPort } from './cli-run.test-util';

const cli = createCliRunner();
afterEach(cli.stopAll);
const run = cli.run;
const freePort = freeUdpPort;

describe('syncroscope CLI', () => {
  it('listen --json prints plain and timetagged messages, the bundle no earlier than its timetag', async () => {
    const port = await freePort();
    const l = run(['listen', '--port', String(port), '--json', '--count', '2', '--no-advertise']);
    await l.waitFor(() => l.err.some((e) => e.includes('listening')));
    expect(await run(['send', `127.0.0.1:${port}`, '/py', 'tick', '--at', '+150']).code).toBe(0);
    expect(await run(['send', `127.0.0.1:${port}`, '/pd', 'tick', '3', '0.5']).code).toBe(0);
    expect(await l.code).toBe(0);
    const [plain, bundled] = l.out.map((line) => JSON.parse(line));
    expect(plain).toMatchObject({
      address: '/pd',
      types: 'sif',
      args: ['tick', 3, 0.5],
      timetag: null,
      lead_ms: null,
      late: false,
    });
    expect(bundled).toMatchObject({
      address: '/py',
      types: 's',
      args: ['tick'],
      late: false,
      classification: 'future',
    });
    expect(bundled.timetag).toMatch(/^[0-9a-f]{8}\.[0-9a-f]{8}$/);
    expect(bundled.lead_ms).toBeGreaterThan(50);
    const [s, f] = (bundled.timetag as string).split('.').map((h) => parseInt(h, 16));
    const timetagUnix = s! - 2_208_988_800 + f! / 2 ** 32;
    expect(bundled.dispatched).toBeGreaterThanOrEqual(timetagUnix - 1e-6);
    expect(bundled.arrival).toBeLessThan(timetagUnix);
  });

  it('send --types sends exactly the requested OSC types', async () => {
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    const got = new Promise<Buffer>((r) => sock.once('message', r));
    await run([
      'send',
      `127.0.0.1:${sock.address().port}`,
      '/x',
      '7',
      '-2',
      'hi',
      '--types',
      'fhsT',
    ]).code;
    const packet = decodePacket(await got);
    sock.close();
    expect(packet).toEqual({
      kind: 'message',
      address: '/x',
      args: [
        { type: 'f', value: 7 },
        { type: 'h', value: -2n },
        { type: 's', value: 'hi' },
        { type: 'T' },
      ],
    });
  });

  it('relay delays traffic between send and listen by the configured delay', async () => {
    const [lp, rp] = [await freePort(), await freePort()];
    const l = run(['listen', '--port', String(lp), '--json', '--count', '1', '--no-advertise']);
    const r = run([
      'relay',
      '--listen',
      String(rp),
      '--to',
      `127.0.0.1:${lp}`,
      '--delay',
      '80',
      '--seed',
      '1',
    ]);
    await l.waitFor(() => l.err.some((e) => e.includes('listening')));
    await r.waitFor(() => r.err.some((e) => e.includes('->')));
    await run(['send', `127.0.0.1:${rp}`, '/tick', 'tick', '--at', '+200']).code;
    await l.code;
    expect(JSON.parse(l.out[0]!).lead_ms).toBeLessThan(200 - 80 + 1);
    r.stop();
    expect(await r.code).toBe(0);
    // Delivered also counts what it carried back: listen's clock pings to the tick's source.
    expect(r.err.at(-1)).toMatch(/received 1 delivered \d+ lost 0/);
  });

  it('metronome --mode forward sends ticks timetagged on an exact grid, each played at its timetag', async () => {
    const port = await freePort();
    const l = run(['listen', '--port', String(port), '--json', '--count', '4', '--no-advertise']);
    await l.waitFor(() => l.err.some((e) => e.includes('listening')));
    const m = run([
      'metronome',
      '--mode',
      'forward',
      '--bpm',
      '240',
      '--offset',
      '80',
      '--target',
      `127.0.0.1:${port}/py`,
      '--count',
      '4',
      '--json',
    ]);
    expect(await m.code).toBe(0);
    expect(await l.code).toBe(0);
    const beats = m.out.map((x) => JSON.parse(x));
    const heard = l.out.map((x) => JSON.parse(x));
    expect(beats.map((b) => b.beat)).toEqual([0, 1, 2, 3]);
    expect(heard.map((h) => h.timetag)).toEqual(beats.map((b) => b.timetag));
    const units = beats.map((b) => BigInt(`0x${(b.timetag as string).replace('.', '')}`));
    const gaps = units.slice(1).map((u, i) => u - units[i]!);
    for (const g of gaps)
      expect(g === 1073741824n || g === 1073741823n || g === 1073741825n).toBe(true); // 250 ms
    for (const h of heard) {
      expect(h).toMatchObject({ address: '/py', args: ['tick'], late: false });
      expect(h.error_ms).toBeGreaterThanOrEqual(0);
    }
  });

  it('metronome refuses impossible settings in words', async () => {
    const m = run(['metronome', '--mode', 'sideways']);
    expect(await m.code).toBe(2);
    expect(m.err[0]).toContain('the mode must be immediate, offset or forward');
  });

  it('explains a port that is in use and exits 1', async () => {
    const sock = dgram.createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    const l = run(['listen', '--port', String(sock.address().port), '--no-advertise']);
    expect(await l.code).toBe(1);
    sock.close();
    expect(l.err.join('\n')).toContain('already in use');
  });

  it('rejects bad command lines with the reason and usage, exit 2', async () => {
    const bad = run(['metronome-typo']);
    expect(await bad.code).toBe(2);
    expect(bad.err.join('\n')).toContain('unknown command "metronome-typo"');
    const port = run(['listen', '--port', 'eighty']);
    expect(await port.code).toBe(2);
    expect(port.err[0]).toContain('--port must be a port number');
    expect(port.err.join('\n')).toContain('usage: syncroscope listen');
    const relayBad = run(['relay', '--listen', '9', '--to', '127.0.0.1:1', '--loss', '3']);
    expect(await relayBad.code).toBe(2);
    expect(relayBad.err[0]).toContain('--loss must be a number from 0 to 1');
  });

  it('every command answers --help with its usage', async () => {
    for (const name of ['listen', 'send', 'metronome', 'relay']) {
      const h = run([name, '--help']);
      expect(await h.code).toBe(0);
      expect(h.out.join('\n')).toContain(`usage: syncroscope ${name}`);
    }
  });

  it("states the model's ranges in --help and enforces them", async () => {
    const h = run(['metronome', '--help']);
    expect(await h.code).toBe(0);
    const help = h.out.join('\n');
    const { bpm, offsetMs } = METRONOME_LIMITS;
    expect(help).toMatch(new RegExp(`--bpm B +${bpm.min}-${bpm.max} \\(default 100\\)`));
    expect(help).toContain(`${offsetMs.min}-${offsetMs.max} ms`);
    const fast = run(['metronome', '--bpm', String(bpm.max + 1)]);
    expect(await fast.code).toBe(2);
    expect(fast.err[0]).toContain(`--bpm must be a number from ${bpm.min} to ${bpm.max}`);
    const r = run(['relay', '--help']);
    expect(await r.code).toBe(0);
    expect(r.out.join('\n')).toContain(`0-${IMPAIRMENT_LIMITS.delayMs.max}`);
  });

  it('the installed bin runs from a shell and exits cleanly on Ctrl-C', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ['bin/syncroscope.js', 'listen', '--port', String(port), '--no-advertise'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const end = Date.now() + 15_000;
    while (!stderr.includes('listening') && Date.now() < end)
      await new Promise((r) => setTimeout(r, 20));
    expect(stderr).toContain(`listening on 127.0.0.1:${port}`);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(0);
    expect(stderr).toContain('0 messages');
    expect(stderr).not.toContain('timing:'); // real-time priority is asked for only when told
  });

  it('the bin asks for real-time priority with SYNCROSCOPE_REALTIME=on, for a timed command only', () => {
    const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      spawnSync(process.execPath, ['bin/syncroscope.js', ...args], {
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, ...env },
      });
    const on = { SYNCROSCOPE_REALTIME: 'on' };
    const listen = run(['listen', '--port', '0', '--no-advertise', '--count', '1', '--oops'], on);
    expect(listen.status).toBe(2); // the bad option: it stops before listening
    if (process.platform === 'linux')
      expect(listen.stderr.split('\n')[0]).toBe(
        mayTakeRealtime()
          ? '[listen] timing: real-time priority (SCHED_FIFO 1)'
          : '[listen] timing: normal priority: the OS refused real-time priority (not permitted): allow it with an rtprio limit (README, Troubleshooting)',
      );
    const off = run(['listen', '--port', '0', '--no-advertise', '--count', '1', '--oops'], {
      SYNCROSCOPE_REALTIME: 'off',
    });
    expect(off.status).toBe(2);
    expect(off.stderr).not.toContain('timing:');
    const send = run(['send', '--oops'], on);
    expect(send.status).toBe(2);
    expect(send.stderr).not.toContain('timing:');
  });
});
