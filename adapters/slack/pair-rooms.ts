import type { webApi } from '@slack/bolt';
import type { PairMessage, PairPlace, PairRooms } from '../../src/index.ts';
import type { SlackMessage } from './blocks.ts';
import { renderPairMessage } from './render-pairing.ts';
import type { ClientFor } from './workspace-clients.ts';

/**
 * Peer sessions in Slack: the space is a group direct message with both members and the bot
 * (conversations.open with both users), posts are seen by both, and the interviewer's card and each
 * summary are ephemeral messages in it, shown to one member only. The workspace's own bot speaks.
 */
export function createSlackPairRooms(clientFor: ClientFor): PairRooms {
  return {
    platform: 'slack',
    async open(tenant: string, _where: PairPlace, users: readonly [string, string]): Promise<string> {
      const client = await clientFor(tenant);
      const opened = await client.conversations.open({ users: users.join(',') });
      const id = opened.channel?.id;
      if (!id) throw new Error('conversations.open gave no channel');
      return id;
    },
    async post(tenant: string, space: string, message: PairMessage): Promise<void> {
      const client = await clientFor(tenant);
      for (const part of renderPairMessage(message)) await postIn(client, space, part);
    },
    async sendPrivately(tenant: string, space: string, user: string, message: PairMessage): Promise<void> {
      const client = await clientFor(tenant);
      for (const part of renderPairMessage(message))
        await client.chat.postEphemeral({ channel: space, user, text: part.text, blocks: part.blocks });
    },
    async notify(tenant: string, user: string, message: PairMessage): Promise<void> {
      const client = await clientFor(tenant);
      const opened = await client.conversations.open({ users: user });
      const channel = opened.channel?.id;
      if (!channel) throw new Error('conversations.open gave no channel');
      for (const part of renderPairMessage(message)) await postIn(client, channel, part);
    },
  };
}

async function postIn(client: webApi.WebClient, channel: string, message: SlackMessage) {
  await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
  });
}
