import {
  ChannelType,
  type Client,
  DiscordAPIError,
  RESTJSONErrorCodes,
  type SendableChannels,
  ThreadAutoArchiveDuration,
} from 'discord.js';
import {
  type Logger,
  type PairMessage,
  type PairPlace,
  type PairRooms,
  StarcoachError,
} from '../../src/index.ts';
import {
  cardReadyPayload,
  type PairPayload,
  pairNoticePayloads,
  pairPayload,
  summaryPayloads,
} from './render-pairing.ts';
import { wording } from './wording.ts';

/**
 * Peer sessions on Discord: the space is a private thread (not invitable) in the channel the pair was
 * matched from, with both members added. The interviewer's card cannot be ephemeral without an
 * interaction, so the thread says it is ready and its button shows the card to the interviewer alone;
 * summaries are direct messages. Everything goes with the bot token (no interaction outlives 15 minutes).
 */
export function createDiscordPairRooms(client: Client, logger: Logger): PairRooms {
  async function sendable(id: string): Promise<SendableChannels> {
    const channel = await client.channels.fetch(id);
    if (!channel?.isSendable())
      throw new StarcoachError('DISCORD_PAIR_NO_CHANNEL', `channel ${id} takes no messages`);
    return channel;
  }

  async function postAll(channel: SendableChannels, payloads: PairPayload[]) {
    for (const payload of payloads) await channel.send(payload);
  }

  return {
    platform: 'discord',
    async open(_tenant: string, where: PairPlace, users: readonly [string, string]): Promise<string> {
      const id = where.channel ?? where.cohort;
      if (!id) throw new StarcoachError('DISCORD_PAIR_NO_CHANNEL', 'no channel to open the pair thread in');
      const found = await client.channels.fetch(id);
      const parent = found?.isThread() ? found.parent : found;
      if (parent?.type !== ChannelType.GuildText)
        throw new StarcoachError('DISCORD_PAIR_NO_CHANNEL', `channel ${id} cannot hold a private thread`);
      const thread = await parent.threads.create({
        name: wording.pairThreadName(),
        type: ChannelType.PrivateThread,
        invitable: false,
        autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
      });
      try {
        for (const user of users) await thread.members.add(user);
      } catch (error) {
        // A private thread a member cannot join is invisible to them: the core tells both instead.
        await thread
          .delete()
          .catch((failure: unknown) => logger.warn('discord-pair-thread-delete-failed', { error: failure }));
        throw error;
      }
      return thread.id;
    },
    async post(_tenant: string, space: string, message: PairMessage): Promise<void> {
      await postAll(await sendable(space), pairNoticePayloads(message));
    },
    async sendPrivately(_tenant: string, space: string, user: string, message: PairMessage): Promise<void> {
      if (message.type === 'scorecard') {
        await (await sendable(space)).send(cardReadyPayload(user, message.card.pairId));
        return;
      }
      try {
        await postAll(await client.users.createDM(user), summaryPayloads(message.text));
      } catch (error) {
        if (!dmsClosed(error)) throw error;
        // The summary stays private: the thread only says where it would have gone.
        await (await sendable(space)).send(pairPayload({ content: wording.pairOpenDms(user) }, [user]));
      }
    },
    async notify(_tenant: string, user: string, message: PairMessage): Promise<void> {
      await postAll(await client.users.createDM(user), summaryPayloads(message.text));
    },
  };
}

/** 50007: the member does not take direct messages from this server's members (or blocked the bot). */
function dmsClosed(error: unknown): boolean {
  return error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser;
}
