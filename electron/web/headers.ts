/** Response headers the web host sends on everything it serves. */

/**
 * The page's Content Security Policy: our own scripts only, no inline script, no plugins,
 * connections (the WebSocket) to our own origin only, never framed by another site.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "media-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Security headers for every response. */
export function securityHeaders(): Record<string, string> {
  return {
    // Cross-origin isolation: performance.now() then resolves 5 us instead of 100 us.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    // The URL may carry the access token: never leak it to another site.
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}
