import type { DashboardLinkSigner } from '../../src/index.ts';
import { signToken, type TokenCheck, verifyToken } from './signed-token.ts';

/** How long a link from the chat command works (issue 14: 24 hours). */
export const linkValidityMs = 24 * 60 * 60 * 1000;

export interface LinkSignerOptions {
  /** STARCOACH_WEB_SECRET. */
  secret: string;
  /** STARCOACH_PUBLIC_URL: where the dashboard is reached, e.g. https://coach.example.org. */
  publicUrl: string;
  ttlMs?: number;
}

/** The port the core hands links out through: `${publicUrl}/d/<token>`, valid for 24 hours. */
export function createLinkSigner(options: LinkSignerOptions): DashboardLinkSigner {
  if (options.secret.length === 0) throw new Error('createLinkSigner needs a secret');
  const base = options.publicUrl.replace(/\/+$/, '');
  const ttl = options.ttlMs ?? linkValidityMs;
  return {
    sign(viewer, now) {
      const expiresAt = now + ttl;
      const token = signToken(options.secret, 'link', viewer, expiresAt);
      return { url: `${base}/d/${token}`, expiresAt, role: viewer.role };
    },
  };
}

/** The viewer a link token names, or why it is refused. */
export function verifyLinkToken(secret: string, token: string, now: number): TokenCheck {
  return verifyToken(secret, 'link', token, now);
}
