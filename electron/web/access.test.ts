import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkAccess, createAccessToken, isLoopbackHost, tokensMatch } from './access';

const req = (url: string, headers: Record<string, string> = {}, extraRaw: string[] = []) =>
  ({
    url,
    headers,
    rawHeaders: [...Object.entries(headers).flat(), ...extraRaw],
  }) as unknown as IncomingMessage;

describe('access token', () => {
  it('is long, URL-safe and different every time', () => {
    const a = createAccessToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createAccessToken()).not.toBe(a);
  });

  it('matches only the exact token, whatever the length of the guess', () => {
    const t = createAccessToken();
    expect(tokensMatch(t, t)).toBe(true);
    for (const guess of ['', t.slice(0, -1), `${t}x`, t.toUpperCase(), null, undefined]) {
      expect(tokensMatch(guess, t)).toBe(false);
    }
  });
});

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST'])(
    '%s is loopback',
    (h) => expect(isLoopbackHost(h)).toBe(true),
  );
  it.each(['0.0.0.0', '::', '192.168.1.5', 'example.com', '127.0.0.1.evil.com'])(
    '%s is not loopback',
    (h) => expect(isLoopbackHost(h)).toBe(false),
  );
});

describe('checkAccess', () => {
  it('on loopback lets this computer in and refuses a foreign Host (DNS rebinding)', () => {
    expect(checkAccess(req('/', { host: '127.0.0.1:5180' }), null).ok).toBe(true);
    expect(checkAccess(req('/', { host: 'localhost:5180' }), null).ok).toBe(true);
    expect(checkAccess(req('/', { host: 'evil.example:5180' }), null).ok).toBe(false);
  });

  it('refuses a WebSocket opened by a page from another origin', () => {
    const ws = { host: '127.0.0.1:5180', upgrade: 'websocket' };
    expect(checkAccess(req('/ws', { ...ws, origin: 'http://127.0.0.1:5180' }), null).ok).toBe(true);
    expect(checkAccess(req('/ws', { ...ws, origin: 'https://evil.example' }), null).ok).toBe(false);
  });

  it('with a token, needs it in the query (then sets a cookie) or in that cookie', () => {
    const t = createAccessToken();
    const host = { host: '192.168.1.5:5180' };
    const viaQuery = checkAccess(req(`/?token=${t}`, host), t);
    expect(viaQuery).toEqual({
      ok: true,
      setCookie: expect.stringContaining(`syncroscope_token=${t}`),
    });
    expect(viaQuery.ok && viaQuery.setCookie).toMatch(/HttpOnly; SameSite=Strict/);
    expect(
      checkAccess(req('/assets/x.js', { ...host, cookie: `a=1; syncroscope_token=${t}` }), t).ok,
    ).toBe(true);
    const denied = checkAccess(req('/?token=wrong', host), t);
    expect(denied).toMatchObject({ ok: false, status: 403 });
    expect(!denied.ok && denied.reason).toMatch(/needs its access token/);
  });
});

describe('checkAccess with more than one Host header', () => {
  it('refuses the request (400) even when the first Host is this computer', () => {
    for (const token of [null, 't0ken']) {
      const r = req('/?token=t0ken', { host: '127.0.0.1:5180' }, ['HOST', 'attacker.example']);
      expect(checkAccess(r, token)).toEqual({
        ok: false,
        status: 400,
        reason: 'Bad request: more than one Host header.',
      });
    }
    expect(checkAccess(req('/', { host: '127.0.0.1:5180' }), null)).toMatchObject({ ok: true });
  });
});
