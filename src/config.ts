import { userInfo } from 'node:os';
import { z } from 'zod';
import { ConfigError } from './errors.ts';
import { defaultStoreUrl } from './store/store-url.ts';

const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalString = z.preprocess(blankToUndefined, z.string().optional());

/** Every environment variable starcoach reads, parsed once at startup. */
export const configSchema = z.object({
  STARCOACH_STORE_URL: z.preprocess(blankToUndefined, z.string().default(defaultStoreUrl)),
  /** Prefix of the store's tables and keys, so several bots (or test runs) can share one server. */
  STARCOACH_STORE_PREFIX: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, 'must be a letter, then up to 39 letters, digits or _')
      .default('starcoach'),
  ),
  /** How long opening a Redis or PostgreSQL store may take before starcoach gives up. */
  STARCOACH_STORE_CONNECT_TIMEOUT_MS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(100, 'must be at least 100 (milliseconds)').max(600_000).default(5000),
  ),
  STARCOACH_DEFAULT_PACK: z.preprocess(blankToUndefined, z.string().default('medical-coding')),
  /** A folder of extra pack files, loaded beside the built-in ones. */
  STARCOACH_PACKS_DIR: optionalString,
  /** Who the terminal user is; defaults to the OS account name. */
  STARCOACH_USER: optionalString,
  NO_COLOR: optionalString,
  /**
   * pino's levels. error: failures; warn: also fallbacks and retries given up; info (the bots' default):
   * also one line per event handled. Logs never carry answer text or secrets.
   */
  STARCOACH_LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
  CI: optionalString,
  /** 0 turns /metrics (Prometheus) off; on by default for the bots. */
  STARCOACH_METRICS: z.preprocess(blankToUndefined, z.enum(['0', '1']).default('1')),
  /** LLM feedback is on when this is set; local OpenAI-compatible servers accept any placeholder. */
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.preprocess(
    blankToUndefined,
    z.url({ message: 'must be a URL like http://localhost:11434/v1' }).optional(),
  ),
  STARCOACH_MODEL: optionalString,
  /** Speech to text for voice answers, through the same OPENAI_BASE_URL. */
  STARCOACH_TRANSCRIBE_MODEL: z.preprocess(blankToUndefined, z.string().default('gpt-4o-mini-transcribe')),
  /**
   * A speech server of its own for voice answers (a whisper.cpp or faster-whisper server), so they work
   * without LLM grading, or with the LLM elsewhere. Unset: OPENAI_BASE_URL.
   */
  STARCOACH_TRANSCRIBE_BASE_URL: z.preprocess(
    blankToUndefined,
    z.url({ message: 'must be a URL like http://localhost:8080/v1' }).optional(),
  ),
  /** The longest recording transcribed; longer ones are refused before upload. */
  STARCOACH_MAX_AUDIO_SECONDS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(5, 'must be at least 5 (seconds)')
      .max(3600, 'must be at most 3600 (an hour)')
      .default(300),
  ),
  STARCOACH_LLM_TIMEOUT_MS: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(100, 'must be at least 100 (milliseconds)').max(600_000).default(20_000),
  ),
  /** Prompt + completion tokens per user per UTC day; 0 or unset means no limit. */
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  /** Socket Mode when set (xapp-…); HTTP mode otherwise. */
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: z.preprocess(
    blankToUndefined,
    z.url({ message: 'must be a URL like https://slack.com/api/' }).optional(),
  ),
  /** Slack user ids (comma-separated) who may configure drills and see cohort reports. */
  STARCOACH_SLACK_INSTRUCTORS: optionalString,
  /** One app for many workspaces (OAuth installs at /slack/install): all three together. */
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  /** Signs the OAuth state that ties Slack's redirect to the browser that started the install. */
  SLACK_STATE_SECRET: z.preprocess(
    blankToUndefined,
    z.string().min(32, 'must be at least 32 characters; make one with: openssl rand -hex 32').optional(),
  ),
  /** Older name of STARCOACH_HTTP_PORT, which wins when both are set (platforms such as Heroku set PORT). */
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).optional()),
  /** The one HTTP port: Slack's events in HTTP mode and the web dashboard. */
  STARCOACH_HTTP_PORT: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(0).max(65535, 'must be a port number, 0 to 65535').optional(),
  ),
  /** Where members reach the dashboard: the base of the links the bot sends. */
  STARCOACH_PUBLIC_URL: z.preprocess(
    blankToUndefined,
    z
      .url({ message: 'must be a URL like https://coach.example.org', protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  ),
  /** Signs dashboard links and sessions; the dashboard is off without it. Changing it revokes every link. */
  STARCOACH_WEB_SECRET: z.preprocess(
    blankToUndefined,
    z.string().min(32, 'must be at least 32 characters; make one with: openssl rand -hex 32').optional(),
  ),
  /** 1 behind a reverse proxy: the client address for rate limits comes from X-Forwarded-For. */
  STARCOACH_TRUST_PROXY: z.preprocess(blankToUndefined, z.enum(['0', '1']).default('0')),
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  /** 1 asks for the privileged Message Content intent (must be approved for the app, or Discord closes the connection). */
  DISCORD_MESSAGE_CONTENT: z.preprocess(blankToUndefined, z.enum(['0', '1']).default('0')),
  /** 1 asks for the privileged Server Members intent: leaving a peer session's thread then ends it at once. */
  DISCORD_GUILD_MEMBERS: z.preprocess(blankToUndefined, z.enum(['0', '1']).default('0')),
  DISCORD_API_URL: z.preprocess(
    blankToUndefined,
    z.url({ message: 'must be a URL like https://discord.com/api' }).optional(),
  ),
  /** How long a member waits in the peer-pairing queue before being told nobody came. */
  STARCOACH_PAIR_WAIT_MINUTES: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(1, 'must be at least 1 (minute)')
      .max(240, 'must be at most 240 (four hours)')
      .default(15),
  ),
  /** Days a removed workspace's or server's data is kept (a reinstall brings it back), then deleted. */
  STARCOACH_RETENTION_DAYS: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(0, 'must be 0 (delete at once) or a number of days')
      .max(3650, 'must be at most 3650 (ten years)')
      .default(30),
  ),
  STARCOACH_DAILY_TOKEN_BUDGET: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().min(0, 'must be 0 (no limit) or a positive number of tokens').default(0),
  ),
});

