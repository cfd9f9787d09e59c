/**
 * Fault: a browser that vanishes mid-stream (its socket cut with no close handshake), or in the
 * middle of a command. The web host drops it and keeps serving the others, streams included.
 * A client that never reads, and malformed frames: electron/web/web-host.test.ts.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerFrame } from '../../shared/ipc';
import { encodeMessage } from '../../shared/osc';
import { createLocalEngineService } from '../../electron/engine/thread/local-service';
import { waitFor } from '../../electron/engine/testing/wait-for';
import { createWebHost } from '../../electron/web/web-host';
import { createCleanup, udpPeer } from './harness';

const cleanup = createCleanup();
afterEach(() => cleanup.run());

async function startHost() {
  const service = createLocalEngineService({ frameMs: 20 });
  cleanup.add(() => service.dispose());
  const dir = mkdtempSync(join(tmpdir(), 'syncroscope-faults-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  const lines: string[] = [];
  const host = createWebHost({
    service,
    rendererDir: dir,
    host: '127.0.0.1',
    port: 0,
    token: null,
    log: (l) => lines.push(l),
  });
  cleanup.add(() => host.dispose());
  return { host, service, port: await host.listen(), lines };
}

async function client(port: number, channels: string[]) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  const frames: ServerFrame[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as ServerFrame));
  cleanup.add(() => ws.terminate());
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(JSON.stringify({ kind: 'subscribe', channels }));
  const invoke = (id: number, command: string, request: unknown = {}) =>
    ws.send(JSON.stringify({ kind: 'invoke', id, command, request }));
  const messageItems = () =>
    frames.reduce(
      (n, f) =>
        n + (f.kind === 'event' && f.channel === 'stream:messages' ? f.payload.items.length : 0),
      0,
    );
  return { ws, frames, invoke, messageItems };
}

describe('fault: a web client disconnecting', () => {
  it('mid-stream: the host drops it and the other client keeps its stream and commands', async () => {
    const { host, service, port, lines } = await startHost();
    const leaving = await client(port, ['stream:messages', 'engine:changed']);
    const staying = await client(port, ['stream:messages']);
    const started = await service.invoke('receiver:start', { port: 0 });
    if (!started.ok || started.value.receiver.status !== 'listening')
      throw new Error('not listening');
    const receivePort = started.value.receiver.port;
    const peer = await udpPeer(cleanup);
    const bytes = encodeMessage('/py', [{ type: 's', value: 'tick' }]);
    const pump = setInterval(() => {
      for (let i = 0; i < 10; i++) void peer.send(bytes, receivePort);
    }, 5);
    cleanup.add(() => clearInterval(pump));

    await waitFor(() => leaving.messageItems() > 20 && staying.messageItems() > 20, {
      what: 'the stream flowing',
    });
    leaving.invoke(2, 'engine:get'); // a result on its way to a socket about to vanish
    leaving.ws.terminate();
    await waitFor(() => host.connections === 1, { what: 'the host to drop the client' });
    const before = staying.messageItems();
    await waitFor(() => staying.messageItems() > before + 20, {
      what: 'the stream after the drop',
    });
    clearInterval(pump);
    staying.invoke(3, 'engine:get');
    await waitFor(() => staying.frames.some((f) => f.kind === 'result' && f.id === 3));
    const answer = staying.frames.find((f) => f.kind === 'result' && f.id === 3)!;
    expect(answer.kind === 'result' && answer.result.ok).toBe(true);
    expect(lines.filter((l) => /error/i.test(l))).toEqual([]);
  });
});
