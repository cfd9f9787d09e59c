import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_CLIENT_FRAME_BYTES, type ServerFrame } from '../../shared/ipc';
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

async function host(
  token: string | null = null,
  port = 0,
  wsLimits?: { pauseBytes: number; closeBytes: number },
) {
  const service = createLocalEngineService();
  const lines: string[] = [];
  const h = createWebHost({
    service,
    rendererDir: rendererDir(),
    host: '127.0.0.1',
    port,
    token,
    log: (l) => lines.push(l),
    ...(wsLimits ? { wsLimits } : {}),
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

const until = async (pred: () => boolean, ms = 5000) => {
  for (const end = Date.now() + ms; !pred(); await new Promise((r) => setTimeout(r, 10))) {
    if (Date.now() > end) throw new Error('timed out');
  }
};

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

  it('answers every malformed frame with an error and keeps the connection working', async () => {
    const { port, h } = await host();
    const { ws, frames, next } = await socket(`ws://127.0.0.1:${port}/ws`);
    const closed: number[] = [];
    ws.on('close', (code) => closed.push(code));
    const invoke = (id: number, command: unknown, request: unknown) =>
      ws.send(JSON.stringify({ kind: 'invoke', id, command, request }));
    ws.send('{ not json');
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    ws.send('{"kind":"invoke","id":"x"}');
    ws.send('{"kind":"shout","id":4}');
    invoke(5, 42, {});
    invoke(6, 'engine:explode', {});
    invoke(7, 'receiver:start', { port: 'eight thousand' });
    invoke(8, 'osc:send', { host: 7, port: [], address: null });
    invoke(9, 'engine:get', { padding: 'x'.repeat(300 * 1024) });
    invoke(10, 'engine:get', {});
    const result = (id: number) =>
      next((f) => (f.kind === 'result' && f.id === id ? f.result : undefined));
    expect(await result(4)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await result(5)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await result(6)).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    expect(await result(7)).toMatchObject({
      ok: false,
      error: { code: 'invalid', field: ['port'] },
    });
    expect(await result(8)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    const large = await result(9);
    expect(!large.ok && large.error.message).toMatch(/too large \(301 KB; at most 256 KB\)/);
    expect(await result(10)).toMatchObject({ ok: true });
    const errors = frames.flatMap((f) => (f.kind === 'error' ? [f.error.message] : []));
    expect(errors).toEqual([
      expect.stringMatching(/^The frame is not JSON/),
      'Binary frames are not part of the protocol: send JSON text.',
      expect.stringMatching(/^The frame does not follow the protocol/),
    ]);
    expect(closed).toEqual([]);
    expect(h.connections).toBe(1);
    expect(h.stats().refusedFrames).toBe(9); // every frame above but the last
  });

  it('closes only the connection that sends a frame beyond the hard size limit', async () => {
    const { port } = await host();
    const big = await socket(`ws://127.0.0.1:${port}/ws`);
    const closed = new Promise<number>((r) => big.ws.once('close', (code) => r(code)));
    big.ws.send('x'.repeat(MAX_CLIENT_FRAME_BYTES * 4 + 1));
    expect(await closed).toBe(1009); // "message too big", before the host holds it in memory
    const other = await socket(`ws://127.0.0.1:${port}/ws`);
    other.ws.send(JSON.stringify({ kind: 'invoke', id: 1, command: 'engine:get', request: {} }));
    expect(
      await other.next((f) => (f.kind === 'result' && f.id === 1 ? f.result : undefined)),
    ).toMatchObject({ ok: true });
  });
});

describe('web host with a client that does not read', () => {
  /** A client whose socket is never read: what the host sends piles up on the host's side. */
  async function deafClient(port: number) {
    const s = await socket(`ws://127.0.0.1:${port}/ws`);
    const raw = (s.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause();
    return { ...s, startReading: () => raw.resume() };
  }
  const flood = (ws: WebSocket, count: number) => {
    for (let id = 1; id <= count; id++) {
      ws.send(JSON.stringify({ kind: 'invoke', id, command: 'timecode:get', request: {} }));
    }
  };

  it('stops reading its commands until it catches up: memory bounded, every result delivered', async () => {
    const { port, h, lines } = await host();
    const deaf = await deafClient(port);
    const count = 40_000; // ~27 MB of results: far more than the kernel's socket buffers hold
    flood(deaf.ws, count);
    await until(() => h.stats().paused === 1);
    let peakBytes = 0;
    for (let i = 0; i < 20; i++) {
      peakBytes = Math.max(peakBytes, h.stats().bufferedBytes);
      await new Promise((r) => setTimeout(r, 10));
    }
    // The 4 MiB limit plus the results of commands already read when it was reached.
    expect(peakBytes).toBeLessThan(8 * 1024 * 1024);
    const other = await socket(`ws://127.0.0.1:${port}/ws`);
    other.ws.send(JSON.stringify({ kind: 'invoke', id: 1, command: 'engine:get', request: {} }));
    expect(
      await other.next((f) => (f.kind === 'result' && f.id === 1 ? f.result : undefined)),
    ).toMatchObject({ ok: true });
    deaf.startReading();
    await until(() => deaf.frames.length >= count, 20_000);
    const ids = new Set(deaf.frames.flatMap((f) => (f.kind === 'result' ? [f.id] : [])));
    expect(ids.size).toBe(count);
    await until(() => h.stats().paused === 0); // the last results may have paused it once more
    expect(h.stats().closedNotReading).toBe(0);
    expect(lines.filter((l) => l.includes('its commands wait until it catches up'))).toHaveLength(
      1,
    );
  });

  it('closes it once its unsent data passes the hard limit, says so, and serves the others', async () => {
    const { port, h, lines } = await host(null, 0, {
      pauseBytes: 256 * 1024,
      closeBytes: 256 * 1024,
    });
    const deaf = await deafClient(port);
    const other = await socket(`ws://127.0.0.1:${port}/ws`);
    flood(deaf.ws, 20_000);
    await until(() => h.stats().closedNotReading === 1);
    expect(lines.join('\n')).toMatch(
      /\[web\] closing a WebSocket that is not reading what it is sent \(\d+\.\d MB unsent\)/,
    );
    await until(() => h.connections === 1);
    other.ws.send(JSON.stringify({ kind: 'invoke', id: 1, command: 'engine:get', request: {} }));
    expect(
      await other.next((f) => (f.kind === 'result' && f.id === 1 ? f.result : undefined)),
    ).toMatchObject({ ok: true });
  });
});

describe('web host request checks', () => {
  /** Sends `text` on a raw TCP socket and resolves with the status line of the answer. */
  function raw(port: number, text: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => s.write(text));
      let answer = '';
      s.on('data', (d) => (answer += String(d)));
      s.on('end', () => resolve(answer.split('\r\n')[0]!));
      s.on('close', () => resolve(answer.split('\r\n')[0]!));
      s.on('error', reject);
      cleanup.push(() => s.destroy());
    });
  }

  it('refuses a request with two Host headers (400), whichever comes first', async () => {
    const { port } = await host();
    const page = (hosts: string[]) =>
      raw(
        port,
        `GET / HTTP/1.1\r\n${hosts.map((v) => `Host: ${v}\r\n`).join('')}Connection: close\r\n\r\n`,
      );
    expect(await page([`127.0.0.1:${port}`])).toBe('HTTP/1.1 200 OK');
    expect(await page([`127.0.0.1:${port}`, 'attacker.example'])).toBe('HTTP/1.1 400 Bad Request');
    expect(await page(['attacker.example', `127.0.0.1:${port}`])).toBe('HTTP/1.1 400 Bad Request');
    expect(await page([`127.0.0.1:${port}`, `127.0.0.1:${port}`])).toBe('HTTP/1.1 400 Bad Request');
  });

  it('refuses a WebSocket upgrade with two Host headers (400)', async () => {
    const { port, lines } = await host();
    const upgrade = [
      'GET /ws HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Host: attacker.example',
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n');
    expect(await raw(port, upgrade)).toBe('HTTP/1.1 400 Bad Request');
    expect(lines.join('\n')).toMatch(/more than one Host header/);
  });
});
