import {
  type ButtonInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  type StringSelectMenuInteraction,
} from 'discord.js';
import { pairMessages, UserFacingError } from '../../src/index.ts';
import { customIds, type PairComponent, pairIds } from './custom-ids.ts';
import type { PairDeps } from './pair-commands.ts';
import { answerModal } from './panels.ts';
import { type PairPayload, pairReplyPayload, scorecardPayload } from './render-pairing.ts';
import { ack } from './session-events.ts';
import { commandChannel, interactionSource } from './sources.ts';
import { actorOf } from './to-event.ts';
import { wording } from './wording.ts';

type PairInteraction = ButtonInteraction | StringSelectMenuInteraction | ModalSubmitInteraction;

const ephemeral = { flags: MessageFlags.Ephemeral } as const;

/**
 * A press on a pairing button or menu, or the written answer's modal. Presses on the interviewer's card
 * (an ephemeral message) update it in place; a refusal the core words comes as a private note beside it.
 */
export async function onPairComponent(deps: PairDeps, interaction: PairInteraction, action: PairComponent) {
  if (action.type === 'answer') {
    // A modal must be the interaction's first response: nothing may be awaited before it.
    if (interaction.isButton()) await interaction.showModal(answerModal(null, pairIds.answerModal));
    return;
  }
  const inPlace = action.type !== 'open' && action.type !== 'answer-modal';
  await ack(deps, interaction, () =>
    inPlace ? interaction.deferUpdate() : interaction.deferReply(ephemeral),
  );
  try {
    await interaction.editReply(await answerOf(deps, interaction, action));
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    const note = pairReplyPayload(error.message);
    await (inPlace ? interaction.followUp({ ...note, ...ephemeral }) : interaction.editReply(note));
  }
}

async function answerOf(
  deps: PairDeps,
  interaction: PairInteraction,
  action: PairComponent,
): Promise<PairPayload> {
  const actor = actorOf(interactionSource(interaction, null));
  const { pairing } = deps.coach;
  const rooms = deps.pairRooms;
  switch (action.type) {
    case 'leave': {
      const left = await pairing.cancel(actor, await commandChannel(deps.client, interaction));
      return pairReplyPayload(left ? wording.pairLeft() : wording.pairNotWaiting());
    }
    case 'open':
      return scorecardPayload(await pairing.sessions.card(actor, action.pairId));
    case 'mark':
      return scorecardPayload(await pairing.sessions.mark(actor, action.pairId, action.round, action.mark));
    case 'submit': {
      const outcome = await pairing.sessions.submit(actor, action.pairId, action.round, rooms);
      return pairReplyPayload(wording.pairSubmitted(outcome === 'finished'));
    }
    case 'end':
      await pairing.sessions.end(actor, action.pairId, rooms);
      return pairReplyPayload(wording.pairEnded());
    default:
      return writtenAnswer(deps, interaction);
  }
}

/** The candidate's answer typed in the modal, for the round under way in this thread. */
async function writtenAnswer(deps: PairDeps, interaction: PairInteraction): Promise<PairPayload> {
  if (!interaction.isModalSubmit() || !interaction.channelId) return pairReplyPayload(pairMessages.noSession);
  const actor = actorOf(interactionSource(interaction, null));
  const text = interaction.fields.getTextInputValue(customIds.answerInput);
  const outcome = await deps.coach.pairing.sessions.answer(
    actor,
    interaction.channelId,
    text,
    interaction.id,
  );
  if (outcome === 'not-candidate') return pairReplyPayload(wording.pairNotCandidate());
  if (outcome === 'none') return pairReplyPayload(pairMessages.noSession);
  return pairReplyPayload(pairMessages.answerSaved);
}
