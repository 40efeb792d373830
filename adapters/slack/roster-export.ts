import { messages, rosterText, UserFacingError } from '../../src/index.ts';
import { type Block, textSections, toMessages } from './blocks.ts';
import type { CommandContext } from './commands.ts';
import type { RosterCommand } from './roster-parse.ts';
import { slackActor } from './to-event.ts';
import { uploadFile } from './upload.ts';

/**
 * `/coach roster` and `/coach export`, answered privately. The roster is a line per member; the export
 * goes as a CSV file into the DM with the instructor (the command's own DM when run there), never into
 * a shared channel. Who may see either is the core's decision.
 */
export async function runRosterCommand(
  command: Extract<RosterCommand, { kind: 'roster' | 'export' }>,
  ctx: CommandContext,
): Promise<void> {
  const tenant = slackActor(ctx.source, ctx.user).tenant;
  const actor = slackActor(ctx.source, ctx.user, await ctx.roles(ctx.client, tenant, ctx.user));
  const channel = command.channel ?? (ctx.channel.startsWith('D') ? null : ctx.channel);
  try {
    if (command.kind === 'roster') {
      const roster = await ctx.coach.roster(actor, channel, command.periodDays);
      return reply(ctx, rosterText(roster, ctx.coach.clock.now()));
    }
    const exported = await ctx.coach.exportCsv(actor, channel, { periodDays: command.periodDays });
    const dm = ctx.channel.startsWith('D') ? ctx.channel : await openDm(ctx);
    await uploadFile(ctx.client, {
      channel: dm,
      bytes: Buffer.from(exported.csv, 'utf8'),
      filename: exported.filename,
      title: exported.filename,
    });
    return reply(ctx, messages.exportSent(exported.rows, exported.filename));
  } catch (error) {
    if (error instanceof UserFacingError) return reply(ctx, error.message);
    throw error;
  }
}

async function openDm(ctx: CommandContext): Promise<string> {
  const opened = await ctx.client.conversations.open({ users: ctx.user });
  if (!opened.channel?.id) throw new Error('conversations.open gave no channel');
  return opened.channel.id;
}

async function reply(ctx: CommandContext, text: string) {
  const blocks = textSections(text).map(withMentions);
  for (const message of toMessages(blocks, text))
    await ctx.respond({ response_type: 'ephemeral', ...message });
}

/** The core writes members `<@U…>` and channels `<#C…>`: shown as names, while all else stays escaped. */
function withMentions(block: Block): Block {
  if (block.type !== 'section' || !block.text) return block;
  const text = block.text.text.replace(/&lt;([@#][A-Z0-9]+)&gt;/g, '<$1>');
  return { ...block, text: { ...block.text, text } };
}
