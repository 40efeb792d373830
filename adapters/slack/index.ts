import type { RequestListener, Server } from 'node:http';
import {
  App,
  type Logger as BoltLogger,
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
} from '../../src/index.ts';
import { createSlackDirectMessenger } from './direct-messenger.ts';
import { createSlackDrillPoster } from './drill-poster.ts';
import { registerListeners } from './listeners.ts';
import { createRoleResolver } from './roles.ts';

export interface SlackAdapterOptions {
  coach: Coach;
  logger: Logger;
  botToken: string;
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
  /** HTTP mode: Slack's requests (/slack/events, /healthz), for a server of our own; null in Socket Mode. */
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
  /** Socket Mode: whether the WebSocket to Slack is up now. HTTP mode: always, Slack calls us. */
  connected(): boolean;
}

const streamIntervalMs = 1000;
const stopWaitMs = 10_000;
const apiTimeoutMs = 15_000;

/** The Slack app: Bolt over HTTP or Socket Mode, translating between Slack and the coach. */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { logger } = options;
  const inFlight = new Set<Promise<void>>();
  const state = { started: false, stopping: false };
  const receiver = createReceiver(options, () => state.stopping);
  const socket = followSocket(receiver);
  const app = new App({
    receiver,
    // Bolt would call auth.test to learn the bot's ids; our own filter drops every bot's messages.
    authorize: async () => ({ botToken: options.botToken, botUserId: options.botUserId }),
    clientOptions: clientOptionsFor(options),
    logger: toBoltLogger(logger),
    ignoreSelf: false,
    convoStore: false,
  });
  app.error(async (error) => logger.error('slack-listener-failed', { error }));
  const track = (work: () => Promise<void>) => {
    const running = work().catch((error: unknown) => logger.error('slack-work-failed', { error }));
    inFlight.add(running);
    return running.finally(() => inFlight.delete(running));
  };
  const roles = createRoleResolver(options.instructors, logger, options.coach.clock);
  const files = { botToken: options.botToken, apiUrl: options.apiUrl, logger };
  registerListeners(app, { coach: options.coach, logger, roles, track, streamIntervalMs, files });

  const webClient = new webApi.WebClient(options.botToken, {
    ...clientOptionsFor(options),
    logger: toBoltLogger(logger),
  });

  const dmClient = new webApi.WebClient(options.botToken, {
    ...clientOptionsFor(options),
    rejectRateLimitedCalls: true,
    logger: toBoltLogger(logger),
  });

  return {
    drillPoster: createSlackDrillPoster(webClient, logger),
    directMessenger: createSlackDirectMessenger(dmClient),
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

function createReceiver(options: SlackAdapterOptions, stopping: () => boolean): Receiver {
  const logger = toBoltLogger(options.logger);
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
