import { type Client, type Message, PermissionFlagsBits } from 'discord.js';
import { createDiscordOutbox } from './outbox.ts';
import { recordingOf } from './recordings.ts';
import { channelDestination } from './responder.ts';
import type { InteractionDeps } from './session-events.ts';
import { messageEvent } from './to-event.ts';

/**
 * With the Message Content intent: a message in a thread the bot opened is an answer, typed or spoken (a
 * voice message, or an audio or video file; without the intent Discord sends no attachments). The core decides
 * whose session it is; anyone else's message there is conversation, and gets no reply at all.
 */
export function createThreadMessageHandler(deps: InteractionDeps & { client: Client }) {
  return async function onMessage(message: Message): Promise<void> {
    const channel = message.channel;
    const inThread = channel.isThread();
    const event = messageEvent(
      {
        id: message.id,
        guildId: message.guildId,
        userId: message.author.id,
        canManageGuild: message.member?.permissions.has(PermissionFlagsBits.ManageGuild) ?? false,
        channelId: message.channelId,
        parentId: inThread ? channel.parentId : null,
        memberRoles: message.member ? [...message.member.roles.cache.keys()] : [],
      },
      {
        authorIsBot: message.author.bot,
        automated: message.system || message.webhookId !== null,
        content: message.content,
        recording: recordingOf(message),
        threadOwnerId: inThread ? channel.ownerId : null,
        botUserId: deps.client.user?.id ?? '',
      },
    );
    if (!event || !channel.isSendable()) return;
    const outbox = createDiscordOutbox({
      logger: deps.logger,
      responder: null,
      destination: channelDestination(channel),
      openThread: null,
      echo: null,
      editIntervalMs: deps.editIntervalMs,
    });
    await deps.coach.handle(event, outbox);
  };
}
