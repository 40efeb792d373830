import type { APIEmbedField } from 'discord.js';
import type { AssignmentView, CohortView, MemberAssignment } from '../../src/index.ts';
import { colors, embedPayloads, type Payload } from './render.ts';
import { describeWeekdays } from './to-event.ts';
import { labels, wording } from './wording.ts';

/** When and where a cohort's drill is posted, in words: `09:00 Europe/Berlin, Mon–Fri (paused)`. */
export function scheduleInWords(cohort: CohortView): string {
  const schedule = `${cohort.drillTime} ${cohort.timezone}, ${describeWeekdays(cohort.weekdays)}`;
  return cohort.paused ? `${schedule} (${labels.paused})` : schedule;
}

export function mentionsOf(users: readonly string[]): string {
  return users.length ? users.map((user) => `<@${user}>`).join(', ') : labels.nobody;
}

/**
 * `/cohorts`: one field per cohort (its channel, schedule, members, instructors, open assignments).
 */
export function cohortListPayloads(cohorts: CohortView[], packTitle: (packId: string) => string): Payload[] {
  if (cohorts.length === 0) {
    return embedPayloads({ title: labels.cohorts, description: wording.noCohorts(), color: colors.brand });
  }
  const fields: APIEmbedField[] = cohorts.map((cohort, index) => {
    const open = cohort.openAssignments;
    const lines = [
      `<#${cohort.drillChannel}>`,
      `${labels.members}: ${cohort.members} · ${labels.instructors}: ${mentionsOf(cohort.instructors)}`,
      `${labels.openAssignments}: ${
        open.length
          ? open
              .map((a) => wording.assignmentLine(packTitle(a.packId), a.questionIds.length, a.due))
              .join('; ')
          : labels.noneOpen
      }`,
    ];
    // A field name shows no channel mention, so the channel leads the value.
    return { name: `${index + 1}. ${scheduleInWords(cohort)}`, value: lines.join('\n') };
  });
  return embedPayloads({ title: `${labels.cohorts} (${cohorts.length})`, color: colors.brand, fields });
}

/** `/assign`: what was assigned, to which cohort, due when, and the questions themselves. */
export function assignedPayloads(view: AssignmentView, sentence: string): Payload[] {
  return embedPayloads({
    title: labels.assignment,
    description: sentence,
    color: colors.brand,
    fields: [
      {
        name: labels.questions,
        value: view.questions.map((question) => `\`${question.id}\` ${question.text}`).join('\n'),
      },
    ],
  });
}

const statusWords = {
  done: labels.statusDone,
  'in-progress': labels.statusInProgress,
  overdue: labels.statusOverdue,
} as const;

/** A member's assignments as lines, open ones first as the core ordered them. */
export function memberAssignmentLines(assignments: MemberAssignment[]): string {
  return assignments
    .map((row) => {
      const total = row.assignment.questionIds.length;
      const status = statusWords[row.status];
      return `**${status}** · ${row.packTitle} · ${row.answered.length}/${total} ${labels.done} · ${labels.dueOn} ${row.assignment.due} · <#${row.cohort}>`;
    })
    .join('\n');
}
