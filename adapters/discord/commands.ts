import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  Routes,
} from 'discord.js';
import { questionKinds, questionLevels } from '../../src/index.ts';
import { cohortCommandDefinitions, cohortReportOptions } from './cohort-definitions.ts';
import { dashboardCommandDefinition } from './dashboard-command.ts';
import { pairCommandDefinition } from './pair-definition.ts';
import { rosterCommandDefinitions } from './roster-commands.ts';

const everywhere = [InteractionContextType.Guild, InteractionContextType.BotDM];
const serverOnly = [InteractionContextType.Guild];

function command(
  name: string,
  description: string,
  contexts: InteractionContextType[],
  rest: Partial<RESTPostAPIChatInputApplicationCommandsJSONBody> = {},
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    name,
    description,
    contexts,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    ...rest,
  };
}

/** Discord caps a description at 100 characters. */
function packDescription(packIds: string[]): string {
  const description = `Question pack, e.g. ${packIds.slice(0, 3).join(', ')}`;
  return packIds.length && description.length <= 100 ? description : 'Question pack';
}

/** The slash commands' JSON bodies. Pack names are autocompleted at run time, so new packs need no re-register. */
export function commandDefinitions(packIds: string[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const pack = {
    type: ApplicationCommandOptionType.String as const,
    name: 'pack',
    description: packDescription(packIds),
    autocomplete: true,
  };
  return [
    command('practice', 'Start a mock interview in a thread of its own', everywhere, {
      options: [
        pack,
        {
          type: ApplicationCommandOptionType.String,
          name: 'kind',
          description: 'Kind of questions (default: mixed)',
          choices: questionKinds.map((kind) => ({ name: kind, value: kind })),
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'level',
          description: 'Seniority of the questions (default: any)',
          choices: questionLevels.map((level) => ({ name: level, value: level })),
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'count',
          description: 'How many questions (default 5)',
          min_value: 1,
          max_value: 20,
        },
      ],
    }),
    command('drill', "Answer this server's question of the day", serverOnly),
    command('answer', 'Answer the current question out loud: attach a recording', everywhere, {
      options: [
        {
          type: ApplicationCommandOptionType.Attachment,
          name: 'recording',
          description:
            'Your spoken answer: a voice memo or an audio or video file (mp3, m4a, ogg, webm, wav)',
          required: true,
        },
      ],
    }),
    command('progress', 'Your scores, streak, reviews due and points (only you see it)', everywhere),
    command('settings', 'Your timezone, leaderboard opt-in and reminders (only you see it)', serverOnly, {
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'timezone',
          description: "IANA timezone, e.g. Europe/Berlin; none uses the server's",
          max_length: 64,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'leaderboard',
          description: 'Show me on the weekly leaderboard',
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'remind',
          description: 'Daily reminder at HH:MM your time; none for no daily one; off for no reminders',
          max_length: 5,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'streak',
          description: 'A note in the evening when today would break my streak',
        },
      ],
    }),
    command('leaderboard', "This week's top members and your own place", serverOnly),
    // Shown to everyone, so members with the instructor role find it; the handler refuses the rest.
    command('cohort', "A cohort's participation and weak spots, with a chart (instructors)", serverOnly, {
      options: cohortReportOptions(),
    }),
    command('forget', 'Delete everything stored about you', everywhere),
    command('help', 'How starcoach works', everywhere),
    command(
      'coach-config',
      "This channel's cohort: its daily drill (Manage Server or instructors)",
      serverOnly,
      {
        // Hidden from members without Manage Server; the handler checks again, since admins can change this.
        default_member_permissions: String(PermissionFlagsBits.ManageGuild),
        options: [
          {
            type: ApplicationCommandOptionType.Channel,
            name: 'drill-channel',
            description: "Configure that channel's cohort instead of this channel's",
            channel_types: [ChannelType.GuildText],
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'drill-time',
            description: 'Local time of the daily post, 24-hour HH:MM',
            max_length: 5,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'timezone',
            description: 'IANA timezone, e.g. Europe/Berlin',
            max_length: 64,
          },
          { ...pack, description: 'Pack for the question of the day' },
          {
            type: ApplicationCommandOptionType.String,
            name: 'days',
            description: 'Days to post on: mon,wed,fri or mon-fri, weekdays, daily',
            max_length: 64,
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'level',
            description: 'Seniority of the question of the day',
            choices: [...questionLevels, 'any'].map((level) => ({ name: level, value: level })),
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'action',
            description: 'Pause or resume the daily drill, skip a day, or remove the cohort',
            choices: ['pause', 'resume', 'skip', 'remove'].map((action) => ({ name: action, value: action })),
          },
          {
            type: ApplicationCommandOptionType.String,
            name: 'skip_date',
            description: "The day to skip, YYYY-MM-DD (default: today in the server's timezone)",
            max_length: 10,
          },
          {
            type: ApplicationCommandOptionType.Role,
            name: 'instructor_role',
            description: 'Members with this role may create cohorts (server-wide)',
          },
        ],
      },
    ),
    ...cohortCommandDefinitions(
      (name, description, rest) => command(name, description, serverOnly, rest),
      pack,
    ),
    ...rosterCommandDefinitions(),
    dashboardCommandDefinition(),
    pairCommandDefinition((name, description, rest) => command(name, description, serverOnly, rest), pack),
  ];
}

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** One server, at once (for testing); without it, globally (Discord takes up to an hour to show them). */
  guildId?: string;
  apiUrl?: string;
  packIds: string[];
}

/** Replaces the application's commands (one PUT); returns how many Discord now has. */
export async function registerCommands(options: RegisterOptions): Promise<number> {
  const rest = new REST(options.apiUrl ? { api: options.apiUrl } : {}).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  try {
    const result = await rest.put(route, { body: commandDefinitions(options.packIds) });
    return Array.isArray(result) ? result.length : 0;
  } finally {
    // The sweepers are intervals: left running they keep a one-shot CLI command alive.
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}
