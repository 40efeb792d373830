import {
  Client,
  type ClientOptions,
  Events,
  GatewayCloseCodes,
  GatewayIntentBits,
  Partials,
} from 'discord.js';
import type { Coach, DirectMessenger, DrillPoster, Logger, PairRooms } from '../../src/index.ts';
import { ConfigError, StarcoachError } from '../../src/index.ts';
import { createDiscordDirectMessenger } from './direct-messenger.ts';
import { createDiscordDrillPoster } from './drill-poster.ts';
import { followGuildMembership } from './guild-events.ts';
import { createInteractionRouter } from './interactions.ts';
import { followPairMembers } from './pair-members.ts';
import { createDiscordPairRooms } from './pair-rooms.ts';
import { createRoleResolver } from './roles.ts';
import { createThreadMessageHandler } from './thread-messages.ts';

export { commandDefinitions, type RegisterOptions, registerCommands } from './commands.ts';
export { fetchGatewayAdvice, spawnDelayMs, startShardFleet } from './sharding.ts';

export interface DiscordAdapterOptions {
  coach: Coach;
  logger: Logger;
  token: string;
  applicationId?: string;
  /** Ask for the privileged Message Content intent: answers can then be written in the thread. */
  messageContent: boolean;
  /**
   * Ask for the privileged Guild Members intent: a member who leaves a peer session's thread then ends
   * it at once (without it, the ten-minute idle end does).
   */
  guildMembers?: boolean;
  /** The REST base (a REST proxy at scale, or a fake in tests); default https://discord.com/api. */
  apiUrl?: string;
  /** Tests: REST retries and timeout. */
  restRetries?: number;
  restTimeoutMs?: number;
  /** Tests: milliseconds between feedback edits while it streams (default 1,000). */
  editIntervalMs?: number;
  /** How long `stop()` waits for events in flight before closing the connection (default 10 s). */
  stopGraceMs?: number;
  /**
   * One shard of a sharded bot run by an orchestrator (`--shard-id`). Under discord.js's sharding
   * manager the client reads its shard from the environment the manager gives it instead.
   */
  shard?: { id: number; count: number };
}

export interface DiscordAdapter {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** For the drill scheduler: posts the question of the day and starts the thread members answer in. */
  readonly drillPoster: DrillPoster;
  /** For the reminder scheduler: a DM to one member; needs start() (the REST token is set at login). */
  readonly directMessenger: DirectMessenger;
  /** Peer sessions' spaces (private threads), for the pair sweep. */
  readonly pairRooms: PairRooms;
  /** Whether every shard of this client is connected to the gateway now (false while one reconnects). */
  connected(): boolean;
}

/**
 * Only what is used: interactions arrive with no intent at all, Guilds keeps channels and threads cached.
 * Message Content is privileged: asked for without approval, Discord closes the connection (4014).
 */
export function intentsFor(messageContent: boolean, guildMembers = false): GatewayIntentBits[] {
  const intents = [GatewayIntentBits.Guilds];
  if (guildMembers) intents.push(GatewayIntentBits.GuildMembers);
  if (messageContent) intents.push(GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent);
  return intents;
}

function clientOptions(options: DiscordAdapterOptions): ClientOptions {
  const rest: NonNullable<ClientOptions['rest']> = {};
  if (options.apiUrl) rest.api = options.apiUrl;
  if (options.restRetries !== undefined) rest.retries = options.restRetries;
  if (options.restTimeoutMs !== undefined) rest.timeout = options.restTimeoutMs;
  return {
    intents: intentsFor(options.messageContent, options.guildMembers),
    // Members are not cached (the bot adds them to threads by id): without these, their leaving is never emitted.
    partials: options.guildMembers ? [Partials.ThreadMember, Partials.GuildMember] : [],
    rest,
    allowedMentions: { parse: [] },
    ...(options.shard ? { shards: [options.shard.id], shardCount: options.shard.count } : {}),
  };
}

