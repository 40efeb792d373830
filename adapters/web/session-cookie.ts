import type { DashboardViewer } from '../../src/index.ts';
import { signToken, type TokenCheck, verifyToken } from './signed-token.ts';

/**
 * The session an opened link leaves behind: the same viewer, signed for the 'session' purpose, valid
 * until the link would have expired. `HttpOnly` (no script reads it), `SameSite=Strict` (no other site
 * sends it), `Secure` when the dashboard is served over https; then also the `__Host-` prefix, which
 * browsers only accept from a secure origin, on Path=/ with no Domain.
 */
export interface SessionCookieOptions {
  secret: string;
  secure: boolean;
}

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-starcoach-session' : 'starcoach-session';
}

/** The Set-Cookie header for a session of `viewer` until `expiresAt`. */
export function sessionSetCookie(
  options: SessionCookieOptions,
  viewer: DashboardViewer,
  expiresAt: number,
  now: number,
): string {
  const value = signToken(options.secret, 'session', viewer, expiresAt);
  const maxAge = Math.max(0, Math.floor((expiresAt - now) / 1000));
  return [
    `${sessionCookieName(options.secure)}=${value}`,
    'Path=/',
    `Max-Age=${maxAge}`,
    'HttpOnly',
    ...(options.secure ? ['Secure'] : []),
    'SameSite=Strict',
  ].join('; ');
}

/** The session a request's Cookie header carries, or why there is none. */
export function readSession(
  options: SessionCookieOptions,
  cookieHeader: string | undefined,
  now: number,
): TokenCheck {
  const name = sessionCookieName(options.secure);
  for (const part of (cookieHeader ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    return verifyToken(options.secret, 'session', part.slice(at + 1).trim(), now);
  }
  return { ok: false, reason: 'missing' };
}
