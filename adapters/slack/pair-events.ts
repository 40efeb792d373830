import type { AllMiddlewareArgs, SlackEventMiddlewareArgs, webApi } from '@slack/bolt';
import { type Coach, type Logger, type PairRooms, pairMessages, UserFacingError } from '../../src/index.ts';
import { slackErrorCode } from './slack-errors.ts';
import { type SlackMessage, slackActor, type TenantSource, unescapeSlack } from './to-event.ts';

export interface PairEventDeps {
  coach: Coach;
  logger: Logger;
  pairRooms: PairRooms;
}

type UserChangeArgs = SlackEventMiddlewareArgs<'user_change'> & AllMiddlewareArgs;

/** A person's own words at the top level of a group DM; edits, joins and bots are not. Pure. */
export function groupMessageText(message: SlackMessage): string | null {
  if (message.channel_type !== 'mpim' || message.bot_id || !message.user) return null;
  if (message.subtype !== undefined || (message.thread_ts && message.thread_ts !== message.ts)) return null;
  return message.text ? unescapeSlack(message.text) : null;
}

async function tell(client: webApi.WebClient, channel: string, user: string, text: string, logger: Logger) {
  await client.chat
    .postEphemeral({ channel, user, text })
    .catch((error: unknown) => logger.warn('slack-pair-note-failed', { code: slackErrorCode(error) }));
}

/**
 * A message in a peer session's group DM: the candidate's typed answer, stored (redacted) by the core
 * and graded when the interviewer submits the card. True when the group DM holds a peer session, so
 * the message is not looked at as anything else.
 */
export async function answerInPairSpace(
  message: SlackMessage,
  eventId: string,
  source: TenantSource,
  client: webApi.WebClient,
  deps: PairEventDeps,
): Promise<boolean> {
  const text = groupMessageText(message);
  if (text === null || !message.user) return false;
  const actor = slackActor(source, message.user);
  try {
    // The event id survives Slack's retries; the message ts would too, but is shared by edits.
    const status = await deps.coach.pairing.sessions.answer(actor, message.channel, text, `slack:${eventId}`);
    if (status === 'none') return false;
    if (status === 'stored')
      await tell(client, message.channel, message.user, pairMessages.answerSaved, deps.logger);
    return true;
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    await tell(client, message.channel, message.user, error.message, deps.logger);
    return true;
  }
}

/**
 * Slack group DMs cannot be left, only closed (which Slack does not report): a member "leaves" a peer
 * session by leaving the workspace, seen as their account deactivated. A closed group DM is covered by
 * the core's idle end.
 */
export async function onUserChange({ event, context }: UserChangeArgs, deps: PairEventDeps) {
  const user = event.user as { id?: string; deleted?: boolean };
  if (!user.deleted || !user.id) return;
  await deps.coach.pairing.sessions.memberGone(slackActor(context, user.id), deps.pairRooms);
}
