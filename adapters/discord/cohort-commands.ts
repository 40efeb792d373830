import type { ChatInputCommandInteraction, Client } from 'discord.js';
import { type AssignWhat, type Coach, messages, UserFacingError } from '../../src/index.ts';
import { assignedPayloads, cohortListPayloads } from './cohort-panels.ts';
import { type Payload, textPayloads } from './render.ts';
import type { createRoleResolver } from './roles.ts';
import { channelOption, commandChannel, interactionSource } from './sources.ts';
import { wording } from './wording.ts';

type Roles = ReturnType<typeof createRoleResolver>;

export interface CohortCommandDeps {
  coach: Coach;
  roles: Roles;
  client: Client;
}

/** Runs a staff command; the core's refusals and checks become its private answer. */
async function answering(work: () => Promise<Payload[]>): Promise<Payload[]> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserFacingError) return textPayloads(error.message);
    throw error;
  }
}

/** The actor with their roles, and the cohort channel the command names or runs in. */
async function staffContext(deps: CohortCommandDeps, interaction: ChatInputCommandInteraction) {
  const actor = await deps.roles.resolve(interactionSource(interaction, null));
  const channel = channelOption(interaction) ?? (await commandChannel(deps.client, interaction));
  return { actor, channel };
}

/** `/cohorts`: the cohorts the actor teaches (every one for an admin); members are refused by the core. */
export function runCohortsCommand(deps: CohortCommandDeps, interaction: ChatInputCommandInteraction) {
  return answering(async () => {
    const { actor } = await staffContext(deps, interaction);
    const cohorts = await deps.coach.listCohorts(actor);
    const packTitle = (id: string) => deps.coach.packs.get(id)?.roleTitle ?? id;
    return cohortListPayloads(cohorts, packTitle);
  });
}

/** `/cohort-member add|remove member [role] [channel]`. */
export function runCohortMemberCommand(deps: CohortCommandDeps, interaction: ChatInputCommandInteraction) {
  return answering(async () => {
    const { actor, channel } = await staffContext(deps, interaction);
    const member = interaction.options.get('member', true).value;
    if (typeof member !== 'string') throw new UserFacingError('NO_MEMBERS', messages.noMembersNamed());
    if (interaction.options.getSubcommand() === 'remove') {
      const cohort = await deps.coach.removeCohortMember(actor, channel, member);
      return textPayloads(wording.memberRemoved(member, messages.memberRemoved(cohort.drillChannel)));
    }
    const role = interaction.options.getString('role') === 'instructor' ? 'instructor' : 'member';
    const cohort = await deps.coach.addCohortMembers(actor, channel, [member], role);
    return textPayloads(messages.membersAdded(1, cohort.drillChannel, role));
  });
}

/**
 * `/assign pack due [count|questions] [channel]`. Named questions win over a count; with neither, the
 * core's own check says what to give.
 */
export function runAssignCommand(deps: CohortCommandDeps, interaction: ChatInputCommandInteraction) {
  return answering(async () => {
    const { actor, channel } = await staffContext(deps, interaction);
    const options = interaction.options;
    const questionIds = (options.getString('questions') ?? '')
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean);
    const what: AssignWhat = questionIds.length
      ? { questionIds }
      : { count: options.getInteger('count') ?? 0 };
    const view = await deps.coach.assign(actor, channel, {
      packId: options.getString('pack', true).trim(),
      what,
      due: options.getString('due', true),
    });
    const sentence = messages.assigned(
      view.questions.length,
      view.packTitle,
      view.cohort,
      view.assignment.due,
    );
    return assignedPayloads(view, sentence);
  });
}
