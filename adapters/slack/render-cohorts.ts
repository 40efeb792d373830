import {
  type AssignmentView,
  type CohortView,
  describeWeekdays,
  type MemberAssignment,
  messages,
} from '../../src/index.ts';
import {
  type Block,
  context,
  escapeMrkdwn,
  header,
  type SlackMessage,
  section,
  textSections,
  toMessages,
} from './blocks.ts';
import { wording } from './wording.ts';

/**
 * The cohorts the asker may see, one block each: channel, schedule in words, pack and level, paused,
 * members, instructors, open assignments.
 */
export function cohortsMessage(cohorts: readonly CohortView[]): SlackMessage[] {
  const heading = wording.cohortsHeading(cohorts.length);
  if (cohorts.length === 0) return toMessages(textSections(messages.nameACohort([])), heading);
  const blocks: Block[] = [header(heading)];
  for (const cohort of cohorts) blocks.push(section(cohortSummary(cohort)));
  blocks.push(...context([wording.cohortsHowTo()]));
  return toMessages(blocks, heading);
}

function cohortSummary(cohort: CohortView): string {
  const open = cohort.openAssignments;
  const instructors = cohort.instructors.map(userMention);
  const schedule = [
    `${escapeMrkdwn(cohort.drillTime)} ${escapeMrkdwn(cohort.timezone)}`,
    describeWeekdays(cohort.weekdays),
    `pack ${escapeMrkdwn(cohort.packId ?? wording.packDefault())}`,
    `level ${cohort.level ?? wording.anyLevel()}`,
  ].join(' · ');
  return [
    `*${channelMention(cohort.drillChannel)}*${cohort.paused ? ` · ${wording.paused()}` : ''}`,
    schedule,
    [
      wording.memberCount(cohort.members),
      `${wording.instructorsLabel()} ${instructors.length ? instructors.join(', ') : wording.anyInstructor()}`,
      wording.openAssignments(open.map((assignment) => assignment.due)),
    ].join(' · '),
  ].join('\n');
}

/** What was assigned: the core's sentence, then each question with its id (the one to name it by). */
export function assignedMessage(view: AssignmentView): SlackMessage[] {
  const { assignment } = view;
  const said = messages.assigned(assignment.questionIds.length, view.packTitle, view.cohort, assignment.due);
  const lines = view.questions.map((question) => `${question.id}: ${question.text}`);
  const blocks = [
    ...textSections(said),
    ...textSections(lines.join('\n')),
    ...context([wording.assignedHowTo()]),
  ];
  return toMessages(blocks, said);
}

/** After members were added or removed: the core's sentence, then who the cohort has now. */
export function membersMessage(said: string, cohort: CohortView): SlackMessage[] {
  const instructors = cohort.instructors.map(userMention);
  const now = `${wording.memberCount(cohort.members)} · ${wording.instructorsLabel()} ${
    instructors.length ? instructors.join(', ') : wording.anyInstructor()
  }`;
  return toMessages([...textSections(said), ...context([now])], said);
}

/** Enough rows for any week's work; the core lists open ones first, so those are the ones shown. */
const assignmentRows = 10;

/** A member's assignments for progress: pack, done of total, due date and status, open ones first. */
export function assignmentBlocks(assignments: readonly MemberAssignment[]): Block[] {
  if (assignments.length === 0) return [];
  const lines = assignments.slice(0, assignmentRows).map((row) => {
    const total = row.assignment.questionIds.length;
    return `${wording.assignmentStatus(row.status)}  *${escapeMrkdwn(row.packTitle)}* · ${
      row.answered.length
    } of ${total} · due ${row.assignment.due} · ${channelMention(row.cohort)}`;
  });
  const more = assignments.length - lines.length;
  // The lines are mrkdwn already (pack titles escaped); ten of them stay well within a section's limit.
  return [
    section(`*${wording.assignmentsHeading()}*`),
    section(lines.join('\n')),
    ...context(more > 0 ? [wording.moreAssignments(more)] : []),
  ];
}

/** A channel id as a link Slack renders with the channel's name; anything else stays plain text. */
export function channelMention(id: string): string {
  return /^[A-Z0-9]+$/.test(id) ? `<#${id}>` : escapeMrkdwn(id);
}

/** A Slack user id as a mention that renders as the member's name (ephemeral: it notifies nobody). */
export function userMention(id: string): string {
  return /^[UW][A-Z0-9]+$/.test(id) ? `<@${id}>` : escapeMrkdwn(id);
}
