/**
 * Fault: a port in use. Every command that binds a port says so once, in words, and exits 1; the
 * web host says so once; the engine refuses the new port and keeps the listener it had. Other
 * tests: electron/engine/network/udp-endpoint.test.ts (the words), electron/web/web-host.test.ts
 * and electron/web/bridge.test.ts (the web host's and the page's view),
 * electron/engine/domains/receiver.udp.test.ts (a switch keeps the working listener).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeMessage } from '../../shared/osc';
import { createCliRunner } from '../../electron/cli/cli-run.test-util';
import { runWebHost } from '../../electron/web/run';
import { createCleanup, eventually, startEngine, udpPeer } from './harness';

const cleanup = createCleanup();
const cli = createCliRunner();
afterEach(async () => {
  await cli.stopAll();
  await cleanup.run();
});

describe('fault: a port in use', () => {
  it.each([
    ['listen', (p: number) => ['listen', '--port', String(p), '--no-advertise']],
    ['relay', (p: number) => ['relay', '--listen', String(p), '--to', '127.0.0.1:9']],
    [
      'timecode master',
      (p: number) => ['timecode', 'master', '--listen', String(p), '--to', '127.0.0.1:9'],
    ],
    [
      'timecode client',
      (p: number) => ['timecode', 'client', '--listen', String(p), '--to', '127.0.0.1:9'],
    ],
  ])('syncroscope %s says it once and exits 1', async (_name, argv) => {
    const busy = await udpPeer(cleanup);
    const r = cli.run(argv(busy.port));
    expect(await r.code).toBe(1);
    const said = r.err.filter((l) => l.includes('already in use'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      new RegExp(`^syncroscope [a-z]+: Port ${busy.port} is already in use by another program`),
    );
  });

  it('the web host says it once', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    cleanup.add(() => new Promise((r) => busy.close(r)));
    const port = (busy.address() as { port: number }).port;
    const rendererDir = mkdtempSync(join(tmpdir(), 'syncroscope-faults-'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    const lines: string[] = [];
    const error = await runWebHost({
      host: '127.0.0.1',
      port,
      rendererDir,
      log: (l) => lines.push(l),
    }).catch((e: unknown) => e as Error);
    // serve.ts prints the rejection (one line); nothing else may have said it already.
    expect((error as Error).message).toMatch(`Port ${port} is already in use on 127.0.0.1`);
    expect(lines.filter((l) => l.includes('already in use'))).toEqual([]);
  });

  it('the engine refuses the busy port and keeps receiving on the one it had', async () => {
    const { call } = startEngine(cleanup);
    const peer = await udpPeer(cleanup);
    const busy = await udpPeer(cleanup);
    const started = await call('receiver:start', { port: 0 });
    const status = started.receiver;
    if (status.status !== 'listening') throw new Error('not listening');
    const error = await call('receiver:start', { port: busy.port }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'port-in-use', field: ['port'], systemCode: 'EADDRINUSE' });
    expect((await call('engine:get', {})).receiver).toEqual(status);
    await peer.send(encodeMessage('/py', []), status.port);
    const messages = await eventually(
      async () => (await call('engine:get', {})).counters.messages,
      (n) => n > 0,
    );
    expect(messages).toBe(1);
  });
});
