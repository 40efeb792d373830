import { parsePeriod, UserFacingError } from '../../src/index.ts';

/** `/coach roster|export [#channel] [7d|30d|90d]`: the cohort named (else where it ran) and the period. */
export type RosterCommand =
  | { kind: 'roster' | 'export'; channel: string | null; periodDays: number }
  | { kind: 'invalid'; text: string };

/** Words in any order: a channel (`<#C…|name>` or an id) and a period. Pure. */
export function parseRosterCommand(kind: 'roster' | 'export', words: readonly string[]): RosterCommand {
  let channel: string | null = null;
  let periodDays = 30;
  for (const word of words) {
    const escaped = /^<#([A-Z0-9]+)(\|[^>]*)?>$/.exec(word);
    if (escaped) channel = escaped[1]!;
    else if (/^[CG][A-Z0-9]{6,}$/.test(word)) channel = word;
    else {
      try {
        periodDays = parsePeriod(word);
      } catch (error) {
        if (error instanceof UserFacingError) return { kind: 'invalid', text: error.message };
        throw error;
      }
    }
  }
  return { kind, channel, periodDays };
}
