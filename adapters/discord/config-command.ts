import type { ChatInputCommandInteraction, Client } from 'discord.js';
import type { Coach } from '../../src/index.ts';
import { messages, UserFacingError } from '../../src/index.ts';
import { configPayloads } from './panels.ts';
import { type Payload, textPayloads } from './render.ts';
import type { createRoleResolver } from './roles.ts';
import { commandChannel, interactionSource } from './sources.ts';
import { configChange } from './to-event.ts';
import { wording } from './wording.ts';

type Roles = ReturnType<typeof createRoleResolver>;

/**
 * `/coach-config`: options change the cohort of the channel it runs in (or of the channel `drill-channel`
 * names), making it a cohort on first use, and `action:remove` ends the cohort; no options show it.
 * The core decides who may (the actor's roles, the cohort's instructors). Discord hides the command from
 * members without Manage Server, but server admins can change that, and instructors need it.
 */
export async function runConfigCommand(
  coach: Coach,
  roles: Roles,
  client: Client,
  interaction: ChatInputCommandInteraction,
): Promise<Payload[]> {
  const source = interactionSource(interaction, null);
  const actor = await roles.resolve(source);
  const options = interaction.options;
  const named = options.getChannel('drill-channel')?.id ?? null;
  const action = options.getString('action');
  const parsed = configChange(
    {
      drillChannel: named,
      drillTime: options.getString('drill-time'),
      timezone: options.getString('timezone'),
      pack: options.getString('pack'),
      days: options.getString('days'),
      level: options.getString('level'),
      action: action === 'remove' ? null : action,
      skipDate: options.getString('skip_date'),
      instructorRole: options.getRole('instructor_role')?.id ?? null,
    },
    // The core resolves "today" in the cohort's timezone, with its own clock.
    'today',
  );
  try {
    if (!parsed.ok) throw new UserFacingError('INVALID_WEEKDAYS', messages.invalidWeekdays());
    const channel = await commandChannel(client, interaction);
    const change = action === 'remove' ? { drillChannel: null } : parsed.change;
    if (change) {
      const outcome = await coach.configureCohort(
        actor,
        action === 'remove' ? (named ?? channel) : channel,
        change,
      );
      if (source.guildId) roles.forget(source.guildId);
      if (outcome.removed) return textPayloads(messages.cohortRemoved(outcome.removed));
      return outcome.cohort
        ? configPayloads(outcome.cohort, outcome.tenant)
        : textPayloads(wording.instructorRoleSaved());
    }
    // The instructor role is shown beside the cohort; whoever may see the cohort may see which role it is.
    const cohort = await coach.showCohort(actor, channel);
    return configPayloads(cohort, await coach.tenantConfig(actor.platform, actor.tenant));
  } catch (error) {
    if (error instanceof UserFacingError) return textPayloads(error.message);
    throw error;
  }
}
