import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  actor,
  admin,
  ann,
  type DashboardHarness,
  dayMs,
  openDashboardHarness,
  teacher,
  teacher2,
} from './dashboard-harness.ts';

let h: DashboardHarness;
let teacherCookie: string;
let annCookie: string;

beforeAll(async () => {
  h = await openDashboardHarness();
  teacherCookie = await h.signIn(teacher);
  annCookie = await h.signIn(ann);
});

afterAll(async () => {
  await h.close();
});

const askAgain = /\/coach dashboard on Slack, \/dashboard on Discord/;

describe('opening a link', () => {
  it('sets the session cookie on a same-site page that moves on by itself (no 302, no script)', async () => {
    const response = await h.get(await h.linkFor(teacher));
    expect(response.status).toBe(200);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      /^starcoach-session=[\w-]+\.[\w-]+; Path=\/; Max-Age=86400; HttpOnly; SameSite=Strict$/,
    );
    const page = await response.text();
    expect(page).toContain('<meta http-equiv="refresh" content="0;url=/">');
    expect(page).toContain('<a href="/">Continue to your dashboard</a>');
    expect(page).not.toMatch(/<script(?![^>]*src="\/assets\/)/);
  });

  it('refuses a forged, altered or expired link with 403 and a page that reveals nothing', async () => {
    const link = await h.linkFor(teacher);
    const [payload, signature] = link.replace('/d/', '').split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const altered = Buffer.from(JSON.stringify({ ...claims, tenant: 'T2' })).toString('base64url');
    const forged = `/d/${payload}.${'A'.repeat(43)}`;
    for (const bad of [forged, `/d/${altered}.${signature}`, '/d/not-a-token']) {
      const response = await h.get(bad);
      expect(response.status).toBe(403);
      expect(response.headers.get('set-cookie')).toBeNull();
      const page = await response.text();
      expect(page).toMatch(askAgain);
      expect(page).not.toMatch(/T1|T2|\bUT\b|C1|signature|tenant/);
    }
    h.clock.advance(dayMs);
    const expired = await h.get(link);
    expect(expired.status).toBe(403);
    h.clock.advance(-dayMs);
  });

  it('never logs a token or a cookie', async () => {
    const link = await h.linkFor(teacher);
    await h.get(`${link}x`);
    await h.get('/', `starcoach-session=${link.slice(3)}`);
    const logged = h.logger.lines.join('\n');
    expect(logged).toContain('dashboard-link-refused');
    expect(logged).not.toContain(link.slice(3, 40));
  });
});

describe('pages behind the session', () => {
  it('refuse a browser without a session, or with a forged or expired one', async () => {
    for (const cookie of [undefined, 'starcoach-session=abc.def', `${teacherCookie}x`]) {
      const response = await h.get('/c/C1', cookie);
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(askAgain);
    }
    h.clock.advance(dayMs);
    expect((await h.get('/c/C1', teacherCookie)).status).toBe(403);
    h.clock.advance(-dayMs);
  });

  it('land an instructor on the cohorts their link covers', async () => {
    const response = await h.get('/', teacherCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('<a href="/c/C1">C1</a>');
    expect(page).not.toContain('/c/C2');
    const adminPage = await (await h.get('/', await h.signIn(admin))).text();
    expect(adminPage).toContain('<a href="/c/C1">C1</a>');
    expect(adminPage).toContain('<a href="/c/C2">C2</a>');
  });

  it('send a member from the landing to their own page', async () => {
    const response = await h.get('/', annCookie);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/me');
  });

  it('show the cohort overview with its charts and the tables beside them', async () => {
    const response = await h.get('/c/C1?period=7d', teacherCookie);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<h1>Cohort C1</h1>');
    for (const chart of ['participation-chart', 'competency-chart']) {
      expect(page).toContain(`id="${chart}"`);
      expect(page).toContain(`aria-labelledby="${chart}-title ${chart}-desc"`);
    }
    expect(page).toContain('<caption>Participation per day</caption>');
    expect(page).toContain('<caption>Weekly average per competency</caption>');
    expect(page).toContain('<h2 id="hardest-heading">Hardest questions</h2>');
    expect(page).toContain('<a href="/c/C1?period=7d" aria-current="page">7d</a>');
  });

  it('show the roster with the same figures as /coach roster, sorted and filtered on the server', async () => {
    const page = await (await h.get('/c/C1/roster', teacherCookie)).text();
    const users = (text: string) =>
      [...text.matchAll(/<a href="\/c\/C1\/m\/(\w+)\?period=30d">/g)].map((m) => m[1]);
    // The core's order: least active first (ben has 1 answer, ann 3).
    expect(users(page)).toEqual(['ben', 'ann']);
    expect(page).toMatch(
      /<td class="num" data-value="3">3<\/td>\s*<td class="num" data-value="2.3">2.3<\/td>/,
    );
    const sorted = await (await h.get('/c/C1/roster?sort=answers&dir=desc', teacherCookie)).text();
    expect(users(sorted)).toEqual(['ann', 'ben']);
    expect(sorted).toContain('aria-sort="descending"');
    const filtered = await (await h.get('/c/C1/roster?q=AN', teacherCookie)).text();
    expect(users(filtered)).toEqual(['ann']);
    expect(filtered).toContain('1 of 2 members match');
    expect(page).toContain('href="/c/C1/roster.csv?period=30d" download');
  });

  it('download the roster as CSV', async () => {
    const response = await h.get('/c/C1/roster.csv?period=90d', teacherCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="starcoach-C1-[\w.-]+\.csv"$/,
    );
    const lines = (await response.text()).trim().split('\n');
    // One row per graded answer, as /coach export gives it: ann's three and ben's one.
    expect(lines).toHaveLength(5);
    expect(lines.slice(1).filter((line) => /\bann\b/.test(line))).toHaveLength(3);
    expect(lines.slice(1).filter((line) => /\bben\b/.test(line))).toHaveLength(1);
    expect(lines.join('\n')).not.toMatch(/\beve\b|\bzed\b/);
  });

  it('show a member page to the member and to their instructor, answers escaped', async () => {
    for (const [path, cookie] of [
      ['/me', annCookie],
      ['/c/C1/m/ann', teacherCookie],
    ] as const) {
      const response = await h.get(path, cookie);
      expect(response.status, path).toBe(200);
      const page = await response.text();
      expect(page).toContain('id="attempts-chart"');
      expect(page).toContain('id="competencies-chart"');
      expect(page).toContain('<caption>Attempts, oldest first</caption>');
      expect(page).toContain('I code R07.9 and &lt;b&gt;query&lt;/b&gt; the physician.');
      expect(page).toContain('Good query &amp; clear &lt;reasoning&gt;.');
      expect(page).not.toContain('<b>query</b>');
    }
  });
});

describe('refusals through the URL', () => {
  const refused = async (path: string, cookie: string, status: number) => {
    const response = await h.get(path, cookie);
    expect(response.status, path).toBe(status);
    return response.text();
  };

  it('a member opening another member’s page, or any cohort page', async () => {
    await refused('/c/C1/m/ben', annCookie, 404);
    await refused('/c/C2/m/eve', annCookie, 404);
    await refused('/c/C1', annCookie, 404);
    await refused('/c/C1/roster', annCookie, 404);
    await refused('/c/C1/roster.csv', annCookie, 404);
  });

  it('an instructor opening a cohort their link does not cover, or its members', async () => {
    for (const path of ['/c/C2', '/c/C2/roster', '/c/C2/roster.csv', '/c/C2/m/eve', '/c/C1/m/eve']) {
      const page = await refused(path, teacherCookie, 404);
      expect(page).not.toContain('eve');
    }
  });

  it('another tenant’s cohort by changing the id: the same refusal as one that does not exist', async () => {
    const t2 = await h.signIn(teacher2);
    // T2's instructor sees T2's own C1 (zed), never T1's (ann, ben).
    const roster = await (await h.get('/c/C1/roster', t2)).text();
    expect(roster).toContain('/c/C1/m/zed');
    expect(roster).not.toMatch(/\bann\b|\bben\b/);
    await refused('/c/C1/m/ann', t2, 404);
    const missing = await refused('/c/C9', teacherCookie, 404);
    const otherTenants = await refused('/c/C2', t2, 404);
    expect(otherTenants).toBe(missing);
  });

  it('a cohort outside the link’s scope, even for an admin: one made after the link was', async () => {
    const cookie = await h.signIn(admin);
    await h.coach.configureCohort(admin, 'C3', { timezone: 'UTC' });
    await refused('/c/C3', cookie, 404);
    expect(await (await h.get('/', cookie)).text()).not.toContain('/c/C3');
    // A new link covers it.
    expect((await h.get('/c/C3', await h.signIn(admin))).status).toBe(200);
  });

  it('bad query parameters with 400 and what was wrong', async () => {
    const page = await refused('/c/C1/roster?period=14d&sort=mood&dir=up&x=1', teacherCookie, 400);
    expect(page).toContain('period must be one of 7d, 30d or 90d');
    expect(page).toContain('sort must be one of');
    expect(page).toContain('dir must be asc or desc');
    expect(page).toContain('unknown parameter: x');
    expect(await refused(`/c/C1/roster?q=${'a'.repeat(101)}`, teacherCookie, 400)).toContain('at most 100');
    await refused('/me?period=1y', annCookie, 400);
    await refused('/c/C1?period=', teacherCookie, 400);
  });

  it('an unknown page with 404', async () => {
    await refused('/nowhere', teacherCookie, 404);
    expect((await h.get('/assets/dashboard.0000.css')).status).toBe(404);
    // The browser's own ask for an icon is answered without a session, with nothing.
    expect((await h.get('/favicon.ico')).status).toBe(204);
  });

  it('a member of no cohort still gets their own page', async () => {
    const cookie = await h.signIn(actor('T1', 'nobody'));
    expect((await h.get('/me', cookie)).status).toBe(200);
  });
});
