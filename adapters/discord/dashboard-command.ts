import {
  ApplicationIntegrationType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { UserFacingError } from '../../src/index.ts';
import type { RouterDeps } from './interactions.ts';
import { textPayloads } from './render.ts';
import { ack } from './session-events.ts';
import { interactionSource } from './sources.ts';
import { wording } from './wording.ts';

const ephemeral = { flags: MessageFlags.Ephemeral } as const;

/** `/dashboard`: offered to everyone; instructors get their cohorts, members their own progress page. */
export function dashboardCommandDefinition(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    name: 'dashboard',
    description: 'A private link to the web dashboard: your cohorts (instructors) or your own progress',
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

/** Ephemeral: the link is the asker's alone. Whether the dashboard is on at all is the core's to say. */
export async function runDashboardInteraction(deps: RouterDeps, interaction: ChatInputCommandInteraction) {
  await ack(deps, interaction, () => interaction.deferReply(ephemeral));
  const actor = await deps.roles.resolve(interactionSource(interaction, null));
  try {
    const link = await deps.coach.dashboardLink(actor);
    await interaction.editReply({
      content: wording.dashboardLink(link.url, link.expiresAt, link.role === 'member'),
      allowedMentions: { parse: [] },
    });
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    await interaction.editReply(textPayloads(error.message)[0]!);
  }
}
