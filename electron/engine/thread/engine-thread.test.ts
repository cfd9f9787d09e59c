import dgram from 'node:dgram';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractEvent, EventName } from '../../../shared/ipc';
import { argsFromValues, encodeMessage } from '../../../shared/osc';
import { createEngineThread, type EngineThread } from './engine-thread';
import { resolveWorkerEntry } from './worker-entry';

// One real worker for the file: starting one compiles the engine with tsx (seconds on a busy box).
let engine: EngineThread;
const events: ContractEvent[] = [];
const lines: string[] = [];
beforeAll(async () => {
  engine = await createEngineThread({ log: (line) => lines.push(line) });
  engine.onEvent((e) => events.push(e));
});
afterAll(() => engine?.dispose());

async function until<T>(find: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
const lastOn = <E extends EventName>(channel: E) =>
  [...events].reverse().find((e) => e.channel === channel) as
    Extract<ContractEvent, { channel: E }> | undefined;

describe('engine thread', () => {
  it('runs from the TypeScript source in a worker thread', () => {
    expect(resolveWorkerEntry().kind).toBe('source');
    expect(lines.join('\n')).toMatch(
      /\[engine\] engine thread ready \(source: .*engine-worker-dev\.mjs\)/,
    );
  });

  it('stamps a packet on arrival while this thread is blocked (UDP is off the host thread)', async () => {
    const r = await engine.invoke('receiver:start', { port: 0 });
    if (!r.ok || r.value.receiver.status !== 'listening') throw new Error(JSON.stringify(r));
    const flag = join(mkdtempSync(join(tmpdir(), 'syncroscope-')), 'sent');
    const sender = `const s = require('node:dgram').createSocket('udp4');
      s.send(Buffer.from(${JSON.stringify([...encodeMessage('/blocked', [])])}), ${r.value.receiver.port},
        '127.0.0.1', () => { require('node:fs').writeFileSync(${JSON.stringify(flag)}, String(Date.now())); s.close(); });`;
    const child = spawn(process.execPath, ['-e', sender], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('spawn', resolve));
    // Block this thread until the child has sent, and a while longer: only another thread can
    // receive and stamp the packet meanwhile.
    const giveUp = Date.now() + 15_000;
    while (!existsSync(flag) && Date.now() < giveUp);
    const unblockAt = Date.now() + 100;
    while (Date.now() < unblockAt);
    const sentMs = Number(readFileSync(flag, 'utf8'));
    const item = await until(() =>
      events
        .flatMap((e) => (e.channel === 'stream:messages' ? e.payload.items : []))
        .find((m) => m.address === '/blocked'),
    );
    expect(item.arrivalMs).toBeLessThan(unblockAt - 50);
    expect(item.arrivalMs - sentMs).toBeLessThan(50);
  });

  it('receives a real UDP packet in the worker and pushes it as a coalesced frame', async () => {
    const r = await engine.invoke('engine:get', {});
    if (!r.ok || r.value.receiver.status !== 'listening') throw new Error(JSON.stringify(r));
    const tx = dgram.createSocket('udp4');
    const msg = encodeMessage('/py', argsFromValues(['tick']));
    for (let i = 0; i < 5; i++) tx.send(msg, r.value.receiver.port, '127.0.0.1');
    const frames = await until(() => {
      const f = events.filter((e) => e.channel === 'stream:messages');
      const n = f.reduce(
        (sum, e) => sum + (e.channel === 'stream:messages' ? e.payload.items.length : 0),
        0,
      );
      return n === 6 ? f : undefined; // the /blocked one and these five
    });
    tx.close();
    expect(frames.length).toBeLessThanOrEqual(6);
    expect(lastOn('stream:messages')?.payload.items.at(-1)).toMatchObject({
      address: '/py',
      args: ['s:"tick"'],
      classification: 'immediate',
    });
    const state = await until(() => {
      const s = lastOn('engine:changed');
      return s && s.payload.counters.messages === 6 ? s : undefined;
    });
    expect(state.payload.receiver).toMatchObject({ status: 'listening' });
  });

  it('answers commands with results, failures included, in words', async () => {
    const bad = await engine.invoke('osc:send', { host: '', port: 1, address: '/x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid', field: ['host'] } });
    const unknown = await engine.invoke('engine:frobnicate' as 'engine:get', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
  });

  it("after dispose, closes the engine's sockets and fails later commands as unavailable", async () => {
    const other = await createEngineThread({ log: () => {} });
    const r = await other.invoke('receiver:start', { port: 0 });
    if (!r.ok || r.value.receiver.status !== 'listening') throw new Error('not listening');
    await other.dispose();
    const probe = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.bind(
        r.value.receiver.status === 'listening' ? r.value.receiver.port : 0,
        '127.0.0.1',
        resolve,
      );
    });
    probe.close();
    expect(await other.invoke('engine:get', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable' },
    });
  });
});
