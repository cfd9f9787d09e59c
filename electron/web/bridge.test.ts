/**
 * The renderer's bridge (renderer/src/bridge) against a real web host over a real WebSocket
 * (the `ws` package stands in for the browser's WebSocket): commands, state on connect, and
 * recovery when the host restarts on the same port.
 */
import { createSocket } from 'node:dgram';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { EngineSnapshot } from '../../shared/ipc';
import { createBridge, CommandError, type Bridge } from '../../renderer/src/bridge/bridge';
import type { ConnectionState } from '../../renderer/src/bridge/transport';
import { createWsTransport, type WebSocketLike } from '../../renderer/src/bridge/ws-transport';
import { createLocalEngineService } from '../engine/thread/local-service';
import { createWebHost } from './web-host';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const dir = mkdtempSync(join(tmpdir(), 'syncroscope-bridge-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html>');

async function startHost(port = 0) {
  const service = createLocalEngineService();
  const host = createWebHost({
    service,
    rendererDir: dir,
    host: '127.0.0.1',
    port,
    token: null,
    log: () => {},
  });
  const bound = await host.listen();
  const stop = async () => {
    await host.dispose();
    await service.dispose();
  };
  cleanup.push(stop);
  return { port: bound, stop };
}

function bridgeTo(port: number): Bridge {
  const transport = createWsTransport({
    url: `ws://127.0.0.1:${port}/ws`,
    WebSocket: WebSocket as unknown as WebSocketLike,
    initialBackoffMs: 50,
    maxBackoffMs: 200,
  });
  const bridge = createBridge(transport);
  cleanup.push(() => bridge.dispose());
  return bridge;
}

const until = async (pred: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !pred(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() > end) throw new Error('timed out');
  }
};

describe('renderer bridge over the web host', () => {
  it('delivers the current state on connect and runs typed commands', async () => {
    const { port } = await startHost();
    const bridge = bridgeTo(port);
    const states: EngineSnapshot[] = [];
    bridge.onState('engine:changed', (s) => states.push(s));
    await until(() => states.length > 0);
    expect(states[0]!.receiver.status).toBe('stopped');
    const snap = await bridge.invoke('receiver:start', { port: 0 });
    expect(snap.receiver.status).toBe('listening');
    await until(() => states.at(-1)?.receiver.status === 'listening');
  });

  it("throws a CommandError carrying the host's code, sentence and field", async () => {
    const { port } = await startHost();
    const bridge = bridgeTo(port);
    await until(() => bridge.connection === 'open');
    const error = await bridge
      .invoke('osc:send', { host: '127.0.0.1', port: 0, address: '/x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/at port/),
      field: ['port'],
    });
  });

  it('says a port is in use with its field and the system code, from a real socket', async () => {
    const { port } = await startHost();
    const bridge = bridgeTo(port);
    await until(() => bridge.connection === 'open');
    const busy = createSocket('udp4');
    cleanup.push(() => new Promise<void>((r) => busy.close(() => r())));
    await new Promise<void>((r) => busy.bind(0, '127.0.0.1', r));
    const error = await bridge
      .invoke('receiver:start', { port: busy.address().port })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({
      code: 'port-in-use',
      field: ['port'],
      systemCode: 'EADDRINUSE',
      message: expect.stringContaining('is already in use'),
    });
  });

  it('reconnects after the host restarts, subscribes again and refreshes the state', async () => {
    const first = await startHost();
    const bridge = bridgeTo(first.port);
    const connection: ConnectionState[] = [];
    const states: EngineSnapshot[] = [];
    bridge.onConnection((s) => connection.push(s));
    bridge.onState('engine:changed', (s) => states.push(s));
    await until(() => bridge.connection === 'open' && states.length > 0);
    await bridge.invoke('receiver:start', { port: 0 });
    await until(() => states.at(-1)?.receiver.status === 'listening');

    await first.stop();
    await until(() => bridge.connection === 'reconnecting');
    const offline = await bridge.invoke('engine:get', {}).catch((e: unknown) => e);
    expect(offline).toMatchObject({ code: 'disconnected' });

    await startHost(first.port); // a new engine: its receiver is stopped
    await until(() => bridge.connection === 'open');
    await until(() => states.at(-1)?.receiver.status === 'stopped');
    expect(connection).toEqual(['open', 'reconnecting', 'open']);
    // Subscribed again: pushes from the new host arrive without asking.
    await bridge.invoke('receiver:start', { port: 0 });
    await until(() => states.at(-1)?.receiver.status === 'listening');
  });
});
