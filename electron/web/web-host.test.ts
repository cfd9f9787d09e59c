import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerFrame } from '../../shared/ipc';
import { createLocalEngineService } from '../engine/thread/local-service';
import { createWebHost } from './web-host';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'syncroscope-renderer-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, '..', 'secret.txt'), 'secret');
  return dir;
}

async function host(token: string | null = null, port = 0) {
  const service = createLocalEngineService();
  const lines: string[] = [];
  const h = createWebHost({
    service,
    rendererDir: rendererDir(),
    host: '127.0.0.1',
    port,
    token,
    log: (l) => lines.push(l),
  });
  cleanup.push(() => service.dispose());
  cleanup.push(() => h.dispose());
  const bound = await h.listen();
  return { h, port: bound, lines, base: `http://127.0.0.1:${bound}` };
}

function get(url: string, headers: Record<string, string> = {}, rawPath?: string) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const u = new URL(url);
    const req = request(
      { host: u.hostname, port: u.port, path: rawPath ?? u.pathname + u.search, headers },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function socket(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  const frames: ServerFrame[] = [];
  ws.on('message', (d) => frames.push(JSON.parse(String(d)) as ServerFrame));
  cleanup.push(() => ws.terminate());
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const next = async <T>(pick: (f: ServerFrame) => T | undefined): Promise<T> => {
    for (const end = Date.now() + 3000; Date.now() < end;) {
      for (const f of frames) {
        const v = pick(f);
        if (v !== undefined) return v;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('no such frame');
  };
  return { ws, frames, next };
}

describe('web host over HTTP', () => {
  it('serves the renderer with cross-origin isolation and a strict CSP', async () => {
    const { base } = await host();
    const page = await get(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(page.headers['cross-origin-embedder-policy']).toBe('require-corp');
    expect(page.headers['content-security-policy']).toMatch(
      /script-src 'self'.*connect-src 'self'/,
    );
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const js = await get(`${base}/assets/app.js`);
    expect(js.headers['content-type']).toMatch(/text\/javascript/);
    expect(js.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('answers 404 outside the renderer folder, even through encoded dots', async () => {
    const { base } = await host();
    expect((await get(base, {}, '/../secret.txt')).status).toBe(404);
    expect((await get(base, {}, '/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get(`${base}/nope.js`)).status).toBe(404);
  });

  it('refuses a request whose Host is not this computer (DNS rebinding)', async () => {
    const { base } = await host();
    const r = await get(`${base}/`, { host: 'attacker.example' });
    expect(r.status).toBe(403);
  });

  it('with a token, refuses pages and WebSockets without it and admits them with it', async () => {
    const { base, port } = await host('s3cret-token');
    const denied = await get(`${base}/`);
    expect(denied.status).toBe(403);
    expect(denied.body).toMatch(/access token/);
    const page = await get(`${base}/?token=s3cret-token`);
    expect(page.status).toBe(200);
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    expect((await get(`${base}/assets/app.js`, { cookie })).status).toBe(200);
    await expect(socket(`ws://127.0.0.1:${port}/ws`)).rejects.toThrow('HTTP 403');
    await expect(socket(`ws://127.0.0.1:${port}/ws?token=wrong`)).rejects.toThrow('HTTP 403');
    await socket(`ws://127.0.0.1:${port}/ws?token=s3cret-token`);
  });

  it('says in plain words that its port is in use', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => busy.close(r)));
    const port = (busy.address() as { port: number }).port;
    await expect(host(null, port)).rejects.toThrow(
      `Port ${port} is already in use on 127.0.0.1 (another Syncroscope or web server?)`,
    );
  });
});

describe('web host contract over WebSocket', () => {
  it('runs a command and answers with its result', async () => {
    const { port } = await host();
    const { ws, next } = await socket(`ws://127.0.0.1:${port}/ws`);
    ws.send(JSON.stringify({ kind: 'invoke', id: 7, command: 'engine:get', request: {} }));
    const result = await next((f) => (f.kind === 'result' && f.id === 7 ? f.result : undefined));
    expect(result).toMatchObject({ ok: true, value: { receiver: { status: 'stopped' } } });
  });

  it('rejects an invalid payload and an unknown command with a clear error', async () => {
    const { port, lines } = await host();
    const { ws, next } = await socket(`ws://127.0.0.1:${port}/ws`);
    ws.send(
      JSON.stringify({ kind: 'invoke', id: 1, command: 'receiver:start', request: { port: -1 } }),
    );
    ws.send(JSON.stringify({ kind: 'invoke', id: 2, command: 'engine:explode', request: {} }));
    const bad = await next((f) => (f.kind === 'result' && f.id === 1 ? f.result : undefined));
    const unknown = await next((f) => (f.kind === 'result' && f.id === 2 ? f.result : undefined));
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid', field: ['port'] } });
    expect(!bad.ok && bad.error.message).toMatch(/Invalid "receiver:start" request: .* at port/);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    expect(lines.join('\n')).toMatch(/\[web\] refused receiver:start/);
  });

  it('pushes only the channels a connection subscribed to', async () => {
    const { port } = await host();
    const a = await socket(`ws://127.0.0.1:${port}/ws`);
    const b = await socket(`ws://127.0.0.1:${port}/ws`);
    a.ws.send(JSON.stringify({ kind: 'subscribe', channels: ['engine:changed', 'not:real'] }));
    b.ws.send(JSON.stringify({ kind: 'subscribe', channels: ['stream:log'] }));
    await new Promise((r) => setTimeout(r, 50));
    a.ws.send(
      JSON.stringify({ kind: 'invoke', id: 1, command: 'receiver:start', request: { port: 0 } }),
    );
    const state = await a.next((f) =>
      f.kind === 'event' && f.channel === 'engine:changed' ? f : undefined,
    );
    expect(state.payload).toMatchObject({ receiver: { status: 'listening' } });
    const log = await b.next((f) =>
      f.kind === 'event' && f.channel === 'stream:log' ? f : undefined,
    );
    expect(log.payload.items[0]?.text).toMatch(/listening for OSC/);
    expect(a.frames.some((f) => f.kind === 'event' && f.channel === 'stream:log')).toBe(false);
    expect(b.frames.some((f) => f.kind === 'event' && f.channel === 'engine:changed')).toBe(false);
  });

  it('closes a connection that sends something outside the protocol', async () => {
    const { port } = await host();
    const { ws } = await socket(`ws://127.0.0.1:${port}/ws`);
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send('{"kind":"invoke","id":"x"}');
    expect(await closed).toBe(1008);
  });
});
