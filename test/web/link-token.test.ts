import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLinkSigner, linkValidityMs, verifyLinkToken } from '../../adapters/web/link-token.ts';
import { readSession, sessionSetCookie } from '../../adapters/web/session-cookie.ts';
import type { DashboardViewer } from '../../src/core/dashboard-types.ts';

const now = Date.parse('2026-11-23T12:00:00Z');
const secret = 'one-secret-0123456789abcdef';
const viewer: DashboardViewer = {
  platform: 'slack',
  tenant: 'T1',
  user: 'UT',
  role: 'instructor',
  cohorts: ['C1'],
};
const signer = createLinkSigner({ secret, publicUrl: 'https://coach.example.org/' });
const tokenOf = (url: string) => url.split('/d/')[1]!;

/** base64url of JSON claims, changed as a forger would, keeping the signature. */
function withClaims(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [payload, signature] = token.split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  change(claims);
  return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

describe('dashboard link tokens', () => {
  it('sign a viewer into a link under the public URL that is valid for 24 hours', () => {
    const link = signer.sign(viewer, now);
    expect(link.url).toMatch(/^https:\/\/coach\.example\.org\/d\/[\w-]+\.[\w-]{43}$/);
    expect(link).toMatchObject({ expiresAt: now + 24 * 3_600_000, role: 'instructor' });
    expect(linkValidityMs).toBe(86_400_000);
    expect(verifyLinkToken(secret, tokenOf(link.url), now)).toEqual({
      ok: true,
      viewer,
      expiresAt: now + linkValidityMs,
    });
  });

  it('expire at the 24th hour, not before', () => {
    const token = tokenOf(signer.sign(viewer, now).url);
    expect(verifyLinkToken(secret, token, now + linkValidityMs - 1).ok).toBe(true);
    expect(verifyLinkToken(secret, token, now + linkValidityMs)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse altered claims: another tenant, more cohorts, a later expiry, another role', () => {
    const token = tokenOf(signer.sign(viewer, now).url);
    const changes: ((claims: Record<string, unknown>) => void)[] = [
      (claims) => {
        claims.tenant = 'T2';
      },
      (claims) => {
        claims.cohorts = ['C1', 'C2'];
      },
      (claims) => {
        claims.exp = now + 10 * linkValidityMs;
      },
      (claims) => {
        claims.role = 'admin';
      },
    ];
    for (const change of changes) {
      expect(verifyLinkToken(secret, withClaims(token, change), now)).toEqual({
        ok: false,
        reason: 'bad-signature',
      });
    }
  });

  it('refuse a link signed under another secret: rotating the secret revokes every link', () => {
    const old = createLinkSigner({ secret: 'the-old-secret-0123456789', publicUrl: 'https://x' });
    const token = tokenOf(old.sign(viewer, now).url);
    expect(verifyLinkToken(secret, token, now)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuse garbage and a truncated signature as malformed', () => {
    const token = tokenOf(signer.sign(viewer, now).url);
    for (const bad of ['', 'abc', token.slice(0, -1), `${token}x`, token.replace('.', '..'), '../../etc']) {
      expect(verifyLinkToken(secret, bad, now)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuse a version it does not read, even correctly signed', () => {
    const claims = { v: 2, ...viewer, exp: now + 1000 };
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const mac = createHmac('sha256', secret)
      .update(`starcoach-dashboard:link:${payload}`)
      .digest('base64url');
    expect(verifyLinkToken(secret, `${payload}.${mac}`, now)).toEqual({ ok: false, reason: 'wrong-version' });
  });

  it('keep links and sessions apart: neither is accepted as the other', () => {
    const token = tokenOf(signer.sign(viewer, now).url);
    const options = { secret, secure: false };
    expect(readSession(options, `starcoach-session=${token}`, now)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
    const cookie = sessionSetCookie(options, viewer, now + 1000, now).split(';')[0]!;
    expect(readSession(options, `other=1; ${cookie}`, now)).toMatchObject({ ok: true, viewer });
    expect(verifyLinkToken(secret, cookie.split('=')[1]!, now)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/ and lasts until the link would have expired', () => {
    const header = sessionSetCookie({ secret, secure: false }, viewer, now + 3_600_500, now);
    expect(header).toMatch(/^starcoach-session=[\w-]+\.[\w-]{43}; /);
    expect(header.split('; ').slice(1)).toEqual(['Path=/', 'Max-Age=3600', 'HttpOnly', 'SameSite=Strict']);
  });

  it('is Secure, with the __Host- prefix, when the dashboard is served over https', () => {
    const header = sessionSetCookie({ secret, secure: true }, viewer, now + 60_000, now);
    expect(header).toMatch(/^__Host-starcoach-session=/);
    expect(header.split('; ').slice(1)).toEqual([
      'Path=/',
      'Max-Age=60',
      'HttpOnly',
      'Secure',
      'SameSite=Strict',
    ]);
    // The plain name is not read on https, so a cookie planted over http cannot stand in for it.
    const value = header.split(';')[0]!.split('=')[1]!;
    expect(readSession({ secret, secure: true }, `starcoach-session=${value}`, now)).toEqual({
      ok: false,
      reason: 'missing',
    });
  });
});
