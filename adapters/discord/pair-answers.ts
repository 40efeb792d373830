import type { Message } from 'discord.js';
import { type Actor, type Coach, UserFacingError } from '../../src/index.ts';

/** Acknowledges a stored answer without a word in the thread, where the interviewer is listening. */
const storedReaction = '✅';

/**
 * A message in a peer session's thread: the candidate's text is stored as their answer for the round
 * (graded when the card is submitted); anyone else's is conversation between the two. False when the
 * thread holds no peer session: the message is then handled as before.
 */
export async function answerInPairThread(coach: Coach, message: Message, actor: Actor): Promise<boolean> {
  if (message.content.trim() === '') return false;
  try {
    const outcome = await coach.pairing.sessions.answer(
      actor,
      message.channelId,
      message.content,
      message.id,
    );
    if (outcome === 'none') return false;
    if (outcome === 'stored') await message.react(storedReaction);
  } catch (error) {
    // A message has no private reply: a refusal (too long…) answers it in the thread, which only the two see.
    if (!(error instanceof UserFacingError)) throw error;
    await message.reply({ content: error.message, allowedMentions: { parse: [], repliedUser: false } });
  }
  return true;
}
