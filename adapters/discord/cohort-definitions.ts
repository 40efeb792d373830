import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandChannelOption,
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ChannelType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Command = (
  name: string,
  description: string,
  rest?: Partial<RESTPostAPIChatInputApplicationCommandsJSONBody>,
) => Definition;

/** The cohort a staff command is about; without it, the channel the command runs in. */
export function cohortChannelOption(
  description = 'The cohort’s channel (default: this channel)',
): APIApplicationCommandChannelOption {
  return {
    type: ApplicationCommandOptionType.Channel,
    name: 'channel',
    description,
    channel_types: [ChannelType.GuildText],
  };
}

/** The periods a cohort report covers, as typed; the handler turns them into days. */
export const reportPeriods = { '7d': 7, '30d': 30, '90d': 90 } as const;

const roleChoices = ['member', 'instructor'].map((role) => ({ name: role, value: role }));

function memberOption(description: string): APIApplicationCommandBasicOption {
  return { type: ApplicationCommandOptionType.User, name: 'member', description, required: true };
}

/**
 * The instructors' commands for cohorts. Shown to everyone (members with the instructor role need
 * them, and Discord's permission defaults know nothing of that role); the core refuses the rest.
 */
export function cohortCommandDefinitions(command: Command, pack: APIApplicationCommandOption): Definition[] {
  return [
    command('cohorts', 'The server’s cohorts: schedule, members, instructors (admins and instructors)'),
    command('cohort-member', 'Add people to a cohort or remove them (admins and instructors)', {
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'add',
          description: 'Add a member or an instructor to a cohort',
          options: [
            memberOption('Who to add'),
            {
              type: ApplicationCommandOptionType.String,
              name: 'role',
              description: 'As a member (default) or an instructor',
              choices: roleChoices,
            },
            cohortChannelOption(),
          ],
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'remove',
          description: 'Remove someone from a cohort (as member and as instructor)',
          options: [memberOption('Who to remove'), cohortChannelOption()],
        },
      ],
    }),
    command('assign', 'Give a cohort questions to answer by a date (admins and instructors)', {
      options: [
        { ...pack, description: 'Pack the questions come from', required: true },
        {
          type: ApplicationCommandOptionType.String,
          name: 'due',
          description: 'Last day: YYYY-MM-DD, today, tomorrow or a number of days like 7d',
          required: true,
          max_length: 10,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'count',
          description: 'How many questions, picked from the pack',
          min_value: 1,
          max_value: 50,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'questions',
          description: 'Or these question ids, comma-separated',
          max_length: 1000,
        },
        cohortChannelOption(),
      ],
    }),
  ];
}

/** `/cohort`'s options: the period and the cohort. */
export function cohortReportOptions(): APIApplicationCommandOption[] {
  return [
    {
      type: ApplicationCommandOptionType.String,
      name: 'period',
      description: 'How far back (default 30d)',
      choices: Object.keys(reportPeriods).map((period) => ({ name: period, value: period })),
    },
    cohortChannelOption(),
  ];
}
