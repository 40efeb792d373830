import { UserFacingError } from '../../src/index.ts';
import { section, textSections, toMessages } from './blocks.ts';
import type { CommandContext } from './commands.ts';
import { slackActor } from './to-event.ts';
import { wording } from './wording.ts';

/**
 * `/coach dashboard`: a signed link to the web dashboard, shown only to the asker (ephemeral). What the
 * link opens, and whether the dashboard is on at all, is the core's decision.
 */
export async function runDashboardCommand(ctx: CommandContext): Promise<void> {
  const tenant = slackActor(ctx.source, ctx.user).tenant;
  const actor = slackActor(ctx.source, ctx.user, await ctx.roles(ctx.client, tenant, ctx.user));
  try {
    const link = await ctx.coach.dashboardLink(actor);
    // Our own markup (a link and a date): not escaped, unlike the core's sentences below.
    const text = wording.dashboardLink(link.url, link.expiresAt, link.role === 'member');
    for (const message of toMessages([section(text)], 'Your dashboard link'))
      await ctx.respond({ response_type: 'ephemeral', ...message });
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    for (const message of toMessages(textSections(error.message), error.message))
      await ctx.respond({ response_type: 'ephemeral', ...message });
  }
}
