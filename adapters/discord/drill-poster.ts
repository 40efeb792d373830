import {
  type APIChannel,
  type APIMessage,
  ChannelType,
  type Client,
  Routes,
  ThreadAutoArchiveDuration,
} from 'discord.js';
import type { DrillPoster, Logger, Reply, ReplyHandle } from '../../src/index.ts';
import { apiErrorCode } from './api-errors.ts';
import { customIds } from './custom-ids.ts';
import type { EmbedDraft } from './embeds.ts';
import { answerButtonFor, colors, embedPayloads, type Payload } from './render.ts';
import { labels, wording } from './wording.ts';

type QuestionReply = Extract<Reply, { type: 'question' }>;

/** A posted drill's thread name, for people: the store, not the name, says which threads are drills. */
export function drillThreadName(date: string): string {
  return `${labels.questionOfTheDay} · ${date}`;
}

/** The channel post: the question of the day, with an Answer button for a private answer. */
export function drillPostPayloads(reply: QuestionReply): Payload[] {
  const { question } = reply;
  const draft: EmbedDraft = {
    title: `${labels.questionOfTheDay} · ${reply.drillDate ?? ''}`.trim(),
    description: question.text,
    color: colors.brand,
    fields: [
      { name: labels.kind, value: question.kind, inline: true },
      { name: labels.level, value: question.level, inline: true },
      { name: labels.competency, value: question.competencies.join(', ') || '—', inline: true },
    ],
    footer: `${reply.packTitle} · ${wording.drillHowTo()}`,
  };
  return embedPayloads(draft, [answerButtonFor(customIds.drillAnswer(question.id))]);
}

/** The message as Discord's API takes it (the payload is already API-shaped but for its mentions). */
function messageBody(item: Payload) {
  return {
    content: item.content,
    embeds: item.embeds,
    components: item.components,
    allowed_mentions: item.allowedMentions,
  };
}

const postableTypes: ChannelType[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];

/**
 * Posts the server's question of the day in its drill channel for the scheduler, and starts the public
 * thread members answer in on that message (so the thread has the message's id). Throws on any failure:
 * the scheduler releases its claim and tries again on its next tick.
 * REST only, never the guild cache: when sharded, the shard that wins the day's claim may not be the one
 * holding the server, and the post must not depend on which it is.
 */
export function createDiscordDrillPoster(client: Client, logger: Logger): DrillPoster {
  return {
    platform: 'discord',
    async postDrill(_tenant: string, channelId: string, reply: Reply): Promise<ReplyHandle> {
      if (reply.type !== 'question') throw new Error(`a drill post is a question, not ${reply.type}`);
      const channel = (await client.rest.get(Routes.channel(channelId))) as APIChannel;
      if (!postableTypes.includes(channel.type)) {
        throw new Error(`drill channel ${channelId} is not a server text channel`);
      }
      let message: APIMessage | null = null;
      for (const item of drillPostPayloads(reply)) {
        const sent = (await client.rest.post(Routes.channelMessages(channelId), {
          body: messageBody(item),
        })) as APIMessage;
        message ??= sent;
      }
      if (!message) throw new Error('nothing to post');
      try {
        const thread = (await client.rest.post(Routes.threads(channelId, message.id), {
          body: {
            name: drillThreadName(reply.drillDate ?? ''),
            auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
          },
        })) as APIChannel;
        return { id: message.id, thread: thread.id };
      } catch (error) {
        logger.warn('discord-drill-thread-failed', { channel: channelId, code: apiErrorCode(error), error });
        // Without the thread nobody can answer together; the retry posts afresh, so drop this post.
        const id = message.id;
        await client.rest.delete(Routes.channelMessage(channelId, id)).catch(() => {});
        throw error;
      }
    },
  };
}
