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
import { deferredLinkSigner, startWebServer, type WebServer } from '../web-server.ts';

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

/** Starts the chat adapters named, on one runtime, until SIGTERM or SIGINT. Adapters load lazily. */
export async function serveAdapters(names: ('slack' | 'discord')[], context: CliContext): Promise<number> {
  const config = context.config;
  // Bots log warnings too: a fallback nobody sees in a terminal still matters to an operator.
  const metrics = config.metrics ? createMetrics() : null;
  const serverLogger = createServerLogger(context.stderr, config.logLevel ?? 'info');
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
      running.push(await startAdapter(name, config, coach, logger, runtime.store.installations));
    for (const adapter of running) readiness.watch(adapter);
    const slack = running.find((adapter) => adapter.requestListener)?.requestListener ?? null;
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
  // In the background: the first answers to each question then do not pay for compiling its rubric.
  const warming = new AbortController();
  warmGrader(runtime.coach.packs, warming.signal).catch((error: unknown) =>
    logger.warn('grader-warm-up-failed', { error }),
  );
  await waitForSignal();
  readiness.set('stopping');
  warming.abort();
  logger.info('stopping', { note: 'answers in flight are finished or stay stored for the next start' });
  scheduler.stop();
  reminders.stop();
  pairs.stop();
  retention.stop();
  await stopAll(running, runtime, server);
  return 0;
}

async function startAdapter(
  name: 'slack' | 'discord',
  config: Config,
  coach: Coach,
  logger: ServerLogger,
  installations: InstallationRecords,
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
  const adapter = createDiscordAdapter({ coach, logger, ...discord });
  await adapter.start();
  logger.info('discord-connected');
  return {
    name,
    stop: () => adapter.stop(),
    drillPoster: adapter.drillPoster,
    directMessenger: adapter.directMessenger,
    connected: () => adapter.connected(),
  };
}

async function stopAll(running: RunningAdapter[], runtime: Runtime, server: WebServer | null) {
  await Promise.allSettled(running.map((adapter) => adapter.stop()));
  await server?.close().catch(() => {});
  await runtime.close();
}

function waitForSignal(): Promise<void> {
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
  usage: `Usage: starcoach discord
       starcoach discord register [--guild ID]

Runs the Discord bot until SIGTERM (needs DISCORD_TOKEN); with STARCOACH_WEB_SECRET set, the web
dashboard on STARCOACH_HTTP_PORT (default 3000). "register" installs the slash commands:
with --guild for one server at once (good for testing), without it globally (takes up to an hour).
Registering needs DISCORD_APPLICATION_ID. See README, "Discord".

Options:
  --guild ID  register the commands in this server only
  -h, --help  show this help`,
  async run(args, context) {
    if (args[0] === 'register') return registerDiscordCommands(args.slice(1), context);
    parseFlags('discord', args, {});
    requireDiscord(context.config);
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
