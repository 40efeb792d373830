import type { RequestListener } from 'node:http';
import type { Config } from '../../config.ts';
import type { Coach } from '../../core/coach.ts';
import type { DirectMessenger } from '../../core/direct-messages.ts';
import { createDrillScheduler } from '../../core/drill-scheduler.ts';
import type { InstallationRecords } from '../../core/installations.ts';
import type { PairRooms } from '../../core/pairing/pair-rooms.ts';
import { createPairScheduler } from '../../core/pairing/pair-scheduler.ts';
import type { DrillPoster } from '../../core/ports.ts';
import { createReminderScheduler } from '../../core/reminder-scheduler.ts';
import { createRetentionScheduler } from '../../core/tenant-retention.ts';
import { ConfigError } from '../../errors.ts';
import { warmGrader } from '../../feedback/warm-grader.ts';
import { withEventLog } from '../../logging/event-log.ts';
import { createServerLogger, type ServerLogger } from '../../logging/server-logger.ts';
import {
  countingRefusals,
  instrumentCoach,
  instrumentDrillPoster,
  instrumentMessenger,
} from '../../metrics/instrument.ts';
import { createMetrics } from '../../metrics/metrics.ts';
import type { CliContext, Command } from '../cli-context.ts';
import { writeLine } from '../cli-context.ts';
import { openRuntime, type Runtime } from '../compose.ts';
import { parseFlags } from '../parse-flags.ts';
import { createReadiness } from '../readiness.ts';
import { connectToManager } from '../shard-child.ts';
import { shardPlan } from '../shard-flags.ts';
import { deferredLinkSigner, signLinksForManager, startWebServer, type WebServer } from '../web-server.ts';

interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
  drillPoster?: DrillPoster;
  directMessenger?: DirectMessenger;
  /** Peer sessions' spaces: where the pair sweep starts matches and ends idle sessions. */
  pairRooms?: PairRooms;
  /** Slack in HTTP mode: its requests, answered on the one HTTP server. */
  requestListener?: RequestListener | null;
  /** Whether the platform connection is up now, for /readyz. */
  connected(): boolean;
}

/**
 * One Discord shard: `id` of `count`. `managed`: started by `starcoach discord --shards`, which serves
 * HTTP for all shards, so this process binds no port and talks to the manager over IPC instead.
 */
export interface ShardRole {
  id: number;
  count: number;
  managed: boolean;
}

/** Starts the chat adapters named, on one runtime, until SIGTERM or SIGINT. Adapters load lazily. */
export async function serveAdapters(
  names: ('slack' | 'discord')[],
  context: CliContext,
  shard?: ShardRole,
): Promise<number> {
  const config = context.config;
  // Bots log warnings too: a fallback nobody sees in a terminal still matters to an operator.
  const metrics = config.metrics ? createMetrics() : null;
  metrics?.registry.setDefaultLabels(shard ? { shard: String(shard.id) } : {});
  const manager = shard?.managed ? connectToManager(metrics) : null;
  const serverLogger = createServerLogger(
    context.stderr,
    config.logLevel ?? 'info',
    undefined,
    shard ? { shard: shard.id } : {},
  );
  const logger = metrics ? countingRefusals(serverLogger, metrics) : serverLogger;
  const links = config.web.secret ? deferredLinkSigner() : null;
  const runtime = await openRuntime(config, logger, undefined, {
    dashboardLinks: links ?? undefined,
    metrics,
  });
  const readiness = createReadiness(runtime.store);
  const coach = withEventLog(metrics ? instrumentCoach(runtime.coach, metrics) : runtime.coach, logger);
  const running: RunningAdapter[] = [];
  let server: WebServer | null = null;
  try {
    for (const name of names)
      running.push(await startAdapter(name, config, coach, logger, runtime.store.installations, shard));
    for (const adapter of running) readiness.watch(adapter);
    const slack = running.find((adapter) => adapter.requestListener)?.requestListener ?? null;
    if (manager) await signLinksForManager(links, config.web);
    else
      server = await startWebServer({
        web: config.web,
        coach: runtime.coach,
        logger,
        slack,
        links,
        metrics,
        readiness: () => readiness.check(),
      });
    readiness.set('ready');
    if (server)
      logger.info('http-listening', {
        port: server.port,
        paths: [
          ...(slack ? ['/slack/events'] : []),
          ...(slack && config.slack?.oauth ? ['/slack/install', '/slack/oauth_redirect'] : []),
          '/healthz',
          '/readyz',
          ...(metrics ? ['/metrics'] : []),
          ...(server.publicUrl ? ['/'] : []),
        ],
        dashboard: server.publicUrl,
        ...(server.publicUrl && !config.web.publicUrlSet
          ? { hint: 'set STARCOACH_PUBLIC_URL to the address people reach' }
          : {}),
      });
  } catch (error) {
    await stopAll(running, runtime, server);
    manager?.close();
    throw error;
  }
  // Every instance runs the scheduler; the store's claim lets exactly one of them post each drill.
  const scheduler = createDrillScheduler({
    store: runtime.store,
    packs: runtime.coach.packs,
    defaultPackId: runtime.defaultPackId,
    clock: runtime.coach.clock,
    logger,
    posters: running.flatMap((adapter) =>
      adapter.drillPoster
        ? [metrics ? instrumentDrillPoster(adapter.drillPoster, metrics) : adapter.drillPoster]
        : [],
    ),
  });
  scheduler.start();
  const reminders = createReminderScheduler({
    store: runtime.store,
    packs: runtime.coach.packs,
    clock: runtime.coach.clock,
    logger,
    messengers: running.flatMap((adapter) =>
      adapter.directMessenger
        ? [metrics ? instrumentMessenger(adapter.directMessenger, metrics) : adapter.directMessenger]
        : [],
    ),
  });
  reminders.start();
  // Every instance sweeps the pairing queues; the store's claims keep each match and each notice single.
  const pairs = createPairScheduler({
    pairing: coach.pairing,
    rooms: running.flatMap((adapter) => (adapter.pairRooms ? [adapter.pairRooms] : [])),
    messengers: running.flatMap((adapter) => (adapter.directMessenger ? [adapter.directMessenger] : [])),
    logger,
  });
  pairs.start();
  // Deletes the data of workspaces and servers that removed the app, once their grace period is over.
  const retention = createRetentionScheduler({ store: runtime.store, clock: runtime.coach.clock, logger });
  retention.start();
  manager?.ready();
  // In the background: the first answers to each question then do not pay for compiling its rubric.
  const warming = new AbortController();
  warmGrader(runtime.coach.packs, warming.signal).catch((error: unknown) =>
    logger.warn('grader-warm-up-failed', { error }),
  );
  await Promise.race([waitForSignal(), ...(manager ? [manager.stopped] : [])]);
  readiness.set('stopping');
  warming.abort();
  logger.info('stopping', { note: 'answers in flight are finished or stay stored for the next start' });
  // A post, reminder, purge or pairing under way finishes first: it needs the platform and the store still open.
  await Promise.all([scheduler.stop(), reminders.stop(), retention.stop(), pairs.stop()]);
  await stopAll(running, runtime, server);
  logger.info('stopped');
  manager?.close();
  return 0;
}

