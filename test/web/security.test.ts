import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetPaths } from '../../adapters/web/assets.ts';
import { contentSecurityPolicy } from '../../adapters/web/security.ts';
import { ann, type DashboardHarness, openDashboardHarness, teacher } from './dashboard-harness.ts';

let h: DashboardHarness;
let cookie: string;

beforeAll(async () => {
  h = await openDashboardHarness();
  cookie = await h.signIn(teacher);
});

afterAll(async () => {
  await h.close();
});

describe('security headers', () => {
  it('are on every response: pages, refusals, errors, the link page, CSV and assets', async () => {
    const link = await h.linkFor(teacher);
    const responses = await Promise.all([
      h.get(link),
      h.get('/d/forged.token'),
      h.get('/', cookie),
      h.get('/c/C1', cookie),
      h.get('/c/C1/roster?period=7d', cookie),
      h.get('/c/C1/roster.csv', cookie),
      h.get('/c/C1/m/ann', cookie),
      h.get('/c/C2', cookie),
      h.get('/c/C1?period=2d', cookie),
      h.get('/nowhere', cookie),
      h.get('/c/C1'),
      h.get(assetPaths.css),
    ]);
    for (const response of responses) {
      const where = `${response.status} ${response.url}`;
      expect(response.headers.get('content-security-policy'), where).toBe(contentSecurityPolicy);
      expect(response.headers.get('x-content-type-options'), where).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), where).toBe('no-referrer');
      expect(response.headers.get('x-frame-options'), where).toBe('DENY');
    }
    expect(contentSecurityPolicy).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    // Private pages are never cached; only the assets, whose URLs change with their content, are.
    for (const response of responses.slice(0, -1)) {
      expect(response.headers.get('cache-control'), response.url).toBe('no-store');
    }
    expect(responses.at(-1)!.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('pages carry no inline script or style, only our own files', async () => {
    for (const path of ['/', '/c/C1', '/c/C1/roster', '/c/C1/m/ann']) {
      const page = await (await h.get(path, cookie)).text();
      const scripts = [...page.matchAll(/<script[^>]*>/g)].map((match) => match[0]);
      expect(scripts).toEqual([`<script src="${assetPaths.js}" defer>`]);
      expect(page).not.toMatch(/\sstyle="|<style|\son[a-z]+="/);
      expect(page).toContain(`<link rel="stylesheet" href="${assetPaths.css}">`);
    }
  });
});

describe('assets', () => {
  it('are served from the package with their content type, under a URL with their hash', async () => {
    const css = await h.get(assetPaths.css);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('.table-wrap');
    const js = await h.get(assetPaths.js);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toContain("getElementById('roster')");
    expect(assetPaths.css).toMatch(/^\/assets\/dashboard\.[0-9a-f]{12}\.css$/);
  });
});

describe('the session cookie over https', () => {
  it('is Secure with the __Host- prefix when the public URL is https', async () => {
    const secure = await openDashboardHarness({ publicUrl: 'https://coach.example.org' });
    try {
      const response = await secure.get(await secure.linkFor(ann));
      expect(response.headers.get('set-cookie')).toMatch(
        /^__Host-starcoach-session=[\w.-]+; Path=\/; Max-Age=86400; HttpOnly; Secure; SameSite=Strict$/,
      );
    } finally {
      await secure.close();
    }
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After once an address passes the limit, and lets it in again next window', async () => {
    const limited = await openDashboardHarness({ rateLimit: { limit: 3, windowMs: 60_000 } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await limited.get('/nowhere')).status);
      expect(statuses).toEqual([403, 403, 403, 429]);
      const refused = await limited.get('/nowhere');
      expect(refused.headers.get('retry-after')).toBe('60');
      expect(refused.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
      expect(await refused.text()).toContain('Too many requests');
      limited.clock.advance(30_000);
      expect((await limited.get('/nowhere')).headers.get('retry-after')).toBe('30');
      limited.clock.advance(30_000);
      expect((await limited.get('/nowhere')).status).toBe(403);
    } finally {
      await limited.close();
    }
  });

  it('ignores X-Forwarded-For unless trustProxy is set, then limits each forwarded address', async () => {
    const direct = await openDashboardHarness({ rateLimit: { limit: 1, windowMs: 60_000 } });
    const proxied = await openDashboardHarness({
      rateLimit: { limit: 1, windowMs: 60_000 },
      trustProxy: true,
    });
    try {
      const from = (address: string) => ({ 'x-forwarded-for': `10.9.9.9, ${address}` });
      expect((await direct.get('/x', undefined, from('203.0.113.1'))).status).toBe(403);
      // A client cannot dodge the limit by sending a header of its own.
      expect((await direct.get('/x', undefined, from('203.0.113.2'))).status).toBe(429);
      expect((await proxied.get('/x', undefined, from('203.0.113.1'))).status).toBe(403);
      expect((await proxied.get('/x', undefined, from('203.0.113.1'))).status).toBe(429);
      expect((await proxied.get('/x', undefined, from('203.0.113.2'))).status).toBe(403);
    } finally {
      await direct.close();
      await proxied.close();
    }
  });
});
