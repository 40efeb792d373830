import type { QuestionPack } from '../content/pack-schema.ts';
import { addDays, isoWeek } from '../drills/streak.ts';
import { answeredQuestions, assignmentProgress } from './assignments.ts';
import type { Cohort } from './cohort-records.ts';
import { peerFigures } from './cohort-report.ts';
import { drillPackId, isValidTimeZone, localDate } from './daily-question.ts';
import type {
  AssignmentCompletion,
  CohortOverview,
  CohortSummary,
  CompetencyWeek,
  HardQuestion,
  ParticipationDay,
} from './dashboard-types.ts';
import { startOfLocalDay } from './local-day.ts';
import type { AttemptRecord, HistoryRecord } from './records.ts';

/**
 * The dashboard's cohort figures, worked out from records the caller read (dashboard.ts reads them and
 * checks who may see them); a member's page is dashboard-member.ts. Pure: no store, no clock but the
 * `now` given.
 */

const dayMs = 86_400_000;
const hardestShown = 10;

export type Packs = ReadonlyMap<string, QuestionPack>;

export interface OverviewInput {
  cohort: Cohort;
  /** The cohort's members' histories. */
  histories: readonly HistoryRecord[];
  packs: Packs;
  defaultPackId: string;
  now: number;
  periodDays: number;
}

/** A cohort's card: who is in it, its pack and how many assignments are still open (due today or later). */
export function cohortSummary(
  cohort: Cohort,
  members: number,
  packs: Packs,
  defaultPackId: string,
  now: number,
): CohortSummary {
  const today = localDate(now, cohort.timezone);
  const packId = drillPackId(cohort.packId, packs, defaultPackId);
  return {
    channel: cohort.drillChannel,
    members,
    timezone: cohort.timezone,
    packTitle: packs.get(packId)?.roleTitle ?? packId,
    openAssignments: cohort.assignments.filter((assignment) => assignment.due >= today).length,
  };
}

/** The overview page: participation, weekly averages, hardest questions and assignment completion. */
export function buildCohortOverview(input: OverviewInput): CohortOverview {
  const { histories, packs, now, periodDays } = input;
  // A zone that stopped being valid (an older tzdata) must not take the page down: UTC, as viewCohort does.
  const cohort = isValidTimeZone(input.cohort.timezone) ? input.cohort : { ...input.cohort, timezone: 'UTC' };
  const since = now - periodDays * dayMs;
  const days = periodDaysOf(since, now, cohort.timezone);
  const participation = days.dates.map((date): ParticipationDay => ({ date, members: 0, answers: 0 }));
  const weeks = new Map<string, Map<string, Tally>>();
  for (const date of days.dates) weeks.set(isoWeek(date), new Map());
  const weekOfDay = days.dates.map((date) => weeks.get(isoWeek(date))!);
  // By pack, then question: a joined string key per answer was most of an overview's time (see bench).
  const questions = new Map<string, Map<string, QuestionTally>>();
  // Which member a day last counted, so a member counts once a day however often they answered.
  const countedFor = new Int32Array(days.dates.length).fill(-1);
  histories.forEach((history, member) => {
    for (const attempt of history.attempts) {
      if (attempt.at < since || attempt.at > now) continue;
      const index = days.indexOf(attempt.at);
      const day = participation[index]!;
      day.answers += 1;
      if (countedFor[index] !== member) {
        day.members += 1;
        countedFor[index] = member;
      }
      const week = weekOfDay[index]!;
      for (const competency of attempt.competencies) addScore(week, competency, attempt.score);
      let pack = questions.get(attempt.packId);
      if (!pack) {
        pack = new Map();
        questions.set(attempt.packId, pack);
      }
      let question = pack.get(attempt.questionId);
      if (!question) {
        question = { packId: attempt.packId, questionId: attempt.questionId, sum: 0, count: 0 };
        pack.set(attempt.questionId, question);
      }
      question.sum += attempt.score;
      question.count += 1;
    }
  });
  return {
    cohort: cohortSummary(cohort, histories.length, packs, input.defaultPackId, now),
    periodDays,
    since,
    participation,
    competencyWeeks: competencyWeeks(weeks),
    hardestQuestions: hardestQuestions(
      [...questions.values()].flatMap((pack) => [...pack.values()]),
      packs,
    ),
    assignments: assignmentCompletion(cohort, histories, packs, localDate(now, cohort.timezone)),
    peer: peerFigures(histories, since, now),
  };
}

