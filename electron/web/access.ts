/**
 * Who may use the web host. On loopback (the default) only this computer can connect, and the
 * Host/Origin checks stop other web sites from reaching it through the browser (DNS rebinding,
 * cross-site WebSockets). Bound to any other address, every request needs the random token
 * printed in the URL (query `token`, or the cookie set when the page was opened with it).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

const COOKIE = 'syncroscope_token';

/** A fresh random access token (256 bits, URL-safe). */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares in constant time, whatever the lengths (hashing first equalizes them). */
export function tokensMatch(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** True for names and addresses that only this computer can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** The outcome of {@link checkAccess}. */
export type AccessDecision =
  { ok: true; setCookie: string | null } | { ok: false; status: 400 | 403; reason: string };

/**
 * How many Host headers the request carried. Node keeps only the first in `req.headers`, so a
 * second one (which a proxy or another server might read instead) is only seen in `rawHeaders`.
 */
export function hostHeaderCount(req: Pick<IncomingMessage, 'rawHeaders'>): number {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]!.toLowerCase() === 'host') count++;
  }
  return count;
}

/** Decides whether a request (page, asset or WebSocket upgrade) may proceed. */
export function checkAccess(req: IncomingMessage, token: string | null): AccessDecision {
  if (hostHeaderCount(req) > 1) {
    return { ok: false, status: 400, reason: 'Bad request: more than one Host header.' };
  }
  const url = new URL(req.url ?? '/', 'http://placeholder');
  if (req.headers.upgrade && !isSameOrigin(req)) {
    return { ok: false, status: 403, reason: 'WebSocket from another origin refused.' };
  }
  if (token === null) {
    const hostname = (req.headers.host ?? '').replace(/:\d+$/, '');
    return isLoopbackHost(hostname)
      ? { ok: true, setCookie: null }
      : {
          ok: false,
          status: 403,
          reason: `Host "${hostname}" refused: this host serves only this computer.`,
        };
  }
  const fromQuery = url.searchParams.get('token');
  if (tokensMatch(fromQuery, token)) {
    return { ok: true, setCookie: `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` };
  }
  if (tokensMatch(cookieValue(req.headers.cookie, COOKIE), token))
    return { ok: true, setCookie: null };
  return {
    ok: false,
    status: 403,
    reason:
      'This Syncroscope is shared on the network and needs its access token: open the full URL (with ?token=...) that `npm run serve` printed.',
  };
}

function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true; // not a browser: the token or loopback rule decides
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
}
