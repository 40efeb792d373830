import {
  type BaseInteraction,
  type ChatInputCommandInteraction,
  type Client,
  PermissionFlagsBits,
  type SendableChannels,
} from 'discord.js';
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

/**
 * The channel a staff command is about when it names none: where it ran, or the thread's parent (a
 * cohort is a channel, never a thread); null in a DM, where the core picks the actor's one cohort.
 */
export async function commandChannel(client: Client, interaction: BaseInteraction): Promise<string | null> {
  if (!interaction.inGuild()) return null;
  const channel = await resolveChannel(client, interaction);
  if (channel?.isThread()) return channel.parentId;
  return interaction.channelId;
}

/** A channel option's id, read from the option itself (Discord's resolved data is not needed for an id). */
export function channelOption(interaction: ChatInputCommandInteraction, name = 'channel'): string | null {
  const value = interaction.options.get(name)?.value;
  return typeof value === 'string' ? value : null;
}
