import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { messages, parsePeriod, reportPeriods, rosterText, UserFacingError } from '../../src/index.ts';
import type { RouterDeps } from './interactions.ts';
import { textPayloads } from './render.ts';
import { ack } from './session-events.ts';
import { interactionSource } from './sources.ts';

const ephemeral = { flags: MessageFlags.Ephemeral } as const;

/** `/roster` and `/export`: shown to everyone, so members with the instructor role find them; the core refuses the rest. */
export function rosterCommandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const channel = {
    type: ApplicationCommandOptionType.Channel as const,
    name: 'channel',
    description: "The cohort's channel (default: this one, or the one cohort you teach)",
    channel_types: [ChannelType.GuildText as const],
  };
  const period = {
    type: ApplicationCommandOptionType.String as const,
    name: 'period',
    description: 'How far back (default 30 days)',
    choices: reportPeriods.map((days) => ({ name: `${days} days`, value: `${days}d` })),
  };
  const base = {
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
  return [
    {
      ...base,
      name: 'roster',
      description: "Each member's activity, average, trend, streak and assignments (instructors)",
      options: [channel, period],
    },
    {
      ...base,
      name: 'export',
      description: "The cohort's graded answers as a CSV file, only for you (instructors)",
      options: [
        channel,
        period,
        {
          type: ApplicationCommandOptionType.String,
          name: 'since',
          description: 'First day to include, YYYY-MM-DD (instead of a period)',
          max_length: 10,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'answers',
          description: 'Add the answer text (redacted)',
        },
      ],
    },
  ];
}

/** `/roster` and `/export`, ephemeral: the roster as text, the export as a CSV attachment. */
export async function runRosterInteraction(deps: RouterDeps, interaction: ChatInputCommandInteraction) {
  await ack(deps, interaction, () => interaction.deferReply(ephemeral));
  const actor = await deps.roles.resolve(interactionSource(interaction, null));
  const channel = interaction.options.getChannel('channel')?.id ?? interaction.channelId;
  const period = interaction.options.getString('period');
  try {
    const periodDays = period ? parsePeriod(period) : 30;
    if (interaction.commandName === 'roster') {
      const roster = await deps.coach.roster(actor, channel, periodDays);
      const pieces = textPayloads(rosterText(roster, deps.coach.clock.now()));
      for (const [index, piece] of pieces.entries()) {
        if (index === 0) await interaction.editReply(piece);
        else await interaction.followUp({ ...piece, ...ephemeral });
      }
      return;
    }
    const since = interaction.options.getString('since')?.trim();
    const exported = await deps.coach.exportCsv(actor, channel, {
      ...(since ? { since } : { periodDays }),
      answers: interaction.options.getBoolean('answers') ?? false,
    });
    await interaction.editReply({
      ...textPayloads(messages.exportAttached(exported.rows))[0]!,
      files: [{ attachment: Buffer.from(exported.csv, 'utf8'), name: exported.filename }],
    });
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    await interaction.editReply(textPayloads(error.message)[0]!);
  }
}
