import type { RespondFn } from '@slack/bolt';
import { type JoinResult, pairMessages, UserFacingError } from '../../src/index.ts';
import { commandChannel, reply } from './command-replies.ts';
import type { CommandContext } from './commands.ts';
import type { PairCommand } from './parse-pair.ts';
import { type PairAction, pairReply, renderPairMessage } from './render-pairing.ts';
import { textMessage } from './render-views.ts';
import { slackErrorCode } from './slack-errors.ts';
import { slackActor } from './to-event.ts';
import { wording } from './wording.ts';

/** A refusal the core words is the answer, shown privately; anything else goes to the one catch. */
async function explaining(respond: RespondFn, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    const [message] = textMessage(error.message);
    await respond({ response_type: 'ephemeral', replace_original: false, ...message! });
  }
}

/** `/coach pair …`: join (matched at once when a partner waits), leave, block, unblock; all private. */
export async function runPairCommand(command: PairCommand, ctx: CommandContext): Promise<void> {
  const actor = slackActor(ctx.source, ctx.user);
  switch (command.kind) {
    case 'pair-usage':
      return reply(ctx, textMessage(wording.pairUsage()));
    case 'pair-block':
      return explaining(ctx.respond, async () => {
        if (command.block) await ctx.coach.pairing.block(actor, command.user);
        else await ctx.coach.pairing.unblock(actor, command.user);
        const text = command.block ? wording.pairBlocked(command.user) : wording.pairUnblocked(command.user);
        await reply(ctx, pairReply(text, undefined));
      });
    case 'pair-cancel': {
      const left = await ctx.coach.pairing.cancel(actor, commandChannel(ctx));
      return reply(ctx, textMessage(left ? wording.pairLeft() : wording.pairNotWaiting()));
    }
    case 'pair-card':
      return explaining(ctx.respond, async () => {
        await ctx.coach.pairing.sessions.resendCard(actor, ctx.pairRooms);
        await reply(ctx, textMessage(wording.pairCardSent()));
      });
    case 'pair-join':
      return explaining(ctx.respond, async () => {
        const joined = await ctx.coach.pairing.join(actor, {
          channel: commandChannel(ctx),
          packId: command.packId,
          kind: command.questionKind,
          level: command.level,
        });
        await answerJoin(joined, ctx);
      });
  }
}

function requestWords(entry: { kind: string | null; level: string | null }): string {
  return [entry.kind, entry.level].filter(Boolean).join(', ');
}

async function answerJoin(joined: JoinResult & { cohort: string | null }, ctx: CommandContext) {
  const minutes = ctx.coach.pairing.waitMinutes;
  if (joined.status === 'matched') {
    try {
      await ctx.coach.pairing.sessions.start(joined.match, ctx.pairRooms);
    } catch (error) {
      // Nothing is stored before the group DM opens (the core told the partner): both can join again.
      if (!(error instanceof UserFacingError) || error.code !== 'PAIR_OPEN_FAILED') throw error;
      const code = slackErrorCode(error.cause);
      ctx.logger.warn('slack-pair-start-failed', { code });
      return reply(
        ctx,
        pairReply(wording.pairOpenFailed(joined.match.first.user, code === 'missing_scope'), undefined),
      );
    }
    // The session's own messages come in the group DM; this one only says where to look.
    return reply(ctx, pairReply(wording.pairMatched(joined.match.first.user), undefined));
  }
  const { entry } = joined;
  const pack = ctx.coach.packs.get(entry.packId)?.roleTitle ?? entry.packId;
  const text =
    joined.status === 'waiting'
      ? wording.pairWaiting(pack, requestWords(entry), minutes, joined.cohort !== null)
      : wording.pairAlreadyWaiting(pack, requestWords(entry), minutes);
  return reply(ctx, pairReply(text, commandChannel(ctx)));
}

/**
 * A press on a pairing button. A mark replaces the card (it is ephemeral: only its response_url can)
 * with the card as it now stands; submit and end replace it with what happened.
 */
export async function pressPairButton(action: PairAction, ctx: CommandContext): Promise<void> {
  const actor = slackActor(ctx.source, ctx.user);
  const { pairing } = ctx.coach;
  const replace = async (messages: ReturnType<typeof textMessage>) => {
    await ctx.respond({ replace_original: true, ...messages[0]! });
  };
  await explaining(ctx.respond, async () => {
    switch (action.type) {
      case 'leave': {
        const left = await pairing.cancel(actor, action.channel);
        return replace(textMessage(left ? wording.pairLeft() : wording.pairNotWaiting()));
      }
      case 'mark': {
        const card = await pairing.sessions.mark(actor, action.pairId, action.round, action.mark);
        return replace(renderPairMessage({ type: 'scorecard', card, text: pairMessages.scorecard(card) }));
      }
      case 'submit': {
        const outcome = await pairing.sessions.submit(actor, action.pairId, action.round, ctx.pairRooms);
        return replace(textMessage(wording.pairSubmitted(outcome === 'finished')));
      }
      case 'end':
        await pairing.sessions.end(actor, action.pairId, ctx.pairRooms);
        return replace(textMessage(wording.pairEnded()));
    }
  });
}
