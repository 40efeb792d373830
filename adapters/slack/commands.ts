import type { RespondFn, webApi } from '@slack/bolt';
import {
  type Coach,
  type CohortReport,
  type Logger,
  type MemberSettingsChange,
  messages,
  type PairRooms,
  questionKinds,
  questionLevels,
  renderCohortChart,
  type TenantConfigChange,
  UserFacingError,
} from '../../src/index.ts';
import { toMessages } from './blocks.ts';
import { runCohortCommand, showConfig } from './cohort-commands.ts';
import { answerOrExplain, commandChannel, reply, staffActor } from './command-replies.ts';
import { runDashboardCommand } from './dashboard-command.ts';
import { runPairCommand } from './pair-commands.ts';
import { cohortMessage, configMessage, leaderboardMessage, settingsMessage } from './render-drills.ts';
import { forgetConfirmMessage, helpMessage, progressBlocks, textMessage } from './render-views.ts';
import type { RoleResolver } from './roles.ts';
import { runRosterCommand } from './roster-export.ts';
import { slackErrorCode } from './slack-errors.ts';
import { type CoachCommand, slackActor, type TenantSource } from './to-event.ts';
import { uploadFile } from './upload.ts';
import { wording } from './wording.ts';

/** What a `/coach` subcommand the adapter answers itself (not a session event) needs. */
export interface CommandContext {
  coach: Coach;
  client: webApi.WebClient;
  respond: RespondFn;
  source: TenantSource;
  user: string;
  /** Where the command was run (a channel, or a DM id starting with D). */
  channel: string;
  roles: RoleResolver;
  logger: Logger;
  /** Where peer sessions happen: a group DM per pair. */
  pairRooms: PairRooms;
}

type OwnCommand = Exclude<CoachCommand, { kind: 'start' }>;

/** Everything but `start`: answered privately, through the command's response_url. */
export async function runOwnCommand(command: OwnCommand, ctx: CommandContext): Promise<void> {
  const actor = slackActor(ctx.source, ctx.user);
  switch (command.kind) {
    case 'help': {
      const help = wording.help([...ctx.coach.packs.keys()], questionKinds, questionLevels);
      return reply(ctx, helpMessage(help, command.unknown));
    }
    case 'progress':
      return reply(ctx, toMessages(progressBlocks(await ctx.coach.progress(actor)), 'Your practice'));
    case 'forget':
      return reply(ctx, forgetConfirmMessage());
    case 'config-usage':
      return reply(ctx, textMessage(wording.configUsage()));
    case 'invalid':
      return reply(ctx, textMessage(command.text));
    case 'config':
      return command.change ? configure(command.change, ctx) : showConfig(ctx);
    case 'settings-usage':
      return reply(ctx, textMessage(wording.settingsUsage()));
    case 'settings':
      return command.change ? updateSettings(command.change, ctx) : showSettings(ctx);
    case 'leaderboard':
      return reply(ctx, leaderboardMessage(await ctx.coach.leaderboard(actor)));
    case 'cohort':
      return cohort(command, ctx);
    case 'cohorts':
    case 'cohort-members':
    case 'cohort-usage':
    case 'assign':
    case 'assign-usage':
      return runCohortCommand(command, ctx);
    case 'roster':
    case 'export':
      return runRosterCommand(command, ctx);
    case 'dashboard':
      return runDashboardCommand(ctx);
    case 'pair-join':
    case 'pair-cancel':
    case 'pair-card':
    case 'pair-block':
    case 'pair-usage':
      return runPairCommand(command, ctx);
  }
}

async function configure(change: TenantConfigChange, ctx: CommandContext) {
  await answerOrExplain(ctx, async () => {
    const actor = await staffActor(ctx);
    const outcome = await ctx.coach.configureCohort(actor, commandChannel(ctx), change);
    if (outcome.removed) return textMessage(messages.cohortRemoved(outcome.removed));
    return outcome.cohort ? configMessage(outcome.cohort, 'Settings saved') : textMessage('Settings saved.');
  });
}

async function showSettings(ctx: CommandContext) {
  const actor = slackActor(ctx.source, ctx.user);
  const [settings, config] = await Promise.all([
    ctx.coach.memberSettings(actor),
    ctx.coach.tenantConfig('slack', actor.tenant),
  ]);
  return reply(ctx, settingsMessage(settings, config.timezone, 'Your settings'));
}

async function updateSettings(change: MemberSettingsChange, ctx: CommandContext) {
  const actor = slackActor(ctx.source, ctx.user);
  await answerOrExplain(ctx, async () => {
    const next = await ctx.coach.updateMemberSettings(actor, change);
    const config = await ctx.coach.tenantConfig('slack', actor.tenant);
    return settingsMessage(next, config.timezone, 'Settings saved');
  });
}

/**
 * The figures at once, privately; then the chart as a PNG in the DM with the asker (the command's own DM
 * when run there), so a report meant for instructors never lands in a shared channel. A chart that fails
 * to draw or upload costs nothing but the chart.
 */
async function cohort(command: Extract<CoachCommand, { kind: 'cohort' }>, ctx: CommandContext) {
  const actor = await staffActor(ctx);
  const inDm = ctx.channel.startsWith('D');
  let report: CohortReport;
  try {
    const channel = command.channel ?? commandChannel(ctx);
    report = await ctx.coach.cohortReport(actor, channel, command.days ?? undefined);
  } catch (error) {
    if (error instanceof UserFacingError) return reply(ctx, textMessage(error.message));
    throw error;
  }
  await reply(ctx, cohortMessage(report, !inDm));
  try {
    const png = await renderCohortChart(report);
    const channel = inDm ? ctx.channel : await openDm(ctx);
    const title = wording.cohortChartTitle(report.periodDays);
    await uploadFile(ctx.client, { channel, bytes: png, filename: 'cohort-report.png', title });
  } catch (error) {
    ctx.logger.warn('slack-cohort-chart-failed', { code: slackErrorCode(error) });
    await reply(ctx, textMessage(wording.cohortChartFailed()));
  }
}

async function openDm(ctx: CommandContext): Promise<string> {
  const opened = await ctx.client.conversations.open({ users: ctx.user });
  if (!opened.channel?.id) throw new Error('conversations.open gave no channel');
  return opened.channel.id;
}

/** The forget confirmation's buttons: the ephemeral prompt is replaced by the outcome. */
export async function answerForget(confirmed: boolean, ctx: CommandContext): Promise<void> {
  const text = confirmed
    ? messages.forgotten(await ctx.coach.forget(slackActor(ctx.source, ctx.user)))
    : wording.forgetCancelled();
  const [message] = textMessage(text);
  await ctx.respond({ replace_original: true, ...message });
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
