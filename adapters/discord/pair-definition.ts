import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { questionKinds, questionLevels } from '../../src/index.ts';

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody;

function memberOption(description: string): APIApplicationCommandOption {
  return { type: ApplicationCommandOptionType.User, name: 'member', description, required: true };
}

/** `/pair`: peer mock interviews, every answer private. `pack` is the shared autocompleted option. */
export function pairCommandDefinition(
  command: (name: string, description: string, rest?: Partial<Definition>) => Definition,
  pack: APIApplicationCommandOption,
): Definition {
  const subcommand = (name: string, description: string, options: APIApplicationCommandOption[] = []) => ({
    type: ApplicationCommandOptionType.Subcommand as const,
    name,
    description,
    options: options as never[],
  });
  return command('pair', 'Peer mock interviews: be matched with another member and interview each other', {
    options: [
      subcommand('join', 'Join the queue; matched at once when someone suitable waits', [
        pack,
        {
          type: ApplicationCommandOptionType.String,
          name: 'kind',
          description: 'Kind of questions (default: any)',
          choices: questionKinds.map((kind) => ({ name: kind, value: kind })),
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'level',
          description: 'Seniority of the questions (default: any)',
          choices: questionLevels.map((level) => ({ name: level, value: level })),
        },
      ]),
      subcommand('cancel', 'Leave the pairing queue'),
      subcommand('block', 'Never be paired with this member (they are not told)', [
        memberOption('The member not to be paired with'),
      ]),
      subcommand('unblock', 'Allow pairing with this member again', [
        memberOption('The member to allow again'),
      ]),
      subcommand('card', 'Show your interviewer’s scorecard again (only you see it)'),
    ],
  });
}