export interface Config {
  storeUrl: string;
  storePrefix: string;
  storeConnectTimeoutMs: number;
  defaultPackId: string;
  packsDir: string | undefined;
  terminalUser: string;
  /** NO_COLOR set to anything non-empty turns colour off (no-color.org). */
  noColor: boolean;
  /** Unset means each entry point picks: the terminal stays quiet (error), bots log warnings. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' | undefined;
  cwd: string;
  llm: LlmConfig | null;
  voice: VoiceConfig;
  /** Serve /metrics in server mode (STARCOACH_METRICS, on by default). */
  metrics: boolean;
  /** Days a removed workspace's or server's data is kept before deletion (STARCOACH_RETENTION_DAYS). */
  retentionDays: number;
  /** Minutes a member waits in the peer-pairing queue (STARCOACH_PAIR_WAIT_MINUTES). */
  pairWaitMinutes: number;
  /** Present when SLACK_BOT_TOKEN or the OAuth trio (SLACK_CLIENT_ID, …) is set. */
  slack: SlackConfig | null;
  /** Present when DISCORD_TOKEN is set. */
  discord: DiscordConfig | null;
  /**
   * Set when this process is one shard that `starcoach discord --shards` started: the Discord library's sharding
   * manager says so in SHARDING_MANAGER, SHARDS and SHARD_COUNT (its variables, not an operator's).
   */
  shardChild: { id: number; count: number } | null;
  web: WebConfig;
}

