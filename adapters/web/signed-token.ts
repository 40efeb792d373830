import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { DashboardViewer } from '../../src/index.ts';

/**
 * The dashboard's signed tokens: base64url(JSON claims) + '.' + base64url(HMAC-SHA256). The MAC covers
 * a purpose as well as the claims, so a link token is never a valid session cookie and the reverse.
 * Only STARCOACH_WEB_SECRET signs them: rotating it revokes every link and every session at once.
 */
export type TokenPurpose = 'link' | 'session';

/** Why a token was refused. The page says none of this; it is for logs and tests. */
export type TokenFailure = 'missing' | 'malformed' | 'bad-signature' | 'wrong-version' | 'expired';

export type TokenCheck =
  | { ok: true; viewer: DashboardViewer; expiresAt: number }
  | { ok: false; reason: TokenFailure };

const tokenVersion = 1;

const claimsSchema = z.object({
  v: z.number(),
  platform: z.string().min(1).max(100),
  tenant: z.string().min(1).max(200),
  user: z.string().min(1).max(200),
  role: z.enum(['admin', 'instructor', 'member']),
  cohorts: z.array(z.string().min(1).max(200)).max(1000),
  exp: z.number().int(),
});

function mac(secret: string, purpose: TokenPurpose, payload: string): Buffer {
  return createHmac('sha256', secret).update(`starcoach-dashboard:${purpose}:${payload}`).digest();
}

export function signToken(
  secret: string,
  purpose: TokenPurpose,
  viewer: DashboardViewer,
  expiresAt: number,
): string {
  const claims = {
    v: tokenVersion,
    platform: viewer.platform,
    tenant: viewer.tenant,
    user: viewer.user,
    role: viewer.role,
    cohorts: viewer.cohorts,
    exp: expiresAt,
  };
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(secret, purpose, payload).toString('base64url')}`;
}

/** The viewer a token names, when `secret` signed it for `purpose`, its version is ours and it is still valid at `now`. */
export function verifyToken(secret: string, purpose: TokenPurpose, token: string, now: number): TokenCheck {
  const match = /^([A-Za-z0-9_-]{1,8000})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const [, payload, signature] = match as unknown as [string, string, string];
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(secret, purpose, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad-signature' };
  }
  // Signed by us, so the JSON is ours; still checked, since a version we no longer read may differ.
  const parsed = claimsSchema.safeParse(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  const claims = parsed.data;
  if (claims.v !== tokenVersion) return { ok: false, reason: 'wrong-version' };
  if (now >= claims.exp) return { ok: false, reason: 'expired' };
  const { platform, tenant, user, role, cohorts } = claims;
  return { ok: true, viewer: { platform, tenant, user, role, cohorts }, expiresAt: claims.exp };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // A MAC we made over text that is not JSON cannot happen; treat it as malformed all the same.
    return { error: String(error) };
  }
}
