import { messages } from '../../src/index.ts';
import { answerOrExplain, commandChannel, reply, staffActor } from './command-replies.ts';
import type { CommandContext } from './commands.ts';
import type { CohortCommand } from './parse-cohort.ts';
import { assignedMessage, cohortsMessage, membersMessage } from './render-cohorts.ts';
import { configMessage } from './render-drills.ts';
import { textMessage } from './render-views.ts';
import { wording } from './wording.ts';

/** The staff commands about cohorts this file answers; the report stays with the chart in commands.ts. */
export type CohortStaffCommand = Extract<
  CohortCommand,
  { kind: 'cohorts' | 'cohort-members' | 'cohort-usage' | 'assign' | 'assign-usage' }
>;

/**
 * `/coach cohorts`, `/coach cohort add|add-instructor|remove`, `/coach assign`: the core decides who may
 * (from the roles Slack gives the asker) and words every refusal; a named `#channel` wins over the
 * channel the command ran in.
 */
export async function runCohortCommand(command: CohortStaffCommand, ctx: CommandContext): Promise<void> {
  switch (command.kind) {
    case 'cohort-usage':
      return reply(ctx, textMessage(wording.cohortUsage()));
    case 'assign-usage':
      return reply(ctx, textMessage(wording.assignUsage()));
    case 'cohorts':
      return listCohorts(ctx);
    case 'cohort-members':
      return changeMembers(command, ctx);
    case 'assign':
      return answerOrExplain(ctx, async () => {
        const channel = command.channel ?? commandChannel(ctx);
        return assignedMessage(await ctx.coach.assign(await staffActor(ctx), channel, command.request));
      });
  }
}

function listCohorts(ctx: CommandContext) {
  return answerOrExplain(ctx, async () => {
    const cohorts = await ctx.coach.listCohorts(await staffActor(ctx));
    return cohortsMessage(cohorts);
  });
}

function changeMembers(command: Extract<CohortCommand, { kind: 'cohort-members' }>, ctx: CommandContext) {
  return answerOrExplain(ctx, async () => {
    const actor = await staffActor(ctx);
    const channel = command.channel ?? commandChannel(ctx);
    if (command.action === 'remove') {
      const cohort = await ctx.coach.removeCohortMember(actor, channel, command.users[0]!);
      return membersMessage(messages.memberRemoved(cohort.drillChannel), cohort);
    }
    const role = command.action === 'add' ? 'member' : 'instructor';
    const cohort = await ctx.coach.addCohortMembers(actor, channel, command.users, role);
    return membersMessage(messages.membersAdded(command.users.length, cohort.drillChannel, role), cohort);
  });
}

/**
 * `/coach config` alone: in a cohort's channel, that cohort; anywhere else, the cohorts the asker
 * teaches (a member is refused by the core).
 */
export function showConfig(ctx: CommandContext) {
  return answerOrExplain(ctx, async () => {
    const actor = await staffActor(ctx);
    const channel = commandChannel(ctx);
    const { cohorts } = await ctx.coach.tenantConfig(actor.platform, actor.tenant);
    if (channel !== null && cohorts.some((cohort) => cohort.drillChannel === channel)) {
      return configMessage(await ctx.coach.showCohort(actor, channel), wording.settingsHeading());
    }
    return cohortsMessage(await ctx.coach.listCohorts(actor));
  });
}
