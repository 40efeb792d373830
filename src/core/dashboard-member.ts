import { dueReviews } from '../drills/repetition.ts';
import { computeStreak } from '../drills/streak.ts';
import { localDate } from './daily-question.ts';
import {
  addScore,
  averageOfTally,
  inPeriod,
  type Packs,
  questionText,
  type Tally,
} from './dashboard-data.ts';
import type { MemberPage } from './dashboard-types.ts';
import type { AnswerLogEntry, HistoryRecord } from './records.ts';

/** A member's dashboard page from their history and answer log, read and permitted by dashboard.ts. Pure. */

const dayMs = 86_400_000;

export interface MemberPageInput {
  user: string;
  cohort: string | null;
  history: HistoryRecord;
  /** The member's logged answers from the period's start on (oldest first, as the store gives them). */
  logged: readonly AnswerLogEntry[];
  packs: Packs;
  /** The member's own timezone, else their cohort's or the workspace's: their days and streak. */
  timezone: string;
  now: number;
  periodDays: number;
}

/** One member's page: attempts over the period, averages per competency, streak, due reviews, answers. */
export function buildMemberPage(input: MemberPageInput): MemberPage {
  const { history, packs, now, periodDays } = input;
  const since = now - periodDays * dayMs;
  const today = localDate(now, input.timezone);
  const attempts = inPeriod(history.attempts, since, now).sort((a, b) => a.at - b.at);
  const byCompetency = new Map<string, Tally>();
  for (const attempt of attempts) {
    for (const competency of attempt.competencies) addScore(byCompetency, competency, attempt.score);
  }
  const streak = computeStreak(history.activeDays, today);
  return {
    user: input.user,
    cohort: input.cohort,
    periodDays,
    attempts: attempts.map((attempt) => ({
      at: attempt.at,
      packId: attempt.packId,
      questionId: attempt.questionId,
      questionText: questionText(packs, attempt.packId, attempt.questionId),
      score: attempt.score,
      competencies: attempt.competencies,
    })),
    competencies: [...byCompetency]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([competency, tally]) => ({ competency, average: averageOfTally(tally), answers: tally.count })),
    streak: streak.current,
    practisedToday: streak.practisedToday,
    dueReviews: dueReviews(history.reviews, today).map((key) => {
      // Keys are `packId/questionId`; pack ids hold no slash.
      const slash = key.indexOf('/');
      const packId = key.slice(0, slash);
      const questionId = key.slice(slash + 1);
      const due = history.reviews[key]!.due;
      return { packId, questionId, questionText: questionText(packs, packId, questionId), due };
    }),
    answers: input.logged
      .filter((entry) => entry.at >= since && entry.at <= now)
      .sort((a, b) => b.at - a.at)
      .map((entry) => ({
        at: entry.at,
        questionId: entry.questionId,
        questionText: questionText(packs, entry.packId, entry.questionId),
        score: entry.score,
        answers: entry.answers,
        feedback: entry.feedback,
      })),
    peer: inPeriod(history.peer, since, now)
      .sort((a, b) => a.at - b.at)
      .map((attempt) => ({
        at: attempt.at,
        packId: attempt.packId,
        questionId: attempt.questionId,
        questionText: questionText(packs, attempt.packId, attempt.questionId),
        score: attempt.score,
        botScore: attempt.botScore,
      })),
  };
}
