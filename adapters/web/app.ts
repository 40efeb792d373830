import { Hono } from 'hono';
import type { Clock, DashboardReads, DashboardViewer, Logger } from '../../src/index.ts';
import { UserFacingError } from '../../src/index.ts';
import { assetCacheControl, assets } from './assets.ts';
import { verifyLinkToken } from './link-token.ts';
import {
  badRequestPage,
  linkRefusedPage,
  notFoundPage,
  openingPage,
  refusedPage,
  serverErrorPage,
  signedOutPage,
  tooManyRequestsPage,
} from './pages/errors.ts';
import { pageRoutes } from './routes.ts';
import { rateLimit, securityHeaders } from './security.ts';
import { readSession, sessionSetCookie } from './session-cookie.ts';

export interface DashboardAppOptions {
  reads: DashboardReads;
  /** STARCOACH_WEB_SECRET: the same one the link signer uses. */
  secret: string;
  /** STARCOACH_PUBLIC_URL: cookies are `Secure` when it is https. */
  publicUrl: string;
  clock: Clock;
  logger: Logger;
  /** Behind a reverse proxy: take the client's address from X-Forwarded-For for the rate limit. */
  trustProxy?: boolean;
  /** Requests per address and window; by default 120 a minute. */
  rateLimit?: { limit: number; windowMs: number };
}

export type DashboardEnv = { Variables: { viewer: DashboardViewer } };

/** Statuses for the core's refusals; anything else a UserFacingError says is a bad request. */
const refusalStatus: Record<string, 403 | 404> = { NOT_FOUND: 404, NOT_ALLOWED: 403, NOT_YOUR_COHORT: 403 };

/**
 * The dashboard as a Hono app: a link opens a session, every other page needs one, and every read goes
 * through the core, which checks the viewer again. Pages are rendered on the server.
 */
export function createDashboardApp(options: DashboardAppOptions): Hono<DashboardEnv> {
  const { clock, logger, secret } = options;
  const cookie = { secret, secure: options.publicUrl.startsWith('https:') };
  const app = new Hono<DashboardEnv>();

  app.use(securityHeaders());
  app.use(
    rateLimit({
      clock,
      limit: options.rateLimit?.limit ?? 120,
      windowMs: options.rateLimit?.windowMs ?? 60_000,
      trustProxy: options.trustProxy ?? false,
      refuse: (c) => c.html(tooManyRequestsPage(), 429),
    }),
  );

  app.get('/assets/:file', (c) => {
    const asset = assets.get(c.req.path);
    if (!asset) return c.html(notFoundPage(), 404);
    return c.body(asset.body, 200, { 'Content-Type': asset.contentType, 'Cache-Control': assetCacheControl });
  });

  // Browsers ask for it on every page; without this each ask would be a 403 page counted by the limiter.
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/d/:token', (c) => {
    const now = clock.now();
    const check = verifyLinkToken(secret, c.req.param('token'), now);
    if (!check.ok) {
      // The reason, never the token: it would let whoever reads the logs in.
      logger.warn('dashboard-link-refused', { reason: check.reason });
      return c.html(linkRefusedPage(), 403);
    }
    c.header('Set-Cookie', sessionSetCookie(cookie, check.viewer, check.expiresAt, now));
    return c.html(openingPage('/'), 200);
  });

  app.use('*', async (c, next) => {
    const session = readSession(cookie, c.req.header('cookie'), clock.now());
    if (!session.ok) return c.html(signedOutPage(), 403);
    c.set('viewer', session.viewer);
    await next();
  });

  app.route('/', pageRoutes(options.reads, clock));

  app.notFound((c) => c.html(notFoundPage(), 404));
  app.onError((error, c) => {
    if (error instanceof UserFacingError) {
      const status = refusalStatus[error.code];
      if (status) return c.html(refusedPage(error.message), status);
      return c.html(badRequestPage([error.message]), 400);
    }
    logger.error('dashboard-request-failed', { route: c.req.routePath, error });
    return c.html(serverErrorPage(), 500);
  });
  return app;
}
