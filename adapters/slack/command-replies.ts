import { type Actor, UserFacingError } from '../../src/index.ts';
import type { SlackMessage } from './blocks.ts';
import type { CommandContext } from './commands.ts';
import { textMessage } from './render-views.ts';
import { slackActor } from './to-event.ts';

/** Private answers to the adapter's own commands, through the command's response_url. */
export async function reply(ctx: CommandContext, slackMessages: SlackMessage[]) {
  for (const message of slackMessages) await ctx.respond({ response_type: 'ephemeral', ...message });
}

/** A refusal the core words (not allowed, bad timezone, …) is the answer; anything else is a failure. */
export async function answerOrExplain(ctx: CommandContext, work: () => Promise<SlackMessage[]>) {
  let answer: SlackMessage[];
  try {
    answer = await work();
  } catch (error) {
    if (error instanceof UserFacingError) return reply(ctx, textMessage(error.message));
    throw error;
  }
  return reply(ctx, answer);
}

/** The asker with the roles Slack gives them (admin, owner, a configured instructor): the core decides. */
export async function staffActor(ctx: CommandContext): Promise<Actor> {
  const tenant = slackActor(ctx.source, ctx.user).tenant;
  return slackActor(ctx.source, ctx.user, await ctx.roles(ctx.client, tenant, ctx.user));
}

/** The channel a command was run in, unless it was a DM (which is never a cohort). */
export function commandChannel(ctx: Pick<CommandContext, 'channel'>): string | null {
  return ctx.channel.startsWith('D') ? null : ctx.channel;
}