async function startAdapter(
  name: 'slack' | 'discord',
  config: Config,
  coach: Coach,
  logger: ServerLogger,
  installations: InstallationRecords,
  shard?: ShardRole,
): Promise<RunningAdapter> {
  if (name === 'slack') {
    const slack = requireSlack(config);
    const { createSlackAdapter } = await import('../../../adapters/slack/index.ts');
    const oauth = slack.oauth
      ? {
          ...slack.oauth,
          installations,
          // Without STARCOACH_PUBLIC_URL Slack uses the app's one registered redirect URL.
          ...(config.web.publicUrlSet ? { redirectUri: `${config.web.publicUrl}/slack/oauth_redirect` } : {}),
        }
      : null;
    // In HTTP mode Slack answers on the one HTTP server, beside the dashboard (web-server.ts).
    const adapter = createSlackAdapter({ coach, logger, ...slack, oauth, sharedServer: true });
    await adapter.start();
    logger.info('slack-started', {
      mode: slack.appToken ? 'socket' : 'http',
      workspaces: slack.oauth ? 'installed through /slack/install' : 'one (SLACK_BOT_TOKEN)',
    });
    return {
      name,
      stop: () => adapter.stop(),
      drillPoster: adapter.drillPoster,
      directMessenger: adapter.directMessenger,
      pairRooms: adapter.pairRooms,
      requestListener: adapter.requestListener,
      connected: () => adapter.connected(),
    };
  }
  const discord = requireDiscord(config);
  const { createDiscordAdapter } = await import('../../../adapters/discord/index.ts');
  // Under the manager the client takes its shard from the environment discord.js's manager set.
  const one = shard && !shard.managed ? { shard: { id: shard.id, count: shard.count } } : {};
  const adapter = createDiscordAdapter({ coach, logger, ...discord, ...one });
  await adapter.start();
  logger.info('discord-connected', shard ? { shards: shard.count } : {});
  return {
    name,
    stop: () => adapter.stop(),
    drillPoster: adapter.drillPoster,
    directMessenger: adapter.directMessenger,
    pairRooms: adapter.pairRooms,
    connected: () => adapter.connected(),
  };
}

async function stopAll(running: RunningAdapter[], runtime: Runtime, server: WebServer | null) {
  await Promise.allSettled(running.map((adapter) => adapter.stop()));
  await server?.close().catch(() => {});
  await runtime.close();
}

/** Resolves on the first SIGTERM or SIGINT (a container stop, or Ctrl-C). */
export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGTERM', done);
      process.off('SIGINT', done);
      resolve();
    };
    process.once('SIGTERM', done);
    process.once('SIGINT', done);
  });
}

