import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeDiscord } from '../fakes/discord-server.ts';
import { FakeSlackServer } from '../fakes/slack-server.ts';
import { spawnServer } from '../support/spawn-server.ts';

const bin = new URL('../../bin/starcoach', import.meta.url).pathname;
let discord: FakeDiscord;
let slack: FakeSlackServer;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  slack = await FakeSlackServer.start();
});
afterAll(async () => {
  await discord.close();
  await slack.close();
});

/** Every bot a test started: one a failed assertion left running is stopped, not leaked. */
const bots: ReturnType<typeof spawnServer>[] = [];
afterEach(() => {
  for (const bot of bots.splice(0)) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
});

function startBot(args: string[], env: NodeJS.ProcessEnv) {
  const bot = spawnServer(args, { env });
  bots.push(bot);
  return bot;
}

/** Every platform token blank, so only what a test sets starts. */
function env(platforms: Record<string, string>): NodeJS.ProcessEnv {
  const dir = mkdtempSync(join(tmpdir(), 'starcoach-modes-'));
  return {
    ...process.env,
    NO_COLOR: '1',
    SLACK_BOT_TOKEN: '',
    SLACK_APP_TOKEN: '',
    SLACK_SIGNING_SECRET: '',
    DISCORD_TOKEN: '',
    STARCOACH_WEB_SECRET: '',
    PORT: '0',
    STARCOACH_STORE_URL: `sqlite://${join(dir, 'bot.sqlite')}`,
    ...platforms,
  };
}

const discordEnv = () => ({
  DISCORD_TOKEN: 'discord-test-token',
  DISCORD_APPLICATION_ID: discord.applicationId,
  DISCORD_API_URL: discord.apiUrl,
});

async function readyz(port: number) {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function metricNames(port: number): Promise<Map<string, string>> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  const text = await response.text();
  return new Map(parsePrometheusTextFormat(text).map((family) => [family.name, text]));
}

describe('health and metrics in every server mode', () => {
  it('Discord: /healthz, /readyz following the gateway, /metrics counting its events, a clean stop', async () => {
    const bot = startBot([bin, 'discord'], env(discordEnv()));
    const port = await bot.port;
    expect(bot.logs()).toContainEqual(expect.objectContaining({ event: 'discord-connected' }));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(await readyz(port)).toEqual({
      status: 200,
      body: { ready: true, checks: { platforms: 'connected', store: 'ok' } },
    });

    const command = discord.command('practice');
    await discord.waitFor(() => discord.callbackAt.has(command.id), 'the command answered');
    await vi.waitFor(
      async () => {
        const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        expect(text).toMatch(/starcoach_events_handled_total\{platform="discord",type="[a-z-]+"\} [1-9]/);
      },
      { timeout: 5000 },
    );
    expect((await metricNames(port)).has('starcoach_store_operation_duration_seconds')).toBe(true);

    // Discord unreachable: out of rotation until the gateway is back.
    discord.holdConnections();
    discord.dropConnection(1000);
    await vi.waitFor(
      async () =>
        expect(await readyz(port)).toEqual({
          status: 503,
          body: {
            ready: false,
            checks: { platforms: 'disconnected', store: 'ok', disconnected: ['discord'] },
          },
        }),
      { timeout: 5000 },
    );
    discord.releaseConnections();
    await vi.waitFor(async () => expect((await readyz(port)).status).toBe(200), { timeout: 10_000 });

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(
      bot
        .stderr()
        .split('\n')
        .filter((line) => line && !line.startsWith('{')),
    ).toEqual([]);
  });

  it('Slack in Socket Mode and Discord together: one port, both platforms watched, JSON lines only', async () => {
    const bot = startBot(
      [bin],
      env({
        ...discordEnv(),
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_APP_TOKEN: 'xapp-test',
        SLACK_API_URL: slack.apiUrl,
      }),
    );
    const port = await bot.port;
    const events = bot.logs().map((line) => line.event);
    expect(events).toEqual(expect.arrayContaining(['slack-started', 'discord-connected', 'http-listening']));
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await readyz(port)).status).toBe(200);
    const names = await metricNames(port);
    for (const name of ['starcoach_gate_waiting_events', 'starcoach_store_operation_duration_seconds'])
      expect(names.has(name)).toBe(true);

    slack.holdSocketHellos();
    slack.dropSockets();
    await vi.waitFor(
      async () => expect((await readyz(port)).body.checks).toMatchObject({ disconnected: ['slack'] }),
      { timeout: 5000 },
    );
    slack.releaseSocketHellos();
    await vi.waitFor(async () => expect((await readyz(port)).status).toBe(200), { timeout: 15_000 });

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(
      bot
        .stderr()
        .split('\n')
        .filter((line) => line && !line.startsWith('{')),
    ).toEqual([]);
  });
});
