import { pointsFor } from '../drills/points.ts';
import { nextReview } from '../drills/repetition.ts';
import { isoWeek } from '../drills/streak.ts';
import { type HistoryRecord, maxSpokenKept, type ResultRecord, type SessionRecord } from './records.ts';
import { averageOf } from './summary.ts';

export interface HistoryUpdate {
  packId: string;
  now: number;
  /** Today in the member's own timezone: for streaks, due dates and the leaderboard week. */
  memberDay: string;
}

/**
 * Adds what a session step finished to a user's history: attempts and seen questions, the practised
 * day, each question's next review, the week's points, and the session row when it ended. Pure.
 */
export function recordFinished(
  history: HistoryRecord,
  before: SessionRecord,
  after: SessionRecord,
  update: HistoryUpdate,
): HistoryRecord {
  const fresh = after.results.slice(before.results.length);
  const scored = fresh.filter((result): result is ResultRecord & { score: number } => result.score !== null);
  const next: HistoryRecord = {
    ...history,
    attempts: [
      ...history.attempts,
      ...scored.map((result) => ({
        at: update.now,
        packId: update.packId,
        questionId: result.questionId,
        kind: result.kind,
        competencies: result.competencies,
        score: result.score,
      })),
    ],
    seen: [
      ...history.seen,
      ...fresh.map((result) => ({ packId: update.packId, questionId: result.questionId, at: update.now })),
    ],
  };
  if (scored.length > 0) Object.assign(next, drillState(history, scored, update));
  // A spoken answer counts toward the delivery trend once graded, a follow-up answer too.
  const spoken = before.turn?.pending?.spoken;
  if (spoken) next.spoken = [...history.spoken, { ...spoken, at: update.now }].slice(-maxSpokenKept);
  if (after.status === 'ended' && before.status === 'active') {
    const average = averageOf(
      after.results.flatMap((result) => (result.score === null ? [] : [result.score])),
    );
    const answered = after.results.filter((result) => result.score !== null).length;
    next.sessions = [
      ...history.sessions,
      { id: after.id, packId: update.packId, at: update.now, answered, average },
    ];
  }
  return next;
}

function drillState(
  history: HistoryRecord,
  scored: (ResultRecord & { score: number })[],
  update: HistoryUpdate,
) {
  const reviews = { ...history.reviews };
  const week = isoWeek(update.memberDay);
  let points = history.weeklyPoints[week] ?? 0;
  for (const result of scored) {
    const key = `${update.packId}/${result.questionId}`;
    const previous = history.attempts.findLast(
      (attempt) => attempt.packId === update.packId && attempt.questionId === result.questionId,
    );
    points += pointsFor(result.score, previous?.score ?? null);
    reviews[key] = nextReview(reviews[key], result.score, update.memberDay);
  }
  const activeDays = history.activeDays.includes(update.memberDay)
    ? history.activeDays
    : [...history.activeDays, update.memberDay];
  return { reviews, activeDays, weeklyPoints: { ...history.weeklyPoints, [week]: points } };
}
