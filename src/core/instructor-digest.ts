import type { QuestionPack } from '../content/pack-schema.ts';
import { isoWeek } from '../drills/streak.ts';
import { answeredQuestions, assignmentProgress } from './assignments.ts';
import type { Assignment, Cohort } from './cohort-records.ts';
import { buildCohortReport } from './cohort-report.ts';
import { isValidTimeZone } from './daily-question.ts';
import type { HistoryRecord } from './records.ts';
import { localMoment } from './reminders.ts';

/** A cohort's week for its instructors. */
export interface InstructorDigest {
  cohort: string;
  members: number;
  /** Members with no answer for 7 days or more (never answered included). */
  inactive: string[];
  /** Each open (not yet past due) assignment: how many members are done. */
  assignments: { assignment: Assignment; packTitle: string; done: number }[];
  /** The week's weakest competencies, weakest first. */
  weakest: { competency: string; average: number; attempts: number }[];
}

const weekMs = 7 * 86_400_000;
const weakestShown = 3;

/**
 * The ISO week (cohort-local) whose digest is due now: Mondays from the cohort's drill time on, so a
 * digest missed while the bot was down still goes out that day. null the rest of the week.
 */
export function digestWeekDue(cohort: Cohort, now: number): string | null {
  if (cohort.instructors.length === 0 || !isValidTimeZone(cohort.timezone)) return null;
  const local = localMoment(now, cohort.timezone);
  if (local.weekday !== 1 || local.time < cohort.drillTime) return null;
  return isoWeek(local.date);
}

/** The digest from each member's history. Pure. */
export function buildInstructorDigest(
  cohort: Cohort,
  members: { user: string; history: HistoryRecord }[],
  packs: Map<string, QuestionPack>,
  now: number,
  today: string,
): InstructorDigest {
  // A member who practised only in peer mock interviews was active all the same.
  const lastAnswer = (history: HistoryRecord) =>
    Math.max(
      history.attempts.at(-1)?.at ?? Number.NEGATIVE_INFINITY,
      history.peer.at(-1)?.at ?? Number.NEGATIVE_INFINITY,
    );
  const inactive = members
    .filter(({ history }) => lastAnswer(history) <= now - weekMs)
    .map(({ user }) => user)
    .sort();
  const assignments = cohort.assignments
    .filter((assignment) => assignment.due >= today)
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((assignment) => ({
      assignment,
      packTitle: packs.get(assignment.packId)?.roleTitle ?? assignment.packId,
      done: members.filter(
        ({ history }) =>
          assignmentProgress(assignment, cohort.drillChannel, answeredQuestions(history), today).status ===
          'done',
      ).length,
    }));
  const report = buildCohortReport(
    members.map(({ history }) => history),
    packs,
    now,
    7,
  );
  return {
    cohort: cohort.drillChannel,
    members: members.length,
    inactive,
    assignments,
    weakest: report.byCompetency.slice(0, weakestShown),
  };
}
