import type { DirectMessage } from './direct-messages.ts';
import type { InstructorDigest } from './instructor-digest.ts';
import type { ReminderItem } from './reminders.ts';

/**
 * What reminders and the weekly digest say. Channels are written `<#id>` and people `<@id>`, which
 * Slack and Discord both render. Platform-neutral: "the drill command" is `/coach drill` on Slack and
 * `/drill` on Discord.
 */
export const reminderMessages = {
  reminderDaily: (channel: string) =>
    `You haven't answered today's question in <#${channel}> yet. A few minutes now keeps your practice going: use the drill command, or Answer under the question.`,
  reminderStreak: (days: number) =>
    `Your ${days}-day streak ends tonight unless you answer one question today. One answer keeps it.`,
  reminderAssignment: (channel: string, remaining: number, due: string) =>
    `Your assignment for <#${channel}> is due tomorrow (${due}): ${remaining} question${remaining === 1 ? '' : 's'} left. The drill command gives them to you first.`,
  reminderFooter: () => 'Change or stop these reminders with the settings command (remind off).',
  digestTitle: (channel: string, members: number) =>
    `Weekly digest for <#${channel}> (${members} member${members === 1 ? '' : 's'}):`,
  digestInactive: (users: string[], shown: number) =>
    users.length === 0
      ? 'Everyone practised in the last 7 days.'
      : `Inactive for 7 days or more (${users.length}): ${users
          .slice(0, shown)
          .map((user) => `<@${user}>`)
          .join(', ')}${users.length > shown ? `, and ${users.length - shown} more` : ''}.`,
  digestNoAssignments: () => 'No open assignments.',
  digestAssignment: (packTitle: string, questions: number, due: string, done: number, members: number) =>
    `Assignment: ${questions} ${packTitle} question${questions === 1 ? '' : 's'}, due ${due}: ${done} of ${members} done.`,
  digestWeakest: (entries: { competency: string; average: number; attempts: number }[]) =>
    entries.length === 0
      ? 'No answers this week.'
      : `Weakest this week: ${entries
          .map(
            (entry) =>
              `${entry.competency.replace(/-/g, ' ')} ${entry.average.toFixed(1)}/5 (${entry.attempts})`,
          )
          .join(', ')}.`,
} as const;

const inactiveShown = 25;

/** One direct message holding every reminder item due; its kind is the first (the most pressing). */
export function reminderMessage(items: ReminderItem[]): DirectMessage {
  const lines = items.map((item) => {
    if (item.kind === 'daily') return reminderMessages.reminderDaily(item.cohort);
    if (item.kind === 'streak') return reminderMessages.reminderStreak(item.streak);
    return reminderMessages.reminderAssignment(item.cohort, item.remaining, item.assignment.due);
  });
  return { kind: items[0]?.kind ?? 'daily', text: [...lines, reminderMessages.reminderFooter()].join('\n') };
}

export function digestMessage(digest: InstructorDigest): DirectMessage {
  const lines = [
    reminderMessages.digestTitle(digest.cohort, digest.members),
    reminderMessages.digestInactive(digest.inactive, inactiveShown),
    ...(digest.assignments.length === 0
      ? [reminderMessages.digestNoAssignments()]
      : digest.assignments.map(({ assignment, packTitle, done }) =>
          reminderMessages.digestAssignment(
            packTitle,
            assignment.questionIds.length,
            assignment.due,
            done,
            digest.members,
          ),
        )),
    reminderMessages.digestWeakest(digest.weakest),
  ];
  return { kind: 'digest', text: lines.join('\n') };
}
