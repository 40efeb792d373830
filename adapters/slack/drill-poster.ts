import type { webApi } from '@slack/bolt';
import type { DrillPoster, Logger, Reply, ReplyHandle } from '../../src/index.ts';
import type { SlackMessage } from './blocks.ts';
import { renderDrillPost } from './render.ts';
import { slackErrorCode } from './slack-errors.ts';
import type { ClientFor } from './workspace-clients.ts';

/**
 * Posts the workspace's question of the day in its drill channel for the scheduler. The post is the root
 * of the thread members answer in, so its ts is both the message and the thread. A failure throws: the
 * scheduler releases its claim and tries again on its next tick.
 */
export function createSlackDrillPoster(clientFor: ClientFor, logger: Logger): DrillPoster {
  return {
    platform: 'slack',
    async postDrill(tenant: string, channel: string, reply: Reply): Promise<ReplyHandle> {
      const [first, ...rest] = renderDrillPost(reply);
      if (!first) throw new Error('nothing to post');
      // The workspace's own bot posts: with OAuth installs each workspace has its own token.
      const client = await clientFor(tenant);
      const ts = await postJoiningIfNeeded(client, logger, channel, first);
      for (const message of rest) await post(client, channel, message, ts);
      return { id: ts, thread: ts };
    },
  };
}

/** The bot joins a public drill channel it is not in yet (`channels:join`); a private one needs an invite. */
async function postJoiningIfNeeded(
  client: webApi.WebClient,
  logger: Logger,
  channel: string,
  message: SlackMessage,
): Promise<string> {
  try {
    return await post(client, channel, message);
  } catch (error) {
    if (slackErrorCode(error) !== 'not_in_channel') throw error;
    logger.warn('slack-drill-joining-channel', { channel });
    await client.conversations.join({ channel });
    return post(client, channel, message);
  }
}

async function post(
  client: webApi.WebClient,
  channel: string,
  message: SlackMessage,
  thread?: string,
): Promise<string> {
  const result = await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    ...(thread ? { thread_ts: thread } : {}),
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!result.ts) throw new Error('chat.postMessage gave no ts');
  return result.ts;
}
