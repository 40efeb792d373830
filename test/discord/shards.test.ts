import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/clock.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { FakeDiscord, manageGuild } from '../fakes/discord-server.ts';
import { type BackendCase, dropTestData, uniquePrefix } from '../support/backends.ts';
import { spawnServer } from '../support/spawn-server.ts';
import { callbacksOf } from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: the fake's raw JSON
type Json = any;

const bin = new URL('../../bin/starcoach', import.meta.url).pathname;
// A server store when the run has one (shards in several processes on one server), else one SQLite
// file (WAL), as on a single machine.
function sharedBackend(): BackendCase {
  if (process.env.REDIS_URL) return { name: 'redis', url: process.env.REDIS_URL, skipReason: '' };
  if (process.env.DATABASE_URL) return { name: 'postgres', url: process.env.DATABASE_URL, skipReason: '' };
  const dir = mkdtempSync(join(tmpdir(), 'starcoach-shards-'));
  return { name: 'sqlite', url: `sqlite://${join(dir, 'bot.sqlite')}`, skipReason: '' };
}
const backend = sharedBackend();
const prefix = uniquePrefix('shards');
let fake: FakeDiscord;
/** One server on each of the two shards, each with a drill channel. */
let alpha: { guildId: string; channelId: string };
let beta: { guildId: string; channelId: string };

beforeAll(async () => {
  fake = await FakeDiscord.start();
  fake.shardCount = 2;
  // Sessions may start together: shards start without Discord's 5 s identify spacing.
  fake.maxConcurrency = 16;
  alpha = fake.addGuild('Alpha', 0);
  beta = fake.addGuild('Beta', 1);
  await scheduleDrills([alpha, beta]);
});
afterAll(async () => {
  await fake.close();
  await dropTestData(backend, prefix);
});

/** Both servers' drills due since midnight UTC every day, in the store the shards share. */
async function scheduleDrills(guilds: { guildId: string; channelId: string }[]) {
  const store = await CoachStore.open({ url: backend.url!, cwd: process.cwd(), clock: systemClock, prefix });
  for (const { guildId, channelId } of guilds) {
    // The single-cohort configuration (version 2), as the cohort schedule tests store it.
    await store.putTenantConfig('discord', guildId, {
      v: 2,
      drillChannel: channelId,
      drillTime: '00:00',
      timezone: 'UTC',
      packId: null,
      weekdays: [0, 1, 2, 3, 4, 5, 6],
      level: null,
      paused: false,
      skipDates: [],
      instructorRole: null,
    } as never);
    await store.markScheduled('discord', guildId, true);
  }
  await store.close();
}

/** A port free now, for a bot whose dashboard links must name its port before it listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const webSecret = 'shards-test-web-secret-0123456789abcdef';

function startBot(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnServer([bin, 'discord', ...args], {
    env: {
      ...process.env,
      NO_COLOR: '1',
      DISCORD_TOKEN: 'test-token',
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      SLACK_BOT_TOKEN: '',
      STARCOACH_WEB_SECRET: '',
      STARCOACH_LLM_API_KEY: '',
      OPENAI_API_KEY: '',
      PORT: '0',
      STARCOACH_STORE_URL: backend.url!,
      STARCOACH_STORE_PREFIX: prefix,
      ...env,
    },
  });
}

async function readyz(port: number): Promise<{ status: number; body: Json }> {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: response.status, body: await response.json() };
}

/** The `/readyz` checks once it answers `status`. */
async function waitUntil(port: number, status: number): Promise<Json> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const answer = await readyz(port);
    if (answer.status === status) return answer.body.checks;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`/readyz never answered ${status}`);
}

const waitUntilReady = (port: number) => waitUntil(port, 200);

/** A slash command in a server's channel; resolves with the bot's answer (the callback's content). */
async function askHelp(channelId: string): Promise<string> {
  const help = fake.command('help', {}, { channelId });
  return fake.waitFor(
    () => callbacksOf(fake, help.id).find((callback) => callback.data?.content)?.data.content,
    `/help answered in ${channelId}`,
    15_000,
  );
}

const drillPosts = (channelId: string) =>
  fake.messagesIn(channelId).filter((m: Json) => m.embeds?.[0]?.title?.startsWith('Question of the day'));

function eventsByShard(text: string): Record<string, number> {
  const family = parsePrometheusTextFormat(text).find((f) => f.name === 'starcoach_events_handled_total');
  const counts: Record<string, number> = {};
  for (const metric of (family?.metrics ?? []) as { labels: Record<string, string>; value: string }[]) {
    const shard = metric.labels.shard!;
    counts[shard] = (counts[shard] ?? 0) + Number(metric.value);
  }
  return counts;
}

/** `/metrics` (checked to be Prometheus' text) once events from both shards are counted in it. */
async function metricsOnceBothShardsCounted(port: number): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const events = eventsByShard(text);
    if (events['0'] && events['1']) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('events from both shards never counted');
}

