import { type Context, Hono } from 'hono';
import type { Clock, DashboardReads } from '../../src/index.ts';
import type { DashboardEnv } from './app.ts';
import { badRequestPage } from './pages/errors.ts';
import { memberPage } from './pages/member.ts';
import { overviewPage } from './pages/overview.ts';
import { rosterPage } from './pages/roster.ts';
import { workspacePage } from './pages/workspace.ts';
import { pageQuery, parseQuery, periods, rosterQuery } from './query.ts';

/** The pages behind a session. The viewer comes from the signed cookie; the core checks it on every read. */
export function pageRoutes(reads: DashboardReads, clock: Clock): Hono<DashboardEnv> {
  const routes = new Hono<DashboardEnv>();

  routes.get('/', async (c) => {
    const viewer = c.var.viewer;
    if (viewer.role === 'member') return c.redirect('/me', 302);
    const query = parseQuery(pageQuery, c.req.query());
    if (!query.ok) return badRequest(c, query.problems);
    return c.html(workspacePage(viewer, await reads.workspace(viewer)));
  });

  routes.get('/me', async (c) => {
    const query = parseQuery(pageQuery, c.req.query());
    if (!query.ok) return badRequest(c, query.problems);
    const viewer = c.var.viewer;
    const page = await reads.member(viewer, null, viewer.user, periods[query.value.period]);
    return c.html(memberPage(viewer, page, clock.now()));
  });

  routes.get('/c/:channel', async (c) => {
    const query = parseQuery(pageQuery, c.req.query());
    if (!query.ok) return badRequest(c, query.problems);
    const overview = await reads.overview(c.var.viewer, c.req.param('channel'), periods[query.value.period]);
    return c.html(overviewPage(c.var.viewer, overview));
  });

  routes.get('/c/:channel/roster', async (c) => {
    const query = parseQuery(rosterQuery, c.req.query());
    if (!query.ok) return badRequest(c, query.problems);
    const channel = c.req.param('channel');
    const roster = await reads.roster(c.var.viewer, channel, periods[query.value.period]);
    return c.html(rosterPage(c.var.viewer, channel, roster, query.value, clock.now()));
  });

  routes.get('/c/:channel/roster.csv', async (c) => {
    const query = parseQuery(pageQuery, c.req.query());
    if (!query.ok) return badRequest(c, query.problems);
    const { csv, filename } = await reads.rosterCsv(
      c.var.viewer,
      c.req.param('channel'),
      periods[query.value.period],
    );
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
    });
  });

  routes.get('/c/:channel/m/:user', async (c) => {
    const query = parseQuery(pageQuery, c.req.query());
    if (!query.ok) return badRequest(c, query.problems);
    const viewer = c.var.viewer;
    const { channel, user } = c.req.param();
    const page = await reads.member(viewer, channel, user, periods[query.value.period]);
    return c.html(memberPage(viewer, page, clock.now()));
  });

  return routes;
}

function badRequest(c: Context<DashboardEnv>, problems: string[]) {
  return c.html(badRequestPage(problems), 400);
}