/** The Discord bot: slash commands, buttons and modals (and thread messages with Message Content). */
export function createDiscordAdapter(options: DiscordAdapterOptions): DiscordAdapter {
  const { coach, logger } = options;
  const client = new Client(clientOptions(options));
  const inFlight = new Set<Promise<void>>();
  let accepting = false;
  const pairRooms = createDiscordPairRooms(client, logger);
  const deps = { coach, logger, client, editIntervalMs: options.editIntervalMs, pairRooms };
  const route = createInteractionRouter({ ...deps, roles: createRoleResolver(coach) });
  const onMessage = createThreadMessageHandler(deps);

  function track(work: () => Promise<void>) {
    if (!accepting) return;
    const running: Promise<void> = work()
      .catch((error: unknown) => logger.error('discord-event-failed', { error }))
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  }

  client.on(Events.InteractionCreate, (interaction) => track(() => route(interaction)));
  if (options.messageContent) client.on(Events.MessageCreate, (message) => track(() => onMessage(message)));
  followGuildMembership(client, coach, track);
  if (options.guildMembers) followPairMembers(client, deps, track);
  client.on(Events.Error, (error) => logger.error('discord-client-error', { error }));
  client.on(Events.ShardDisconnect, (event, shard) =>
    logger.error('discord-disconnected', { code: event.code, shard }),
  );
  const shardsDown = followShards(client);

  return {
    drillPoster: createDiscordDrillPoster(client, logger),
    directMessenger: createDiscordDirectMessenger(client),
    pairRooms,
    connected: () => client.isReady() && shardsDown.size === 0,
    async start() {
      accepting = true;
      try {
        await connect(client, options.token);
      } catch (error) {
        accepting = false;
        await client.destroy();
        throw error;
      }
    },
    async stop() {
      accepting = false;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.stopGraceMs ?? 10_000);
      });
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      await client.destroy();
    },
  };
}

/** Shards whose gateway connection is down now; discord.js reconnects (or resumes) them by itself. */
function followShards(client: Client): Set<number> {
  const down = new Set<number>();
  client.on(Events.ShardDisconnect, (_event, shard) => down.add(shard));
  client.on(Events.ShardReconnecting, (shard) => down.add(shard));
  client.on(Events.ShardReady, (shard) => down.delete(shard));
  client.on(Events.ShardResume, (shard) => down.delete(shard));
  return down;
}

const disallowedIntents = () =>
  new ConfigError(
    'DISCORD_DISALLOWED_INTENTS',
    'Discord refused a privileged intent (Message Content, or Server Members). Turn it on for the bot in the ' +
      'Developer Portal (Bot → Privileged Gateway Intents), or unset DISCORD_MESSAGE_CONTENT or DISCORD_GUILD_MEMBERS.',
  );

const tokenInvalid = () =>
  new ConfigError(
    'DISCORD_TOKEN_INVALID',
    'Discord rejected DISCORD_TOKEN. Copy the bot token again (Developer Portal → Bot → Reset Token).',
  );

/** A gateway close Discord will not let the client recover from, in terms an operator can act on. */
function closeFailure(code: number): Error {
  if (code === GatewayCloseCodes.DisallowedIntents) return disallowedIntents();
  if (code === GatewayCloseCodes.AuthenticationFailed) return tokenInvalid();
  return new StarcoachError(
    'DISCORD_GATEWAY_CLOSED',
    `Discord closed the gateway connection (code ${code}).`,
  );
}

/** Logs in and waits for `clientReady` (`login()` resolves on READY, before the guilds are cached). */
async function connect(client: Client, token: string): Promise<void> {
  let onDisconnect: ((event: { code: number }) => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    client.once(Events.ClientReady, () => resolve());
    onDisconnect = (event) => reject(closeFailure(event.code));
    client.once(Events.ShardDisconnect, onDisconnect);
  });
  try {
    await Promise.all([client.login(token), ready]);
  } catch (error) {
    // A 401 on the first REST call comes back from login() itself.
    if ((error as { code?: unknown }).code === 'TokenInvalid') throw tokenInvalid();
    if (error instanceof Error && /disallowed intents/i.test(error.message)) throw disallowedIntents();
    throw error;
  } finally {
    if (onDisconnect) client.off(Events.ShardDisconnect, onDisconnect);
  }
}
