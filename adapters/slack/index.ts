import type { RequestListener, Server } from 'node:http';
import {
  App,
  type Logger as BoltLogger,
  ErrorCode,
  HTTPReceiver,
  LogLevel,
  type Receiver,
  SocketModeReceiver,
  webApi,
} from '@slack/bolt';
import {
  type Coach,
  ConfigError,
  type DirectMessenger,
  type DrillPoster,
  type Logger,
  type PairRooms,
} from '../../src/index.ts';
import { createSlackDirectMessenger } from './direct-messenger.ts';
import { createSlackDrillPoster } from './drill-poster.ts';
import { createSlackInstallations, type SlackInstallations } from './installation-store.ts';
import { registerLifecycle } from './lifecycle.ts';
import { registerListeners } from './listeners.ts';
import { oauthReceiverOptions, type SlackOAuthOptions } from './oauth.ts';
import { createSlackPairRooms } from './pair-rooms.ts';
import { createRoleResolver } from './roles.ts';
import { createWorkspaceClients, type TokenSource } from './workspace-clients.ts';

export type { SlackOAuthOptions } from './oauth.ts';

export interface SlackAdapterOptions {
  coach: Coach;
  logger: Logger;
  /** One workspace: its bot token (SLACK_BOT_TOKEN). Give this or `oauth`, not both. */
  botToken?: string;
  /**
   * Many workspaces, each installing the app at /slack/install (HTTP mode only): Bolt's OAuth flow,
   * with each workspace's bot token kept in the shared store.
   */
  oauth?: SlackOAuthOptions | null;
  /** HTTP mode: every request is checked against it. */
  signingSecret?: string;
  /** Socket Mode when set (xapp-…): no public URL needed. */
  appToken?: string;
  /** Another Web API base (GovSlack, a proxy, a test fake), like https://slack.com/api/. */
  apiUrl?: string;
  port: number;
  host?: string;
  /**
   * HTTP mode on a server someone else runs (serve's one port, shared with the web dashboard): start()
   * does not listen, and `requestListener` answers /slack/events and /healthz there.
   */
  sharedServer?: boolean;
  /** Slack user ids who may configure the workspace, like admins. */
  instructors: string[];
  /** Tests: the HTTP response waits for the handler, so a test sees its effects when the request returns. */
  processBeforeResponse?: boolean;
  /** Tests: Web API retries (the client's default retries for about 30 minutes). */
  clientRetries?: number;
  botUserId?: string;
}

export interface SlackAdapter {
  /** Listens (HTTP: the bound port; null on a shared server) or connects (Socket Mode: null). */
  start(): Promise<{ port: number | null }>;
  /**
   * HTTP mode: Slack's requests (/slack/events, /healthz, and with OAuth /slack/install and
   * /slack/oauth_redirect), for a server of our own; null in Socket Mode.
   */
  readonly requestListener: RequestListener | null;
  /** Stops taking events, then waits (bounded) for answers in flight; unfinished ones stay stored. */
  stop(): Promise<void>;
  /**
   * For the drill scheduler (platform 'slack'): posts the question of the day in the drill channel, with
   * Answer privately, and returns `{ id: ts, thread: ts }`; members answer in that thread. Works before
   * start() (it only calls the Web API) and throws when Slack refuses, so the scheduler tries again.
   */
  readonly drillPoster: DrillPoster;
  /** For the reminder scheduler: DMs through their own client, which rejects a 429 for the sender to retry. */
  readonly directMessenger: DirectMessenger;
  /**
   * Peer mock interviews: a group DM per pair, the interviewer's card and the summaries as ephemeral
   * messages in it. Commands and buttons use it; so does the pair sweep (matches it finds, idle sessions).
   */
  readonly pairRooms: PairRooms;
  /** Socket Mode: whether the WebSocket to Slack is up now. HTTP mode: always, Slack calls us. */
  connected(): boolean;
}

const streamIntervalMs = 1000;
const stopWaitMs = 10_000;
const apiTimeoutMs = 15_000;

