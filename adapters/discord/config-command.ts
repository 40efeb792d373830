import type { ChatInputCommandInteraction } from 'discord.js';
import type { Coach } from '../../src/index.ts';
import { messages, UserFacingError } from '../../src/index.ts';
import { configPayloads } from './panels.ts';
import { type Payload, textPayloads } from './render.ts';
import { interactionSource } from './sources.ts';
import { actorOf, configChange } from './to-event.ts';

/**
 * `/coach-config`: options change the server's settings (the core checks the actor's roles); no options
 * show them. Discord hides the command from members without Manage Server, but server admins can change
 * that, so permissions are checked again here, from what Discord computed for this member.
 */
export async function runConfigCommand(
  coach: Coach,
  interaction: ChatInputCommandInteraction,
): Promise<Payload[]> {
  const actor = actorOf(interactionSource(interaction, null));
  const change = configChange({
    drillChannel: interaction.options.getChannel('drill-channel')?.id ?? null,
    drillTime: interaction.options.getString('drill-time'),
    timezone: interaction.options.getString('timezone'),
    pack: interaction.options.getString('pack'),
  });
  try {
    if (change) return configPayloads(await coach.configureTenant(actor, change));
    if (!actor.roles?.length) throw new UserFacingError('NOT_ALLOWED', messages.notAllowedToConfigure());
    return configPayloads(await coach.tenantConfig(actor.platform, actor.tenant));
  } catch (error) {
    if (error instanceof UserFacingError) return textPayloads(error.message);
    throw error;
  }
}
