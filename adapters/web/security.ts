import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import type { Clock } from '../../src/index.ts';

/**
 * Headers on every response: a Content-Security-Policy that allows only our own script and style files
 * (no inline script, no CDN), no framing, no sniffing, no referrer (a URL could name a cohort), and no
 * caching unless a route asked for it (only the static assets do).
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('Referrer-Policy', 'no-referrer');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
  };
}

/**
 * The client's address: the socket's peer, or, behind a reverse proxy we were told to trust, the last
 * address in X-Forwarded-For (the one that proxy saw; earlier entries are whatever the client sent).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((part) => part.trim());
    const last = forwarded?.filter((part) => part.length > 0).at(-1);
    if (last) return last;
  }
  // app.request() in a test has no socket; a real server always does.
  if (!(c.env as { incoming?: unknown } | undefined)?.incoming) return 'unknown';
  return getConnInfo(c).remote.address ?? 'unknown';
}

export interface RateLimitOptions {
  clock: Clock;
  /** Requests per window and address. */
  limit: number;
  windowMs: number;
  trustProxy: boolean;
  /** The answer once the limit is reached; the Retry-After header is set by the limiter. */
  refuse: (c: Context) => Response | Promise<Response>;
}

/** A fixed window per address, in memory: enough to stop one client hammering a single bot process. */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = options.clock.now();
  return async (c, next) => {
    const now = options.clock.now();
    if (now - lastSweep >= options.windowMs) {
      // Forget the addresses whose window has passed, so the map holds only the current window's.
      for (const [address, window] of windows) {
        if (now - window.start >= options.windowMs) windows.delete(address);
      }
      lastSweep = now;
    }
    const address = clientAddress(c, options.trustProxy);
    let window = windows.get(address);
    if (!window || now - window.start >= options.windowMs) {
      window = { start: now, count: 0 };
      windows.set(address, window);
    }
    window.count += 1;
    if (window.count > options.limit) {
      const retryAfter = Math.max(1, Math.ceil((window.start + options.windowMs - now) / 1000));
      const response = await options.refuse(c);
      response.headers.set('Retry-After', String(retryAfter));
      return response;
    }
    await next();
  };
}