export function requireSlack(config: Config) {
  const slack = config.slack;
  if (!slack)
    throw new ConfigError(
      'SLACK_NOT_CONFIGURED',
      'Set SLACK_BOT_TOKEN (and SLACK_APP_TOKEN for Socket Mode, or SLACK_SIGNING_SECRET for HTTP mode), or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to install the app in many workspaces.',
    );
  if (slack.oauth && slack.appToken) {
    throw new ConfigError(
      'SLACK_OAUTH_NEEDS_HTTP',
      'Installing the app in many workspaces needs HTTP mode (Slack sends each install back to /slack/oauth_redirect): unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET.',
    );
  }
  if (!slack.appToken && !slack.signingSecret) {
    throw new ConfigError(
      'SLACK_NOT_CONFIGURED',
      'Set SLACK_APP_TOKEN for Socket Mode, or SLACK_SIGNING_SECRET to receive HTTP requests.',
    );
  }
  return slack;
}

export function requireDiscord(config: Config) {
  if (!config.discord)
    throw new ConfigError(
      'DISCORD_NOT_CONFIGURED',
      'Set DISCORD_TOKEN (your bot token from the Developer Portal).',
    );
  return config.discord;
}

export const slackCommand: Command = {
  name: 'slack',
  summary: 'Run the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP on STARCOACH_HTTP_PORT)',
  usage: `Usage: starcoach slack

Runs the Slack app until SIGTERM. Socket Mode when SLACK_APP_TOKEN is set; otherwise HTTP on
STARCOACH_HTTP_PORT (default 3000) with the request URL /slack/events and a health check at /healthz.
With STARCOACH_WEB_SECRET set, the web dashboard is served on the same port.
Needs SLACK_BOT_TOKEN and SLACK_APP_TOKEN or SLACK_SIGNING_SECRET. For many workspaces: SLACK_CLIENT_ID,
SLACK_CLIENT_SECRET and SLACK_STATE_SECRET instead of SLACK_BOT_TOKEN (HTTP mode), and workspaces install
the app at /slack/install. See README, "Slack".

Options:
  -h, --help  show this help`,
  async run(args, context) {
    parseFlags('slack', args, {});
    requireSlack(context.config);
    return serveAdapters(['slack'], context);
  },
};

export const discordCommand: Command = {
  name: 'discord',
  summary: 'Run the Discord bot; `discord register [--guild ID]` registers its commands',
  usage: `Usage: starcoach discord [--shards auto|N | --shard-id I --shard-count N]
       starcoach discord register [--guild ID]

Runs the Discord bot until SIGTERM (needs DISCORD_TOKEN); with STARCOACH_WEB_SECRET set, the web
dashboard on STARCOACH_HTTP_PORT (default 3000). "register" installs the slash commands:
with --guild for one server at once (good for testing), without it globally (takes up to an hour).
Registering needs DISCORD_APPLICATION_ID. See README, "Discord".

Sharding (Discord requires it from 2,500 servers): --shards starts one process per shard on this
machine (auto: as many as Discord recommends). That process alone listens on STARCOACH_HTTP_PORT:
/healthz, /readyz (every shard connected), /metrics (all shards, labelled by shard) and the dashboard.
--shard-id with --shard-count runs one shard with its own port, e.g. one per Kubernetes StatefulSet
pod (its ordinal). Shards share the store: SQLite (WAL) works for shards on one machine; use Redis
or PostgreSQL (STARCOACH_STORE_URL) beyond one machine.

Options:
  --shards auto|N   run every shard, one process each
  --shard-id I      run only shard I (0 to N-1) ...
  --shard-count N   ... of N shards in all
  --guild ID        register the commands in this server only
  -h, --help        show this help`,
  async run(args, context) {
    if (args[0] === 'register') return registerDiscordCommands(args.slice(1), context);
    const { values } = parseFlags('discord', args, {
      shards: { type: 'string' },
      'shard-id': { type: 'string' },
      'shard-count': { type: 'string' },
    });
    const plan = shardPlan(values);
    requireDiscord(context.config);
    const child = context.config.shardChild;
    if (child) return serveAdapters(['discord'], context, { ...child, managed: true });
    if (plan.kind === 'manager') {
      const { runShardManager } = await import('./discord-shards.ts');
      return runShardManager(plan.shards, context);
    }
    if (plan.kind === 'one') return serveAdapters(['discord'], context, { ...plan, managed: false });
    return serveAdapters(['discord'], context);
  },
};

async function registerDiscordCommands(args: string[], context: CliContext): Promise<number> {
  const { values } = parseFlags('discord register', args, { guild: { type: 'string' } });
  const discord = requireDiscord(context.config);
  if (!discord.applicationId) {
    throw new ConfigError(
      'DISCORD_NOT_CONFIGURED',
      'Set DISCORD_APPLICATION_ID (General Information in the Developer Portal).',
    );
  }
  const { registerCommands } = await import('../../../adapters/discord/index.ts');
  const { loadAllPacks } = await import('../compose.ts');
  const count = await registerCommands({
    token: discord.token,
    applicationId: discord.applicationId,
    guildId: values.guild,
    apiUrl: discord.apiUrl,
    packIds: [...loadAllPacks(context.config).keys()],
  });
  const where = values.guild ? `in server ${values.guild}` : 'globally (visible within an hour)';
  writeLine(context.stdout, `Registered ${count} commands ${where}.`);
  return 0;
}
