import { describe, expect, it } from 'vitest';
import { isSlackPath, startHttpServer } from '../../adapters/web/server.ts';
import { openDashboardHarness, slackStandIn, teacher } from './dashboard-harness.ts';

describe('one HTTP server for Slack and the dashboard', () => {
  it('sends Slack’s paths to Slack’s listener and everything else to the dashboard, on one port', async () => {
    const h = await openDashboardHarness({ slack: slackStandIn });
    try {
      const events = await fetch(`${h.base}/slack/events`, { method: 'POST', body: '{}' });
      expect(await events.text()).toBe('slack saw POST /slack/events');
      expect(await (await fetch(`${h.base}/healthz?deep=1`)).text()).toBe('slack saw GET /healthz?deep=1');
      const cookie = await h.signIn(teacher);
      const page = await h.get('/c/C1', cookie);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<h1>Cohort C1</h1>');
      // Paths that only start like Slack's stay the dashboard's.
      expect((await h.get('/slackers', cookie)).status).toBe(404);
    } finally {
      await h.close();
    }
  });

  it('serves Slack alone when there is no dashboard, and closes', async () => {
    const server = await startHttpServer({ port: 0, host: '127.0.0.1', slack: slackStandIn });
    const base = `http://127.0.0.1:${server.port}`;
    expect(await (await fetch(`${base}/slack/commands`)).text()).toBe('slack saw GET /slack/commands');
    expect((await fetch(`${base}/c/C1`)).status).toBe(404);
    await server.close();
    await expect(fetch(`${base}/slack/commands`)).rejects.toThrow();
  });

  it('answers the health check itself when Slack is not on this server', async () => {
    const h = await openDashboardHarness({});
    try {
      const health = await fetch(`${h.base}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });
    } finally {
      await h.close();
    }
  });

  it('refuses a port already in use', async () => {
    const first = await startHttpServer({ port: 0, host: '127.0.0.1' });
    try {
      await expect(startHttpServer({ port: first.port, host: '127.0.0.1' })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      await first.close();
    }
  });

  it('knows Slack’s paths', () => {
    expect(isSlackPath('/slack/events')).toBe(true);
    expect(isSlackPath('/healthz')).toBe(true);
    expect(isSlackPath('/healthz/x')).toBe(false);
    expect(isSlackPath('/slack')).toBe(false);
    expect(isSlackPath('/')).toBe(false);
  });
});
