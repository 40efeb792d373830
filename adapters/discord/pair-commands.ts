import { type ChatInputCommandInteraction, type Client, MessageFlags } from 'discord.js';
import {
  type Actor,
  type JoinResult,
  type PairRooms,
  type QuestionKind,
  type QuestionLevel,
  UserFacingError,
} from '../../src/index.ts';
import { type PairPayload, pairReplyPayload, scorecardPayload } from './render-pairing.ts';
import { ack, type InteractionDeps } from './session-events.ts';
import { commandChannel, interactionSource } from './sources.ts';
import { actorOf } from './to-event.ts';
import { wording } from './wording.ts';

export interface PairDeps extends InteractionDeps {
  client: Client;
  pairRooms: PairRooms;
}

const ephemeral = { flags: MessageFlags.Ephemeral } as const;

/** `/pair join|cancel|block|unblock|card`: acked privately at once, then answered in that private reply. */
export async function runPairCommand(
  deps: PairDeps,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  await ack(deps, interaction, () => interaction.deferReply(ephemeral));
  const actor = actorOf(interactionSource(interaction, null));
  const say = async (payload: PairPayload) => {
    await interaction.editReply(payload);
  };
  try {
    await say(await pairCommandAnswer(deps, interaction, actor));
  } catch (error) {
    // A refusal the core words is the answer; anything else goes to the router's one catch.
    if (!(error instanceof UserFacingError)) throw error;
    await say(pairReplyPayload(error.message));
  }
}

async function pairCommandAnswer(
  deps: PairDeps,
  interaction: ChatInputCommandInteraction,
  actor: Actor,
): Promise<PairPayload> {
  const { pairing } = deps.coach;
  switch (interaction.options.getSubcommand()) {
    case 'cancel': {
      const left = await pairing.cancel(actor, await commandChannel(deps.client, interaction));
      return pairReplyPayload(left ? wording.pairLeft() : wording.pairNotWaiting());
    }
    case 'block':
    case 'unblock': {
      // The option's value is the id; Discord's resolved user data is not needed for it.
      const user = String(interaction.options.get('member', true).value);
      const block = interaction.options.getSubcommand() === 'block';
      await (block ? pairing.block(actor, user) : pairing.unblock(actor, user));
      return pairReplyPayload(block ? wording.pairBlocked(user) : wording.pairUnblocked(user));
    }
    case 'card':
      return scorecardPayload(await pairing.sessions.card(actor));
    default:
      return join(deps, interaction, actor);
  }
}

async function join(
  deps: PairDeps,
  interaction: ChatInputCommandInteraction,
  actor: Actor,
): Promise<PairPayload> {
  const { pairing } = deps.coach;
  const joined = await pairing.join(actor, {
    channel: await commandChannel(deps.client, interaction),
    packId: interaction.options.getString('pack'),
    kind: interaction.options.getString('kind') as QuestionKind | null,
    level: interaction.options.getString('level') as QuestionLevel | null,
  });
  if (joined.status === 'matched') {
    // The core tells the member who waited, and refuses with what to do, when the thread cannot open.
    const session = await pairing.sessions.start(joined.match, deps.pairRooms);
    return pairReplyPayload(wording.pairMatched(joined.match.first.user, session.space));
  }
  return pairReplyPayload(waitingText(deps, joined), joined.status === 'waiting');
}

function waitingText(
  deps: PairDeps,
  joined: Exclude<JoinResult, { status: 'matched' }> & { cohort: string | null },
) {
  const { entry } = joined;
  const pack = deps.coach.packs.get(entry.packId)?.roleTitle ?? entry.packId;
  const what = [entry.kind, entry.level].filter(Boolean).join(', ');
  const minutes = deps.coach.pairing.waitMinutes;
  return joined.status === 'waiting'
    ? wording.pairWaiting(pack, what, minutes, joined.cohort !== null)
    : wording.pairAlreadyWaiting(pack, what, minutes);
}