/** Scores summed rather than kept: an overview adds up hundreds of thousands of them. */
export interface Tally {
  sum: number;
  count: number;
}

interface QuestionTally extends Tally {
  packId: string;
  questionId: string;
}

export function addScore(tallies: Map<string, Tally>, key: string, score: number) {
  const tally = tallies.get(key);
  if (tally) {
    tally.sum += score;
    tally.count += 1;
  } else tallies.set(key, { sum: score, count: 1 });
}

/** One decimal, rounded as `averageOf` rounds, so the dashboard and the chat reports agree. */
export function averageOfTally(tally: Tally): number {
  return Math.round((tally.sum / tally.count) * 10) / 10;
}

/**
 * The local days of the period in a timezone, and which of them a moment falls on. Days are found by
 * their start times rather than by formatting each answer's date: an overview of thousands of members
 * has hundreds of thousands of answers, and Intl formatting each one took most of its time.
 */
function periodDaysOf(since: number, now: number, timeZone: string) {
  const dates: string[] = [];
  const last = localDate(now, timeZone);
  for (let date = localDate(since, timeZone); date <= last; date = addDays(date, 1)) dates.push(date);
  const starts = dates.map((date) => startOfLocalDay(date, timeZone));
  function indexOf(at: number): number {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= at) low = middle;
      else high = middle - 1;
    }
    return low;
  }
  return { dates, indexOf };
}

export function inPeriod<T extends Pick<AttemptRecord, 'at'>>(
  attempts: readonly T[],
  since: number,
  now: number,
): T[] {
  return attempts.filter((attempt) => attempt.at >= since && attempt.at <= now);
}

function competencyWeeks(weeks: Map<string, Map<string, Tally>>): CompetencyWeek[] {
  return [...weeks].flatMap(([week, byCompetency]) =>
    [...byCompetency]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([competency, tally]) => ({
        week,
        competency,
        average: averageOfTally(tally),
        answers: tally.count,
      })),
  );
}

function hardestQuestions(questions: QuestionTally[], packs: Packs): HardQuestion[] {
  return questions
    .filter((question) => question.count >= 2)
    .sort(
      (a, b) =>
        a.sum / a.count - b.sum / b.count ||
        b.count - a.count ||
        a.packId.localeCompare(b.packId) ||
        a.questionId.localeCompare(b.questionId),
    )
    .slice(0, hardestShown)
    .map((question) => ({
      packId: question.packId,
      questionId: question.questionId,
      text: questionText(packs, question.packId, question.questionId),
      average: averageOfTally(question),
      answers: question.count,
    }));
}

/**
 * Per assignment, where the cohort's members stand (assignmentProgress decides each): done, overdue,
 * in progress (some answered), or not started; the four add up to the members.
 */
function assignmentCompletion(
  cohort: Cohort,
  histories: readonly HistoryRecord[],
  packs: Packs,
  today: string,
): AssignmentCompletion[] {
  return [...cohort.assignments]
    .sort((a, b) => a.due.localeCompare(b.due) || a.id.localeCompare(b.id))
    .map((assignment) => {
      const counts = { done: 0, inProgress: 0, overdue: 0, notStarted: 0 };
      for (const history of histories) {
        const progress = assignmentProgress(
          assignment,
          cohort.drillChannel,
          answeredQuestions(history),
          today,
        );
        if (progress.status === 'done') counts.done += 1;
        else if (progress.status === 'overdue') counts.overdue += 1;
        else if (progress.answered.length > 0) counts.inProgress += 1;
        else counts.notStarted += 1;
      }
      return {
        id: assignment.id,
        packTitle: packs.get(assignment.packId)?.roleTitle ?? assignment.packId,
        due: assignment.due,
        questions: assignment.questionIds.length,
        ...counts,
        members: histories.length,
      };
    });
}

/** A question's text from its pack; its id when the pack or question is no longer installed. */
export function questionText(packs: Packs, packId: string, questionId: string): string {
  return packs.get(packId)?.questions.find((question) => question.id === questionId)?.text ?? questionId;
}
