import { type Client, type Message, PermissionFlagsBits } from 'discord.js';
import { isPostedDrillThread } from './drill-poster.ts';
import { createDiscordOutbox } from './outbox.ts';
import { channelDestination } from './responder.ts';
import type { InteractionDeps } from './session-events.ts';
import { messageEvent } from './to-event.ts';

/**
 * With the Message Content intent: a message in a thread the bot opened is an answer. The core decides
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
        threadOwnerId: inThread ? channel.ownerId : null,
        botUserId: deps.client.user?.id ?? '',
      },
    );
    if (!event || !channel.isSendable()) return;
    // Under a posted drill everyone answers in one thread: it stays open, and the private line that ends
    // a member's drill has nowhere private to go (their feedback above already says it).
    const postedDrill = inThread && isPostedDrillThread(channel.name);
    const outbox = createDiscordOutbox({
      logger: deps.logger,
      responder: null,
      destination: channelDestination(channel),
      openThread: null,
      echo: null,
      silentCodes: postedDrill ? ['not-your-session', 'drill-complete'] : ['not-your-session'],
      editIntervalMs: deps.editIntervalMs,
      archiveOnEnd: !postedDrill,
    });
    await deps.coach.handle(event, outbox);
  };
}
