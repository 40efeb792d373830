import { type AssignRequest, messages } from '../../src/index.ts';
import { channelId, userId } from './parse-config.ts';

/** `/coach cohorts`, `/coach cohort …` and `/coach assign …` as the adapter acts on them. */
export type CohortCommand =
  | { kind: 'cohorts' }
  /** The cohort report: `channel` null is the cohort run in (or the one the asker teaches). */
  | { kind: 'cohort'; channel: string | null; days: number | null }
  | { kind: 'cohort-members'; action: MembersAction; users: string[]; channel: string | null }
  | { kind: 'cohort-usage' }
  | { kind: 'assign'; channel: string | null; request: AssignRequest }
  | { kind: 'assign-usage' }
  | { kind: 'invalid'; text: string };

export type MembersAction = 'add' | 'add-instructor' | 'remove';

const membersActions: Record<string, MembersAction> = {
  add: 'add',
  'add-member': 'add',
  'add-instructor': 'add-instructor',
  remove: 'remove',
};

/** The periods a report covers. */
export const reportPeriods = [7, 30, 90] as const;

/**
 * The one `#channel` among `words` (Slack escapes it as `<#C123|name>`), and the words left. `channel`
 * is undefined when more than one is named.
 */
export function takeChannel(words: readonly string[]): {
  channel: string | null | undefined;
  rest: string[];
} {
  const named = words.map(channelId).filter((id): id is string => id !== undefined);
  const rest = words.filter((word) => channelId(word) === undefined);
  return { channel: named.length > 1 ? undefined : (named[0] ?? null), rest };
}

/** `[#channel] [7d|30d|90d]` in either order: a report's cohort and period. */
export function parseChannelAndPeriod(
  words: readonly string[],
): { channel: string | null; days: number | null } | { invalid: string } | null {
  const { channel, rest } = takeChannel(words);
  if (channel === undefined || rest.length > 1) return null;
  const [period] = rest;
  if (period === undefined) return { channel, days: null };
  const match = /^(\d{1,4})d$/i.exec(period);
  if (!match) return null;
  const days = Number(match[1]);
  if (!(reportPeriods as readonly number[]).includes(days))
    return { invalid: messages.invalidPeriod(period) };
  return { channel, days };
}

/** `cohort [#c] [7d|30d|90d]`, `cohort add @a @b [#c]`, `cohort add-instructor @u [#c]`, `cohort remove @u [#c]`. */
export function parseCohortCommand(words: readonly string[]): CohortCommand {
  const action = membersActions[words[0]?.toLowerCase() ?? ''];
  if (action) return parseMembers(action, words.slice(1));
  const report = parseChannelAndPeriod(words);
  if (report === null) return { kind: 'cohort-usage' };
  if ('invalid' in report) return { kind: 'invalid', text: report.invalid };
  return { kind: 'cohort', ...report };
}

function parseMembers(action: MembersAction, words: readonly string[]): CohortCommand {
  const { channel, rest } = takeChannel(words);
  const users = rest.map(userId);
  if (channel === undefined || users.length === 0 || users.some((user) => user === undefined)) {
    return { kind: 'cohort-usage' };
  }
  if (action === 'remove' && users.length !== 1) return { kind: 'cohort-usage' };
  return { kind: 'cohort-members', action, users: [...new Set(users as string[])], channel };
}

/**
 * `assign <pack> <count | question ids…> due <date> [#channel]`. A lone number is a count; anything
 * else names questions. The core checks the pack, the ids, the count and the date.
 */
export function parseAssignCommand(words: readonly string[]): CohortCommand {
  const { channel, rest } = takeChannel(words);
  const dueAt = rest.findIndex((word) => word.toLowerCase() === 'due');
  if (channel === undefined || dueAt < 2 || dueAt !== rest.length - 2) return { kind: 'assign-usage' };
  const [pack, ...what] = rest.slice(0, dueAt);
  const due = rest[dueAt + 1]!;
  const count = what.length === 1 && /^\d+$/.test(what[0]!) ? Number(what[0]) : null;
  return {
    kind: 'assign',
    channel,
    request: {
      packId: pack!.toLowerCase(),
      what: count === null ? { questionIds: what } : { count },
      due,
    },
  };
}
