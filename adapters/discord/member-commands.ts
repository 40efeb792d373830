import { type ChatInputCommandInteraction, type Client, MessageFlags } from 'discord.js';
import {
  type Coach,
  type CohortReport,
  cohortReportText,
  type Logger,
  type MemberSettingsChange,
  renderCohortChart,
  UserFacingError,
} from '../../src/index.ts';
import { apiErrorCode } from './api-errors.ts';
import { reportPeriods } from './cohort-definitions.ts';
import { leaderboardPayloads, settingsPayloads } from './panels.ts';
import { type Payload, textPayloads } from './render.ts';
import type { createRoleResolver } from './roles.ts';
import { channelOption, commandChannel, interactionSource } from './sources.ts';
import { actorOf } from './to-event.ts';
import { wording } from './wording.ts';

type Roles = ReturnType<typeof createRoleResolver>;

/** `/settings`: options change the member's own settings; none show them. */
export async function runSettingsCommand(
  coach: Coach,
  interaction: ChatInputCommandInteraction,
): Promise<Payload[]> {
  const actor = actorOf(interactionSource(interaction, null));
  const timezone = interaction.options.getString('timezone')?.trim();
  const leaderboard = interaction.options.getBoolean('leaderboard');
  const remind = interaction.options.getString('remind')?.trim().toLowerCase();
  const streakAlert = interaction.options.getBoolean('streak');
  const change: MemberSettingsChange = {
    // `none` (or `server`) goes back to the server's timezone.
    ...(timezone ? { timezone: /^(none|server|default)$/i.test(timezone) ? null : timezone } : {}),
    ...(leaderboard === null ? {} : { leaderboard }),
    // `none`: no daily reminder, assignment reminders still come; `off` (checked by the core): none at all.
    ...(remind ? { remind: remind === 'none' ? null : remind } : {}),
    ...(streakAlert === null ? {} : { streakAlert }),
  };
  try {
    const settings = Object.keys(change).length
      ? await coach.updateMemberSettings(actor, change)
      : await coach.memberSettings(actor);
    const config = await coach.tenantConfig(actor.platform, actor.tenant);
    return settingsPayloads(settings, config.timezone);
  } catch (error) {
    if (error instanceof UserFacingError) return textPayloads(error.message);
    throw error;
  }
}

/** `/leaderboard`: this week, the asker's own row, or how to join. */
export async function runLeaderboardCommand(
  coach: Coach,
  interaction: ChatInputCommandInteraction,
): Promise<Payload[]> {
  const actor = actorOf(interactionSource(interaction, null));
  return leaderboardPayloads(await coach.leaderboard(actor));
}

/**
 * `/cohort [period] [channel]` (a cohort's instructors and admins, as the core decides): the figures with
 * the chart attached as a PNG, all ephemeral, so a report meant for instructors never lands in a shared
 * channel. A chart that fails to draw costs only the chart.
 */
export async function runCohortCommand(
  coach: Coach,
  roles: Roles,
  logger: Logger,
  client: Client,
  interaction: ChatInputCommandInteraction,
): Promise<void> {
  const actor = await roles.resolve(interactionSource(interaction, null));
  const period = interaction.options.getString('period') as keyof typeof reportPeriods | null;
  const days = (period && reportPeriods[period]) || reportPeriods['30d'];
  const channel = channelOption(interaction) ?? (await commandChannel(client, interaction));
  let report: CohortReport;
  try {
    report = await coach.cohortReport(actor, channel, days);
  } catch (error) {
    if (error instanceof UserFacingError) {
      await interaction.editReply(textPayloads(error.message)[0]!);
      return;
    }
    throw error;
  }
  const pieces = textPayloads(cohortReportText(report));
  let chart: Buffer | null = null;
  try {
    chart = await renderCohortChart(report);
  } catch (error) {
    logger.warn('discord-cohort-chart-failed', { code: apiErrorCode(error), error });
    pieces.push(...textPayloads(wording.cohortChartFailed()));
  }
  for (const [index, piece] of pieces.entries()) {
    const last = index === pieces.length - 1;
    const files = last && chart ? [{ attachment: chart, name: 'cohort.png' }] : [];
    if (index === 0) await interaction.editReply({ ...piece, files });
    else await interaction.followUp({ ...piece, files, flags: MessageFlags.Ephemeral });
  }
}
