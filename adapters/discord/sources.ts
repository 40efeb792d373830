import { type BaseInteraction, type Client, PermissionFlagsBits, type SendableChannels } from 'discord.js';
import type { Source } from './to-event.ts';

/** A channel replies can be posted in: a text channel, a thread, a DM. */
export type SourceChannel = SendableChannels;

/**
 * The interaction's channel, fetched when it is not cached (a thread archived before a restart): the
 * place of an event needs the thread's parent. Called after the ack, since fetching takes a round trip.
 */
export async function resolveChannel(
  client: Client,
  interaction: BaseInteraction,
): Promise<SourceChannel | null> {
  const cached = interaction.channel;
  if (cached) return cached.isSendable() ? cached : null;
  if (!interaction.channelId || !interaction.inGuild()) return null;
  const fetched = await client.channels.fetch(interaction.channelId).catch(() => null);
  return fetched?.isSendable() ? fetched : null;
}

export function interactionSource(interaction: BaseInteraction, channel: SourceChannel | null): Source {
  return {
    id: interaction.id,
    guildId: interaction.guildId,
    userId: interaction.user.id,
    canManageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    channelId: interaction.channelId ?? channel?.id ?? 'unknown',
    parentId: channel?.isThread() ? channel.parentId : null,
    memberRoles: roleIdsOf(interaction.member),
  };
}

/** Role ids of a member as discord.js gives it: a cached GuildMember, or the API's raw member. */
export function roleIdsOf(
  member: { roles: string[] | { cache: { keys(): Iterable<string> } } } | null,
): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
}
