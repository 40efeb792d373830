import type { RespondFn, webApi } from '@slack/bolt';
import {
  type Coach,
  type Logger,
  messages,
  questionKinds,
  questionLevels,
  type TenantConfigChange,
  UserFacingError,
} from '../../src/index.ts';
import type { SlackMessage } from './blocks.ts';
import { toMessages } from './blocks.ts';
import {
  configMessage,
  forgetConfirmMessage,
  helpMessage,
  progressBlocks,
  textMessage,
} from './render-views.ts';
import type { RoleResolver } from './roles.ts';
import { slackErrorCode } from './slack-errors.ts';
import { type CoachCommand, slackActor, type TenantSource } from './to-event.ts';
import { slackText } from './wording.ts';

/** What a `/coach` subcommand the adapter answers itself (not a session event) needs. */
export interface CommandContext {
  coach: Coach;
  client: webApi.WebClient;
  respond: RespondFn;
  source: TenantSource;
  user: string;
  roles: RoleResolver;
  logger: Logger;
}

type OwnCommand = Exclude<CoachCommand, { kind: 'start' }>;

/** help, progress, forget and config: answered privately, through the command's response_url. */
export async function runOwnCommand(command: OwnCommand, ctx: CommandContext): Promise<void> {
  const actor = slackActor(ctx.source, ctx.user);
  switch (command.kind) {
    case 'help': {
      const help = slackText.help([...ctx.coach.packs.keys()], questionKinds, questionLevels);
      return reply(ctx, helpMessage(help, command.unknown));
    }
    case 'progress':
      return reply(ctx, toMessages(progressBlocks(await ctx.coach.progress(actor)), 'Your practice'));
    case 'forget':
      return reply(ctx, forgetConfirmMessage());
    case 'config-usage':
      return reply(ctx, textMessage(slackText.configUsage()));
    case 'config':
      return command.change ? configure(command.change, ctx) : showConfig(ctx);
  }
}

async function showConfig(ctx: CommandContext) {
  const tenant = slackActor(ctx.source, ctx.user).tenant;
  return reply(ctx, configMessage(await ctx.coach.tenantConfig('slack', tenant), 'Settings'));
}

async function configure(change: TenantConfigChange, ctx: CommandContext) {
  const tenant = slackActor(ctx.source, ctx.user).tenant;
  const roles = await ctx.roles(ctx.client, tenant, ctx.user);
  try {
    const next = await ctx.coach.configureTenant(slackActor(ctx.source, ctx.user, roles), change);
    return reply(ctx, configMessage(next, 'Settings saved'));
  } catch (error) {
    if (error instanceof UserFacingError) return reply(ctx, textMessage(error.message));
    throw error;
  }
}

/** The forget confirmation's buttons: the ephemeral prompt is replaced by the outcome. */
export async function answerForget(confirmed: boolean, ctx: CommandContext): Promise<void> {
  const text = confirmed
    ? messages.forgotten(await ctx.coach.forget(slackActor(ctx.source, ctx.user)))
    : slackText.forgetCancelled();
  const [message] = textMessage(text);
  await ctx.respond({ replace_original: true, ...message });
}

async function reply(ctx: CommandContext, slackMessages: SlackMessage[]) {
  for (const message of slackMessages) await ctx.respond({ response_type: 'ephemeral', ...message });
}

/** The one catch for the adapter's own commands: a failure is logged by code and the user told plainly. */
export async function reportCommandFailure(error: unknown, ctx: Pick<CommandContext, 'respond' | 'logger'>) {
  ctx.logger.error('slack-command-failed', { code: slackErrorCode(error), error });
  try {
    const [message] = textMessage(messages.internalError());
    await ctx.respond({ response_type: 'ephemeral', ...message });
  } catch (respondError) {
    ctx.logger.warn('slack-respond-failed', { code: slackErrorCode(respondError) });
  }
}
