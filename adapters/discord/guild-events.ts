import { type Client, Events } from 'discord.js';
import type { Coach } from '../../src/index.ts';

/**
 * The bot removed from a server (kicked, or the server deleted), and added to one: the core schedules
 * the deletion of the server's data after the retention period, or calls a pending one off.
 * An outage is not a removal: Discord marks its GUILD_DELETE `unavailable`, and discord.js turns that
 * into `guildUnavailable`, never `guildDelete`. The server's own `available` flag is not consulted: a
 * server removed while it was in an outage would still read false, and its removal must still count.
 * Each shard sees only its own servers' events, so each removal is handled once.
 */
export function followGuildMembership(
  client: Client,
  coach: Coach,
  track: (work: () => Promise<void>) => void,
): void {
  client.on(Events.GuildDelete, (guild) =>
    track(() => coach.tenantRemoved('discord', guild.id, 'left-server')),
  );
  // Only servers joined while connected: those already there arrive as `guildAvailable` at startup.
  client.on(Events.GuildCreate, (guild) => track(() => coach.tenantRestored('discord', guild.id)));
}
