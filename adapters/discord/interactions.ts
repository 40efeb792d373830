import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  MessageFlags,
  type ModalSubmitInteraction,
} from 'discord.js';
import { messages, type PairRooms, UserFacingError } from '../../src/index.ts';
import { apiErrorCode } from './api-errors.ts';
import { runAssignCommand, runCohortMemberCommand, runCohortsCommand } from './cohort-commands.ts';
import { runConfigCommand } from './config-command.ts';
import { customIds, decodePairComponent, inThread, parseCustomId } from './custom-ids.ts';
import { runDashboardInteraction } from './dashboard-command.ts';
import { runCohortCommand, runLeaderboardCommand, runSettingsCommand } from './member-commands.ts';
import { runPairCommand } from './pair-commands.ts';
import { onPairComponent } from './pair-components.ts';
import { answerModal, forgetConfirmPayload, progressPayloads, withoutButtons } from './panels.ts';
import { attachedClip, isRecording } from './recordings.ts';
import { type Payload, textPayloads } from './render.ts';
import { InteractionResponder, type OriginalResponse } from './responder.ts';
import type { createRoleResolver } from './roles.ts';
import { runRosterInteraction } from './roster-commands.ts';
import { ack, handleSessionEvent, type InteractionDeps } from './session-events.ts';
import { interactionSource, resolveChannel } from './sources.ts';
import { threadParentOf } from './threads.ts';
import {
  actorOf,
  answerEvent,
  audioAnswerEvent,
  buttonMeaning,
  drillEvent,
  modalQuestion,
  packChoices,
  practiceEvent,
} from './to-event.ts';
import { wording } from './wording.ts';

export interface RouterDeps extends InteractionDeps {
  client: Client;
  roles: ReturnType<typeof createRoleResolver>;
  pairRooms: PairRooms;
}

const ephemeral = { flags: MessageFlags.Ephemeral } as const;