export interface WebConfig {
  port: number;
  /** No trailing slash; http://localhost:<port> when STARCOACH_PUBLIC_URL is unset. */
  publicUrl: string;
  /** Whether STARCOACH_PUBLIC_URL was set: without it links only work on this machine. */
  publicUrlSet: boolean;
  /** Null: the dashboard is off. */
  secret: string | null;
  trustProxy: boolean;
}

export interface SlackConfig {
  /** Single-workspace mode: the one bot token. Unset when workspaces install the app through OAuth. */
  botToken: string | undefined;
  /** Multi-workspace mode: each workspace installs the app and its own bot token is stored. */
  oauth: SlackOAuthConfig | null;
  signingSecret: string | undefined;
  appToken: string | undefined;
  apiUrl: string | undefined;
  port: number;
  instructors: string[];
}

export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
}

export interface DiscordConfig {
  token: string;
  applicationId: string | undefined;
  messageContent: boolean;
  guildMembers: boolean;
  apiUrl: string | undefined;
}

/** Voice answers are on when `transcription` is set. */
export interface VoiceConfig {
  /**
   * Where speech goes: STARCOACH_TRANSCRIBE_BASE_URL when set (with OPENAI_API_KEY, or a placeholder:
   * self-hosted servers ignore it), else OPENAI_BASE_URL (or OpenAI) when OPENAI_API_KEY is set; else null.
   */
  transcription: { apiKey: string; baseURL: string | undefined } | null;
  transcribeModel: string;
  maxAudioSeconds: number;
  /** Per attempt (STARCOACH_LLM_TIMEOUT_MS): transcription shares grading's deadline. */
  timeoutMs: number;
}

export interface LlmConfig {
  apiKey: string;
  baseURL: string | undefined;
  model: string | undefined;
  timeoutMs: number;
  dailyTokenBudget: number | null;
}

export function loadConfig(env: Record<string, string | undefined>, cwd: string): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    // Values are never echoed: some of these variables are secrets.
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(
      'CONFIG_INVALID',
      `Configuration problem:\n${lines.map((line) => `  - ${line}`).join('\n')}`,
    );
  }
  const values = parsed.data;
  const httpPort = values.STARCOACH_HTTP_PORT ?? values.PORT ?? 3000;
  return {
    storeUrl: values.STARCOACH_STORE_URL,
    storePrefix: values.STARCOACH_STORE_PREFIX,
    storeConnectTimeoutMs: values.STARCOACH_STORE_CONNECT_TIMEOUT_MS,
    defaultPackId: values.STARCOACH_DEFAULT_PACK,
    packsDir: values.STARCOACH_PACKS_DIR,
    terminalUser: values.STARCOACH_USER ?? safeUserName(),
    noColor: values.NO_COLOR !== undefined,
    logLevel: values.STARCOACH_LOG_LEVEL,
    cwd,
    llm: values.OPENAI_API_KEY
      ? {
          apiKey: values.OPENAI_API_KEY,
          baseURL: values.OPENAI_BASE_URL,
          model: values.STARCOACH_MODEL,
          timeoutMs: values.STARCOACH_LLM_TIMEOUT_MS,
          dailyTokenBudget: values.STARCOACH_DAILY_TOKEN_BUDGET || null,
        }
      : null,
    metrics: values.STARCOACH_METRICS === '1',
    retentionDays: values.STARCOACH_RETENTION_DAYS,
    pairWaitMinutes: values.STARCOACH_PAIR_WAIT_MINUTES,
    voice: {
      transcription: values.STARCOACH_TRANSCRIBE_BASE_URL
        ? { apiKey: values.OPENAI_API_KEY ?? 'none', baseURL: values.STARCOACH_TRANSCRIBE_BASE_URL }
        : values.OPENAI_API_KEY
          ? { apiKey: values.OPENAI_API_KEY, baseURL: values.OPENAI_BASE_URL }
          : null,
      transcribeModel: values.STARCOACH_TRANSCRIBE_MODEL,
      timeoutMs: values.STARCOACH_LLM_TIMEOUT_MS,
      maxAudioSeconds: values.STARCOACH_MAX_AUDIO_SECONDS,
    },
    slack: slackConfigured(values)
      ? {
          botToken: values.SLACK_BOT_TOKEN,
          oauth: slackOAuth(values),
          signingSecret: values.SLACK_SIGNING_SECRET,
          appToken: values.SLACK_APP_TOKEN,
          apiUrl: values.SLACK_API_URL,
          port: httpPort,
          instructors: (values.STARCOACH_SLACK_INSTRUCTORS ?? '')
            .split(',')
            .map((id) => id.trim())
            .filter(Boolean),
        }
      : null,
    discord: values.DISCORD_TOKEN
      ? {
          token: values.DISCORD_TOKEN,
          applicationId: values.DISCORD_APPLICATION_ID,
          messageContent: values.DISCORD_MESSAGE_CONTENT === '1',
          guildMembers: values.DISCORD_GUILD_MEMBERS === '1',
          apiUrl: values.DISCORD_API_URL,
        }
      : null,
    shardChild: shardChildOf(env),
    web: {
      port: httpPort,
      publicUrl: values.STARCOACH_PUBLIC_URL ?? `http://localhost:${httpPort}`,
      publicUrlSet: values.STARCOACH_PUBLIC_URL !== undefined,
      secret: values.STARCOACH_WEB_SECRET ?? null,
      trustProxy: values.STARCOACH_TRUST_PROXY === '1',
    },
  };
}

