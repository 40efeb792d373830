import type { Question, QuestionPack } from '../content/pack-schema.ts';
import { addDays } from '../drills/streak.ts';
import { UserFacingError } from '../errors.ts';
import type { Assignment, AssignmentStatus, Cohort } from './cohort-records.ts';
import { messages } from './messages.ts';
import type { AttemptRecord, HistoryRecord } from './records.ts';

/** Where one member stands on one assignment. */
export interface AssignmentProgress {
  assignment: Assignment;
  /** The cohort's channel. */
  cohort: string;
  answered: string[];
  remaining: string[];
  status: AssignmentStatus;
}

/** What assignment progress reads of an answer, graded or peer-scored. */
export type AnsweredQuestion = Pick<AttemptRecord, 'at' | 'packId' | 'questionId'>;

/**
 * Every answer that counts toward assignments: graded attempts and peer-scored ones (issue 17: a
 * question answered in a peer mock interview is practised, whoever scored it).
 */
export function answeredQuestions(history: Pick<HistoryRecord, 'attempts' | 'peer'>): AnsweredQuestion[] {
  return [...history.attempts, ...history.peer];
}

/**
 * A member's standing on an assignment from their history: a question counts once it was answered
 * (graded, or scored by a peer; see `answeredQuestions`) after the assignment was set, however often it was answered, so a re-delivered or repeated
 * answer never counts twice. `today` is the cohort's local date. Pure.
 */
export function assignmentProgress(
  assignment: Assignment,
  cohort: string,
  attempts: readonly AnsweredQuestion[],
  today: string,
): AssignmentProgress {
  const answeredIds = new Set(
    attempts
      .filter((attempt) => attempt.packId === assignment.packId && attempt.at >= assignment.assignedAt)
      .map((attempt) => attempt.questionId),
  );
  const answered = assignment.questionIds.filter((id) => answeredIds.has(id));
  const remaining = assignment.questionIds.filter((id) => !answeredIds.has(id));
  const status: AssignmentStatus =
    remaining.length === 0 ? 'done' : today > assignment.due ? 'overdue' : 'in-progress';
  return { assignment, cohort, answered, remaining, status };
}

/** `YYYY-MM-DD`, `today`, `tomorrow` or `Nd` (days from today) as a local date on or after today. */
export function resolveDue(text: string, today: string): string {
  const value = text.trim().toLowerCase();
  let due: string | null = null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDate(value)) due = value;
  else if (value === 'today') due = today;
  else if (value === 'tomorrow') due = addDays(today, 1);
  else if (/^\d{1,3}d$/.test(value)) due = addDays(today, Number(value.slice(0, -1)));
  if (due === null) throw new UserFacingError('INVALID_DUE', messages.invalidDue(text));
  if (due < today) throw new UserFacingError('DUE_IN_PAST', messages.dueInPast(due, today));
  return due;
}

function isCalendarDate(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** What an instructor asks for: a number of questions, or named ones. */
export type AssignWhat = { count: number } | { questionIds: string[] };

/**
 * The questions an assignment holds: the named ones (each must be in the pack), or `count` picked at
 * random, at the cohort's level when it has one and the pack has enough there.
 */
export function chooseAssignedQuestions(
  pack: QuestionPack,
  what: AssignWhat,
  level: Cohort['level'],
  random: () => number,
): Question[] {
  if ('questionIds' in what) {
    const ids = [...new Set(what.questionIds)];
    if (ids.length === 0)
      throw new UserFacingError('INVALID_COUNT', messages.invalidAssignCount(pack.questions.length));
    return ids.map((id) => {
      const question = pack.questions.find((candidate) => candidate.id === id);
      if (!question) throw new UserFacingError('UNKNOWN_QUESTION', messages.unknownQuestion(id, pack.id));
      return question;
    });
  }
  const { count } = what;
  if (!Number.isInteger(count) || count < 1 || count > pack.questions.length) {
    throw new UserFacingError('INVALID_COUNT', messages.invalidAssignCount(pack.questions.length));
  }
  const atLevel = level ? pack.questions.filter((question) => question.level === level) : [];
  const pool = atLevel.length >= count ? atLevel : pack.questions;
  return shuffled(pool, random).slice(0, count);
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}
