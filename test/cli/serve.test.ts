import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackServer, signatureHeaders } from '../fakes/slack-server.ts';
import { spawnServer } from '../support/spawn-server.ts';

const bin = new URL('../../bin/starcoach', import.meta.url).pathname;
const secret = 'cli-test-signing-secret';
let fake: FakeSlackServer;

beforeAll(async () => {
  fake = await FakeSlackServer.start();
});
afterAll(async () => {
  await fake.close();
});

/** Starts bin/starcoach with Slack tokens set and waits for it to say where it listens. */
function startBot(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'starcoach-serve-'));
  return spawnServer([bin, ...args], {
    env: {
      ...process.env,
      NO_COLOR: '1',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.apiUrl,
      SLACK_APP_TOKEN: '',
      DISCORD_TOKEN: '',
      PORT: '0',
      STARCOACH_STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}`,
    },
  });
}

/** `/metrics` answers Prometheus' text format, which a Prometheus parser reads. */
async function expectMetrics(port: number) {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const families = parsePrometheusTextFormat(await response.text());
  const names = families.map((family) => family.name);
  for (const name of ['starcoach_gate_waiting_events', 'starcoach_nodejs_heap_size_used_bytes']) {
    expect(names).toContain(name);
  }
}

describe('running the Slack app from the CLI', () => {
  it('npm start with Slack tokens serves Slack: health check, a signed command, then a clean stop on SIGTERM', async () => {
    const bot = startBot([]);
    const port = await bot.port;
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);

    const body = new URLSearchParams({
      command: '/coach',
      text: 'help',
      user_id: 'U1',
      channel_id: 'C1',
      team_id: 'T1',
      trigger_id: 'trig-1',
      response_url: fake.responseUrl(),
    }).toString();
    const signed = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(secret, body) },
      body,
    });
    expect(signed.status).toBe(200);
    const unsigned = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    await expectMetrics(port);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { platforms: 'connected', store: 'ok' } });

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const logs = bot.logs();
    expect(logs.map((line) => line.event)).toContain('stopping');
    expect(logs.find((line) => line.event === 'http-listening')).toMatchObject({
      level: 'info',
      paths: ['/slack/events', '/healthz', '/readyz', '/metrics'],
    });
    // Server mode writes JSON lines only: nothing plain mixed in for log shippers to choke on.
    const lines = bot.stderr().trim().split('\n');
    expect(lines.filter((line) => !line.startsWith('{'))).toEqual([]);
  });

  it('answers /healthz in Socket Mode too, where Slack needs no port of ours', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starcoach-socket-'));
    const bot = spawnServer([bin, 'slack'], {
      env: {
        ...process.env,
        NO_COLOR: '1',
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_APP_TOKEN: 'xapp-test',
        SLACK_SIGNING_SECRET: '',
        SLACK_API_URL: fake.apiUrl,
        DISCORD_TOKEN: '',
        STARCOACH_WEB_SECRET: '',
        PORT: '0',
        STARCOACH_STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}`,
      },
    });
    const port = await bot.port;
    expect(bot.logs()).toContainEqual(expect.objectContaining({ event: 'slack-started', mode: 'socket' }));
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
    await expectMetrics(port);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('starcoach slack refuses to start without a signing secret or app token, naming what to set', async () => {
    const child = spawn(process.execPath, [bin, 'slack'], {
      env: { ...process.env, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
  });

  it('with the OAuth variables serves the install page on the one port, pointing Slack back at the public URL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'starcoach-oauth-'));
    const bot = spawnServer([bin, 'slack'], {
      env: {
        ...process.env,
        NO_COLOR: '1',
        SLACK_BOT_TOKEN: '',
        SLACK_CLIENT_ID: fake.oauth.client.id,
        SLACK_CLIENT_SECRET: fake.oauth.client.secret,
        SLACK_STATE_SECRET: 'cli-test-state-secret-of-32-characters',
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: fake.apiUrl,
        SLACK_APP_TOKEN: '',
        DISCORD_TOKEN: '',
        STARCOACH_PUBLIC_URL: 'https://coach.example.org',
        PORT: '0',
        STARCOACH_STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}`,
      },
    });
    const port = await bot.port;
    const page = await fetch(`http://127.0.0.1:${port}/slack/install`);
    expect(page.status).toBe(200);
    expect(page.headers.getSetCookie().join(';')).toMatch(/slack-app-oauth-state=/);
    const link = new URL(/href="([^"]+)"/.exec(await page.text())?.[1]?.replaceAll('&amp;', '&') ?? '');
    expect(link.origin + link.pathname).toBe(`${fake.url}/oauth/v2/authorize`);
    expect(link.searchParams.get('client_id')).toBe(fake.oauth.client.id);
    expect(link.searchParams.get('redirect_uri')).toBe('https://coach.example.org/slack/oauth_redirect');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.logs().find((line) => line.event === 'http-listening')?.paths).toEqual(
      expect.arrayContaining(['/slack/events', '/slack/install', '/slack/oauth_redirect']),
    );
    expect(bot.stderr()).not.toContain(fake.oauth.client.secret);
  });

  it('refuses OAuth in Socket Mode, saying to use HTTP mode', async () => {
    const child = spawn(process.execPath, [bin, 'slack'], {
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: '',
        SLACK_CLIENT_ID: 'id',
        SLACK_CLIENT_SECRET: 'secret',
        SLACK_STATE_SECRET: 'cli-test-state-secret-of-32-characters',
        SLACK_APP_TOKEN: 'xapp-test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/needs HTTP mode.*unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET/);
  });
});