describe('starcoach discord --shards', () => {
  it('runs a process per shard: each identifies as its shard, answers its servers, posts each drill once, stops on SIGTERM', async () => {
    // With the dashboard on: the manager serves it, and the shards' links point at the manager's port.
    const bot = startBot(['--shards', 'auto'], {
      PORT: String(await freePort()),
      STARCOACH_WEB_SECRET: webSecret,
    });
    const port = await bot.port;
    // The manager listens before its shards have connected, and says so.
    const early = await readyz(port);
    expect(early.status).toBe(503);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const ready = await waitUntilReady(port);
    expect(ready).toMatchObject({ 'shard-0': 'ready', 'shard-1': 'ready' });

    expect(fake.identifies.map((identify) => identify.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    // A server on each shard gets its answer: its events reach only the shard that holds it.
    expect(await askHelp(alpha.channelId)).toContain('/coach');
    expect(await askHelp(beta.channelId)).toContain('/coach');

    // Both shards ran the scheduler on the shared store; each server's drill was posted once.
    await fake.waitFor(
      () => drillPosts(alpha.channelId).length && drillPosts(beta.channelId).length,
      'both drills',
      15_000,
    );
    await fake.quiet(500);
    expect(drillPosts(alpha.channelId)).toHaveLength(1);
    expect(drillPosts(beta.channelId)).toHaveLength(1);
    expect(fake.callsTo('POST', /^\/channels\/\d+\/messages\/\d+\/threads$/)).toHaveLength(2);

    // A practice session in each server: events the coach handles, on each shard.
    fake.command('practice', {}, { channelId: alpha.channelId });
    fake.command('practice', {}, { channelId: beta.channelId });
    const text = await metricsOnceBothShardsCounted(port);
    const events = eventsByShard(text);
    expect(events['0']).toBeGreaterThanOrEqual(1);
    expect(events['1']).toBeGreaterThanOrEqual(1);
    expect(Object.keys(events).sort()).toEqual(['0', '1']);
    const up = parsePrometheusTextFormat(text).find((f) => f.name === 'starcoach_shard_up');
    expect(
      ((up?.metrics ?? []) as { labels: Record<string, string>; value: string }[]).map((m) => [
        m.labels.shard_id,
        m.value,
      ]),
    ).toEqual([
      ['0', '1'],
      ['1', '1'],
    ]);

    // /dashboard answered by shard 1 opens on the manager's port.
    const asked = fake.command(
      'dashboard',
      {},
      { channelId: beta.channelId, memberPermissions: manageGuild },
    );
    const link = await fake.waitFor(() => {
      const reply = [...fake.messages.values()].find((m) => m.interaction_token === `token-${asked.id}`);
      return /\]\(<(http:\/\/localhost:\d+\/d\/[^>]+)>\)/.exec(reply?.content ?? '')?.[1];
    }, 'the dashboard link');
    expect(new URL(link).port).toBe(String(port));
    const opened = await fetch(link.replace('localhost', '127.0.0.1'));
    expect(opened.status).toBe(200);
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie } })).status).toBe(200);

    // A shard that dies makes the bot unready until the manager has started it again and it connected.
    const shardOne = bot.logs().find((line) => line.event === 'shard-spawned' && line.shard === 1);
    process.kill(Number(shardOne?.pid), 'SIGKILL');
    await waitUntil(port, 503);
    expect((await waitUntilReady(port))['shard-1']).toBe('ready');
    const restarts = parsePrometheusTextFormat(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text())
      .find((f) => f.name === 'starcoach_shard_restarts_total')
      ?.metrics.map((m) => [
        (m as { labels: Record<string, string> }).labels.shard_id,
        (m as { value: string }).value,
      ]);
    expect(restarts).toEqual([['1', '1']]);
    // The respawned shard's scheduler found today's drills claimed.
    await fake.quiet(300);
    expect(drillPosts(beta.channelId)).toHaveLength(1);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    const logs = bot.logs();
    // JSON lines only, from three processes, each saying which it is.
    expect(
      bot
        .stderr()
        .trim()
        .split('\n')
        .filter((line) => !line.startsWith('{')),
    ).toEqual([]);
    const connected = logs.filter((line) => line.event === 'discord-connected').map((line) => line.shard);
    // Shard 1 connected twice: once more after it was killed.
    expect(connected.sort()).toEqual([0, 1, 1]);
    const stopped = logs.filter((line) => line.event === 'stopped').map((line) => String(line.shard));
    expect(stopped.sort()).toEqual(['0', '1', 'manager']);
  }, 60_000);

  it('--shard-id 1 --shard-count 2 connects as shard 1 only, on its own port', async () => {
    const before = fake.identifies.length;
    const bot = startBot(['--shard-id', '1', '--shard-count', '2']);
    const port = await bot.port;
    expect((await readyz(port)).status).toBe(200);
    expect(fake.identifies.slice(before).map((identify) => identify.shard)).toEqual([[1, 2]]);
    expect(await askHelp(beta.channelId)).toContain('/coach');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.logs().find((line) => line.event === 'discord-connected')).toMatchObject({ shard: 1 });
  }, 30_000);

  it('says the token was rejected, and starts no shard, when Discord refuses it', async () => {
    const before = fake.identifies.length;
    fake.failWith('GET', /^\/gateway\/bot$/, { status: 401, code: 0 }, 1);
    const child = spawn(process.execPath, [bin, 'discord', '--shards', 'auto'], {
      env: { ...process.env, DISCORD_TOKEN: 'revoked', DISCORD_API_URL: fake.apiUrl, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toContain('Discord rejected DISCORD_TOKEN');
    expect(fake.identifies.length).toBe(before);
  });

  it.each([
    [['--shard-id', '1'], /--shard-id and --shard-count go together/],
    [['--shard-count', '2'], /--shard-id and --shard-count go together/],
    [['--shard-id', '2', '--shard-count', '2'], /numbered from 0 to 1 \(got --shard-id 2\)/],
    [['--shards', '0'], /--shards must be a whole number from 1/],
    [['--shards', 'many'], /--shards must be a whole number from 1/],
    [['--shards', '2', '--shard-id', '0', '--shard-count', '2'], /Use one or the other/],
  ])('refuses %j with a usage error (exit 2)', async (args, message) => {
    const child = spawn(process.execPath, [bin, 'discord', ...args], {
      env: { ...process.env, DISCORD_TOKEN: 'test-token', DISCORD_API_URL: fake.apiUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