function shardChildOf(env: Record<string, string | undefined>): Config['shardChild'] {
  if (env.SHARDING_MANAGER !== 'true') return null;
  const id = Number(env.SHARDS);
  const count = Number(env.SHARD_COUNT);
  if (!(Number.isInteger(id) && Number.isInteger(count) && id >= 0 && id < count)) {
    throw new ConfigError(
      'CONFIG_INVALID',
      'SHARDING_MANAGER is set but SHARDS and SHARD_COUNT do not name one shard: ' +
        'start shards with `starcoach discord --shards N`, not by hand.',
    );
  }
  return { id, count };
}

type ConfigValues = z.infer<typeof configSchema>;

const oauthVariables = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

function slackConfigured(values: ConfigValues): boolean {
  const oauth = slackOAuth(values);
  if (oauth && values.SLACK_BOT_TOKEN) {
    throw new ConfigError(
      'SLACK_MODE_AMBIGUOUS',
      'Configuration problem:\n  - SLACK_BOT_TOKEN: leave it unset with SLACK_CLIENT_ID (installs through OAuth bring each workspace its own token), or unset the SLACK_CLIENT_* variables for one workspace',
    );
  }
  return values.SLACK_BOT_TOKEN !== undefined || oauth !== null;
}

/** The OAuth trio, all or nothing: a missing one is named, so a half-done setup fails at startup. */
function slackOAuth(values: ConfigValues): SlackOAuthConfig | null {
  const {
    SLACK_CLIENT_ID: clientId,
    SLACK_CLIENT_SECRET: clientSecret,
    SLACK_STATE_SECRET: stateSecret,
  } = values;
  if (clientId && clientSecret && stateSecret) return { clientId, clientSecret, stateSecret };
  const missing = oauthVariables.filter((name) => values[name] === undefined);
  if (missing.length === oauthVariables.length) return null;
  const given = oauthVariables.filter((name) => !missing.includes(name));
  throw new ConfigError(
    'SLACK_OAUTH_INCOMPLETE',
    `Configuration problem:\n  - ${missing.join(', ')}: required with ${given.join(' and ')} (installing the app in many workspaces needs all three; see README, "Slack")`,
  );
}

function safeUserName(): string {
  try {
    return userInfo().username || 'me';
  } catch {
    // Some containers run under a uid with no passwd entry; any stable name will do.
    return 'me';
  }
}

/** The process environment, read here and nowhere else. */
export function processEnv(): Record<string, string | undefined> {
  return process.env;
}