/** The Slack app: Bolt over HTTP or Socket Mode, translating between Slack and the coach. */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { logger, coach } = options;
  const inFlight = new Set<Promise<void>>();
  const state = { started: false, stopping: false };
  const installations = options.oauth
    ? createSlackInstallations({
        records: options.oauth.installations,
        clock: coach.clock,
        logger,
        onInstalled: (tenant) => coach.tenantRestored('slack', tenant),
      })
    : null;
  const receiver = createReceiver(options, installations, () => state.stopping);
  const socket = followSocket(receiver);
  const app = new App({
    receiver,
    // With OAuth, Bolt's installer authorizes each event from the workspace's installation. With one
    // token, Bolt would call auth.test to learn the bot's ids; our own filter drops every bot's messages.
    ...(installations
      ? {}
      : { authorize: async () => ({ botToken: options.botToken, botUserId: options.botUserId }) }),
    clientOptions: clientOptionsFor(options),
    logger: toBoltLogger(logger),
    ignoreSelf: false,
    convoStore: false,
  });
  app.error(async (error) => {
    // A workspace without an installation was logged, with its id, when the lookup failed.
    if (error.code === ErrorCode.AuthorizationError) return;
    logger.error('slack-listener-failed', { error });
  });
  const track = (work: () => Promise<void>) => {
    const running = work().catch((error: unknown) => logger.error('slack-work-failed', { error }));
    inFlight.add(running);
    return running.finally(() => inFlight.delete(running));
  };
  const tokens: TokenSource = installations
    ? (tenant) => installations.botToken(tenant)
    : async () => options.botToken ?? null;
  const clientsWith = (extra: webApi.WebClientOptions) =>
    createWorkspaceClients(
      tokens,
      (token) =>
        new webApi.WebClient(token, { ...clientOptionsFor(options), ...extra, logger: toBoltLogger(logger) }),
    );
  const pairRooms = createSlackPairRooms(clientsWith({}));
  const roles = createRoleResolver(options.instructors, logger, coach.clock);
  const files = { apiUrl: options.apiUrl, logger };
  registerListeners(app, { coach, logger, roles, track, streamIntervalMs, files, pairRooms });
  registerLifecycle(app, { coach, logger, installations, track });

  return {
    drillPoster: createSlackDrillPoster(clientsWith({}), logger),
    directMessenger: createSlackDirectMessenger(clientsWith({ rejectRateLimitedCalls: true })),
    pairRooms,
    requestListener: receiver instanceof HTTPReceiver ? receiver.requestListener : null,
    connected: () => socket.connected,
    async start() {
      const port = options.sharedServer && !options.appToken ? null : await startApp(app, options);
      state.started = true;
      return { port };
    },
    async stop() {
      if (!state.started || state.stopping) return;
      state.stopping = true;
      const drained = Promise.allSettled([...inFlight]);
      // On a shared server the one who started it closes it.
      const closed =
        options.sharedServer && !options.appToken
          ? Promise.resolve()
          : app.stop().catch((error: unknown) => logger.warn('slack-stop-failed', { error }));
      await withTimeout(Promise.all([drained, closed]), stopWaitMs);
    },
  };
}

/**
 * The Socket Mode client's state, from its own events: it reconnects by itself after a drop or Slack's
 * periodic refresh, and meanwhile no event reaches this instance.
 */
function followSocket(receiver: Receiver): { connected: boolean } {
  const state = { connected: true };
  if (!(receiver instanceof SocketModeReceiver)) return state;
  state.connected = false;
  receiver.client.on('connected', () => {
    state.connected = true;
  });
  // 'close' is the WebSocket's own: the client waits its ping timeout before it says 'reconnecting'.
  for (const event of ['close', 'reconnecting', 'disconnecting', 'disconnected'])
    receiver.client.on(event, () => {
      state.connected = false;
    });
  return state;
}

async function startApp(app: App, options: SlackAdapterOptions) {
  if (options.appToken) {
    await app.start();
    return null;
  }
  const server = (await app.start({ port: options.port, host: options.host })) as Server;
  const address = server.address();
  return typeof address === 'object' && address ? address.port : options.port;
}

function clientOptionsFor(options: SlackAdapterOptions): webApi.WebClientOptions {
  return {
    ...(options.apiUrl
      ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` }
      : {}),
    retryConfig:
      options.clientRetries === undefined
        ? webApi.retryPolicies.fiveRetriesInFiveMinutes
        : { retries: options.clientRetries },
    timeout: apiTimeoutMs,
  };
}

function createReceiver(
  options: SlackAdapterOptions,
  installations: SlackInstallations | null,
  stopping: () => boolean,
): Receiver {
  const logger = toBoltLogger(options.logger);
  if (Boolean(options.botToken) === Boolean(options.oauth)) {
    throw new ConfigError(
      'SLACK_MODE_AMBIGUOUS',
      'Set SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET for many (not both).',
    );
  }
  if (options.appToken && installations) {
    throw new ConfigError(
      'SLACK_OAUTH_NEEDS_HTTP',
      'Installing the app in many workspaces needs HTTP mode (Slack sends each install back to /slack/oauth_redirect): unset SLACK_APP_TOKEN and set SLACK_SIGNING_SECRET.',
    );
  }
  if (options.appToken) {
    const installerOptions = { clientOptions: clientOptionsFor(options) };
    return new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions });
  }
  if (!options.signingSecret) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET_MISSING',
      'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).',
    );
  }
  return new HTTPReceiver({
    ...(options.oauth && installations
      ? oauthReceiverOptions(
          options.oauth,
          installations,
          clientOptionsFor(options),
          options.logger,
          options.apiUrl,
        )
      : {}),
    signingSecret: options.signingSecret,
    processBeforeResponse: options.processBeforeResponse ?? false,
    logger,
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_request, response) => {
          // A stopping replica says so, and the load balancer sends new requests elsewhere.
          response.writeHead(stopping() ? 503 : 200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ ok: !stopping() }));
        },
      },
    ],
  });
}

/** An answer still grading when time runs out stays stored and is graded on the next event. */
async function withTimeout(work: Promise<unknown>, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  await Promise.race([work, timeout]);
  clearTimeout(timer);
}

/** Bolt's chatter goes to our logger: warnings and errors only, with the message and no payloads. */
function toBoltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const text = (parts: unknown[]) =>
    parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ');
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts) => logger.warn('slack-bolt', { message: text(parts) }),
    error: (...parts) => logger.error('slack-bolt', { message: text(parts) }),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