/** Every interaction is answered first (Discord allows 3 s), then handed on; a failure becomes a private note. */
export function createInteractionRouter(deps: RouterDeps) {
  return async function route(interaction: Interaction): Promise<void> {
    try {
      const pair = pairComponentOf(interaction);
      if (pair) await onPairComponent(deps, pair.interaction, pair.action);
      else if (interaction.isChatInputCommand()) await onCommand(deps, interaction);
      else if (interaction.isButton()) await onButton(deps, interaction);
      else if (interaction.isModalSubmit()) await onModal(deps, interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(deps, interaction);
    } catch (error) {
      await tellFailure(deps, interaction, error);
    }
  };
}

/** A peer session's button, menu or modal, with what it asks for; null for any other interaction. */
function pairComponentOf(interaction: Interaction) {
  if (!(interaction.isButton() || interaction.isStringSelectMenu() || interaction.isModalSubmit()))
    return null;
  const values = interaction.isStringSelectMenu() ? interaction.values : [];
  const action = decodePairComponent(interaction.customId, values);
  return action ? { interaction, action } : null;
}

async function onCommand(deps: RouterDeps, interaction: ChatInputCommandInteraction) {
  switch (interaction.commandName) {
    case 'practice':
    case 'drill':
      return startSession(deps, interaction);
    case 'answer':
      return answerWithRecording(deps, interaction);
    case 'progress': {
      await ack(deps, interaction, () => interaction.deferReply(ephemeral));
      const actor = actorOf(interactionSource(interaction, null));
      return sendPrivately(interaction, progressPayloads(await deps.coach.progress(actor)));
    }
    case 'coach-config':
      await ack(deps, interaction, () => interaction.deferReply(ephemeral));
      return sendPrivately(
        interaction,
        await runConfigCommand(deps.coach, deps.roles, deps.client, interaction),
      );
    case 'cohorts':
      await ack(deps, interaction, () => interaction.deferReply(ephemeral));
      return sendPrivately(interaction, await runCohortsCommand(deps, interaction));
    case 'cohort-member':
      await ack(deps, interaction, () => interaction.deferReply(ephemeral));
      return sendPrivately(interaction, await runCohortMemberCommand(deps, interaction));
    case 'assign':
      await ack(deps, interaction, () => interaction.deferReply(ephemeral));
      return sendPrivately(interaction, await runAssignCommand(deps, interaction));
    case 'settings':
      await ack(deps, interaction, () => interaction.deferReply(ephemeral));
      return sendPrivately(interaction, await runSettingsCommand(deps.coach, interaction));
    case 'leaderboard':
      await ack(deps, interaction, () => interaction.deferReply(ephemeral));
      return sendPrivately(interaction, await runLeaderboardCommand(deps.coach, interaction));
    case 'cohort':
      await ack(deps, interaction, () => interaction.deferReply(ephemeral));
      return runCohortCommand(deps.coach, deps.roles, deps.logger, deps.client, interaction);
    case 'roster':
    case 'export':
      return runRosterInteraction(deps, interaction);
    case 'dashboard':
      return runDashboardInteraction(deps, interaction);
    case 'pair':
      return runPairCommand(deps, interaction);
    case 'forget':
      await interaction.reply({ ...forgetConfirmPayload()[0]!, ...ephemeral });
      return;
    case 'help':
      await interaction.reply({ ...textPayloads(wording.help())[0]!, ...ephemeral });
      return;
  }
}

/** `/practice` and `/drill`: a placeholder at once, then the session opens in a thread of its own. */
async function startSession(deps: RouterDeps, interaction: ChatInputCommandInteraction) {
  const inGuild = interaction.inGuild();
  let parent = inGuild ? threadParentOf(interaction.channel) : null;
  const original: OriginalResponse = parent
    ? { state: 'placeholder', ephemeral: true }
    : { state: 'deferred', ephemeral: inGuild };
  await ack(deps, interaction, () =>
    parent
      ? interaction.reply({ content: wording.openingThread(), ...ephemeral })
      : interaction.deferReply(inGuild ? ephemeral : {}),
  );
  const channel = await resolveChannel(deps.client, interaction);
  if (inGuild) parent ??= threadParentOf(channel);
  const source = interactionSource(interaction, channel);
  const event =
    interaction.commandName === 'drill'
      ? drillEvent(source)
      : practiceEvent(source, {
          pack: interaction.options.getString('pack'),
          kind: interaction.options.getString('kind'),
          level: interaction.options.getString('level'),
          count: interaction.options.getInteger('count'),
        });
  await handleSessionEvent(deps, event, new InteractionResponder(interaction, original), { channel, parent });
}

/**
 * `/answer recording:<file>`: a spoken answer without the Message Content intent. Acked privately at
 * once (transcribing takes longer than Discord's 3 s); the transcript and feedback are posted where the
 * session lives, with the member named above them, since nobody else sees the attached file.
 */
async function answerWithRecording(deps: RouterDeps, interaction: ChatInputCommandInteraction) {
  await ack(deps, interaction, () => interaction.deferReply(ephemeral));
  const file = interaction.options.getAttachment('recording', true);
  if (!isRecording(file)) {
    await sendPrivately(interaction, textPayloads(wording.notARecording()));
    return;
  }
  const channel = await resolveChannel(deps.client, interaction);
  const event = audioAnswerEvent(interactionSource(interaction, channel), attachedClip(file));
  const original: OriginalResponse = { state: 'deferred', ephemeral: true };
  await handleSessionEvent(deps, event, new InteractionResponder(interaction, original), {
    channel,
    speaker: interaction.user.id,
  });
}

async function sendPrivately(interaction: ChatInputCommandInteraction, payloads: Payload[]) {
  const responder = new InteractionResponder(interaction, { state: 'deferred', ephemeral: true });
  for (const item of payloads) await responder.send(item, true);
}

async function onButton(deps: RouterDeps, interaction: ButtonInteraction) {
  const parsed = parseCustomId(interaction.customId);
  if (parsed?.name === 'answer' || parsed?.name === 'drill-answer') {
    // A modal must be the interaction's first response: nothing may be awaited before it.
    const embed = interaction.message.embeds[0];
    let modalId =
      parsed.name === 'drill-answer'
        ? customIds.drillModal(parsed.questionId)
        : customIds.answerModal(parsed.questionId);
    if (parsed.thread) modalId = inThread(modalId, parsed.thread);
    await interaction.showModal(answerModal(embed?.description ?? embed?.title ?? null, modalId));
    return;
  }
  if (interaction.customId === customIds.forgetCancel) {
    await interaction.update(withoutButtons(textPayloads(wording.forgetCancelled()))[0]!);
    return;
  }
  await ack(deps, interaction, () => interaction.deferUpdate());
  // The place needs the thread's parent, which an uncached thread only gives after a fetch.
  const channel = await resolveChannel(deps.client, interaction);
  const source = interactionSource(interaction, channel);
  const meaning = buttonMeaning(interaction.customId, source);
  if (meaning.kind === 'forget-confirm') {
    const count = await deps.coach.forget(actorOf(source));
    await interaction.editReply(withoutButtons(textPayloads(messages.forgotten(count)))[0]!);
    return;
  }
  if (meaning.kind !== 'event') return;
  // Resume and Start over sit on an ephemeral notice, which then says where the session went.
  const onEphemeral = interaction.message.flags.has(MessageFlags.Ephemeral);
  const original: OriginalResponse = onEphemeral ? { state: 'component', ephemeral: true } : null;
  const starting = meaning.event.type === 'session-start' && interaction.inGuild();
  await handleSessionEvent(deps, meaning.event, new InteractionResponder(interaction, original), {
    channel,
    parent: starting ? threadParentOf(channel) : null,
  });
}

/**
 * An answer typed in the modal, one path for both of its buttons. Under a session's question it goes to
 * that session, its feedback shown to everyone in the thread with the answer echoed above it. Under a
 * posted drill (or a private reply about one) it belongs in the drill thread's session and is kept
 * private: the core then makes every reply the member's alone.
 */
async function onModal(deps: RouterDeps, interaction: ModalSubmitInteraction) {
  const modal = modalQuestion(interaction.customId);
  if (!modal) return;
  const privately = Boolean(modal.drill || modal.thread);
  const inPlace = interaction.isFromMessage() && !privately;
  await ack(deps, interaction, () =>
    inPlace ? interaction.deferUpdate() : interaction.deferReply(ephemeral),
  );
  // A drill post's thread has the post's id.
  const thread = modal.thread ?? (modal.drill ? interaction.message?.id : undefined);
  if (privately && !thread) return;
  const text = interaction.fields.getTextInputValue(customIds.answerInput);
  const channel = await resolveChannel(deps.client, interaction);
  const source = interactionSource(interaction, channel);
  const event = answerEvent(source, text, modal.questionId, privately ? { thread: thread! } : undefined);
  const original: OriginalResponse = inPlace ? null : { state: 'deferred', ephemeral: true };
  await handleSessionEvent(deps, event, new InteractionResponder(interaction, original), {
    channel,
    ...(privately ? { privateThread: thread! } : { echo: text }),
  });
}

async function onAutocomplete(deps: RouterDeps, interaction: AutocompleteInteraction) {
  const focused = interaction.options.getFocused(true);
  const packs = [...deps.coach.packs.values()].map((pack) => ({ id: pack.id, title: pack.roleTitle }));
  await interaction.respond(focused.name === 'pack' ? packChoices(packs, String(focused.value)) : []);
}

async function tellFailure(deps: RouterDeps, interaction: Interaction, error: unknown) {
  const code = error instanceof UserFacingError ? error.code : apiErrorCode(error);
  deps.logger.error('discord-interaction-failed', { id: interaction.id, code, error });
  if (!interaction.isRepliable()) return;
  const text = error instanceof UserFacingError ? error.message : messages.internalError();
  const reply = { ...textPayloads(text)[0]!, ...ephemeral };
  const answered = interaction.replied || interaction.deferred;
  await (answered ? interaction.followUp(reply) : interaction.reply(reply)).catch((failure: unknown) => {
    deps.logger.warn('discord-failure-note-failed', { id: interaction.id, code: apiErrorCode(failure) });
  });
}
