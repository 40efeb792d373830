import { type Client, type Message, PermissionFlagsBits } from 'discord.js';
import { createDiscordOutbox } from './outbox.ts';
import { answerInPairThread } from './pair-answers.ts';
import { recordingOf } from './recordings.ts';
import { channelDestination } from './responder.ts';
import type { InteractionDeps } from './session-events.ts';
import { actorOf, messageEvent, type Source } from './to-event.ts';

/**
 * With the Message Content intent: a message in a thread the bot opened is an answer, typed or spoken (a
 * voice message, or an audio or video file; without the intent Discord sends no attachments). The core decides
 * whose session it is; anyone else's message there is conversation, and gets no reply at all. A peer
 * session's thread goes first: there a candidate's text is their answer for the round.
 */
export function createThreadMessageHandler(deps: InteractionDeps & { client: Client }) {
  return async function onMessage(message: Message): Promise<void> {
    const channel = message.channel;
    const inThread = channel.isThread();
    const source: Source = {
      id: message.id,
      guildId: message.guildId,
      userId: message.author.id,
      canManageGuild: message.member?.permissions.has(PermissionFlagsBits.ManageGuild) ?? false,
      channelId: message.channelId,
      parentId: inThread ? channel.parentId : null,
      memberRoles: message.member ? [...message.member.roles.cache.keys()] : [],
    };
    const automated = message.system || message.webhookId !== null;
    if (inThread && !message.author.bot && !automated && message.guildId) {
      if (await answerInPairThread(deps.coach, message, actorOf(source))) return;
    }
    const event = messageEvent(source, {
      authorIsBot: message.author.bot,
      automated,
      content: message.content,
      recording: recordingOf(message),
      threadOwnerId: inThread ? channel.ownerId : null,
      botUserId: deps.client.user?.id ?? '',
    });
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
