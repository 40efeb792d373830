import type { ChatInputCommandInteraction } from 'discord.js';
import type { Coach } from '../../src/index.ts';
import { messages, UserFacingError } from '../../src/index.ts';
import { configPayloads } from './panels.ts';
import { type Payload, textPayloads } from './render.ts';
import type { createRoleResolver } from './roles.ts';
import { interactionSource } from './sources.ts';
import { configChange } from './to-event.ts';
import { wording } from './wording.ts';

type Roles = ReturnType<typeof createRoleResolver>;

/**
 * `/coach-config`: options change the server's settings (the core checks the actor's roles); no options
 * show them all. Discord hides the command from members without Manage Server, but server admins can
 * change that (and instructors need it), so permissions are checked again here: Manage Server as Discord
 * computed it for this member, or the server's instructor role.
 */
export async function runConfigCommand(
  coach: Coach,
  roles: Roles,
  interaction: ChatInputCommandInteraction,
): Promise<Payload[]> {
  const source = interactionSource(interaction, null);
  const actor = await roles.resolve(source);
  const options = interaction.options;
  const parsed = configChange(
    {
      drillChannel: options.getChannel('drill-channel')?.id ?? null,
      drillTime: options.getString('drill-time'),
      timezone: options.getString('timezone'),
      pack: options.getString('pack'),
      days: options.getString('days'),
      level: options.getString('level'),
      action: options.getString('action'),
      skipDate: options.getString('skip_date'),
      instructorRole: options.getRole('instructor_role')?.id ?? null,
    },
    // The core resolves "today" in the server's timezone, with its own clock.
    'today',
  );
  try {
    if (!parsed.ok) throw new UserFacingError('INVALID_WEEKDAYS', messages.invalidWeekdays());
    const channel = interaction.channelId;
    if (parsed.change) {
      const outcome = await coach.configureCohort(actor, channel, parsed.change);
      if (source.guildId) roles.forget(source.guildId);
      if (outcome.removed) return textPayloads(messages.cohortRemoved(outcome.removed));
      return outcome.cohort
        ? configPayloads(outcome.cohort, outcome.tenant)
        : textPayloads(wording.instructorRoleSaved());
    }
    return configPayloads(await coach.showCohort(actor, channel), await coach.showTenantConfig(actor));
  } catch (error) {
    if (error instanceof UserFacingError) return textPayloads(error.message);
    throw error;
  }
}
