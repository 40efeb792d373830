import type { Interaction, RepliableInteraction } from 'discord.js';
import type { Coach, InboundEvent, Logger } from '../../src/index.ts';
import { apiErrorCode } from './api-errors.ts';
import { createDiscordOutbox } from './outbox.ts';
import {
  channelDestination,
  type Destination,
  type InteractionResponder,
  interactionDestination,
} from './responder.ts';
import type { SourceChannel } from './sources.ts';
import { openSessionThread, type ThreadParent, threadName } from './threads.ts';
import { labels } from './wording.ts';

export interface InteractionDeps {
  coach: Coach;
  logger: Logger;
  /** Milliseconds between feedback edits while it streams. */
  editIntervalMs?: number;
}

/** Acks an interaction. A failed ack (the 3 s passed, or another instance answered) is logged, not fatal:
 * the bot-token path to the thread still works. */
export async function ack(deps: InteractionDeps, interaction: Interaction, answer: () => Promise<unknown>) {
  await answer().catch((error: unknown) => {
    deps.logger.warn('discord-ack-failed', { id: interaction.id, code: apiErrorCode(error), error });
  });
}

export interface SessionEventPlace {
  /** Where the event happened (cached or fetched); null in DMs the bot has not cached. */
  channel: SourceChannel | null;
  /** Set for session and drill starts in a server channel: the session's thread opens under it. */
  parent?: ThreadParent | null;
  /** The modal answer, echoed above its feedback. */
  echo?: string;
  /** `/answer`'s member, named above the recording's transcript. */
  speaker?: string;
  /** An answer kept private about a posted drill: the drill's thread (see `DiscordOutboxOptions`). */
  privateThread?: string;
}

/** Hands an acked interaction's event to the core, with an outbox that knows where the session lives. */
export async function handleSessionEvent(
  deps: InteractionDeps,
  event: InboundEvent,
  responder: InteractionResponder,
  place: SessionEventPlace,
) {
  const interaction = responder.interaction;
  const parent = place.parent ?? null;
  const home = parent ?? place.channel;
  const destination: Destination =
    home && interaction.inGuild() ? channelDestination(home) : interactionDestination(responder);
  const outbox = createDiscordOutbox({
    logger: deps.logger,
    responder,
    destination,
    openThread: parent ? threadOpener(deps, interaction, parent) : null,
    echo: place.echo === undefined ? null : { text: place.echo, userId: interaction.user.id },
    privateThread: place.privateThread ?? null,
    speaker: place.speaker ?? null,
    editIntervalMs: deps.editIntervalMs,
  });
  await deps.coach.handle(event, outbox);
  await responder.finish();
}

function threadOpener(deps: InteractionDeps, interaction: RepliableInteraction, parent: ThreadParent) {
  return async (reply: { packTitle: string; drillDate: string | null }) => {
    const title = reply.drillDate ? `${labels.questionOfTheDay} ${reply.drillDate}` : reply.packTitle;
    const thread = await openSessionThread({
      parent,
      userId: interaction.user.id,
      name: threadName(interaction.user.displayName, title),
      permissions: interaction.appPermissions,
      logger: deps.logger,
    });
    return thread ? channelDestination(thread) : null;
  };
}
