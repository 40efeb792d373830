import type { QuestionKind } from '../content/pack-schema.ts';
import { dueReviews } from '../drills/repetition.ts';
import { computeStreak, isoWeek } from '../drills/streak.ts';
import { competencyName } from './messages.ts';
import type { SessionStartOptions } from './ports.ts';
import type { HistoryRecord } from './records.ts';
import { averageOf } from './summary.ts';

export interface ProgressReport {
  sessions: number;
  answered: number;
  average: number | null;
  /** `name`: the competency as people say it ("E/M levels"). */
  byCompetency: { competency: string; name: string; average: number; attempts: number }[];
  byKind: { kind: QuestionKind; average: number; attempts: number }[];
  /** The weakest competencies first, at most three, in words. */
  weakest: string[];
  /** What to practise next: platform-free options an adapter turns into a command. */
  next: SessionStartOptions;
  /** Consecutive practised days in the member's timezone (one missed day a week is bridged). */
  streak: number;
  practisedToday: boolean;
  /** Questions due for review today or earlier. */
  due: number;
  /** Leaderboard points this ISO week. */
  weekPoints: number;
}

/** A user's progress from their history: pure, so every adapter shows the same figures. */
export function buildProgress(history: HistoryRecord, defaultPackId: string, today: string): ProgressReport {
  const streak = computeStreak(history.activeDays, today);
  const byCompetency = group(history, (attempt) => attempt.competencies).map(([competency, scores]) => ({
    competency,
    name: competencyName(competency),
    average: averageOf(scores)!,
    attempts: scores.length,
  }));
  const byKind = group(history, (attempt) => [attempt.kind]).map(([kind, scores]) => ({
    kind: kind as QuestionKind,
    average: averageOf(scores)!,
    attempts: scores.length,
  }));
  const weakestCompetencies = [...byCompetency]
    .filter((entry) => entry.average < 4)
    .sort((a, b) => a.average - b.average);
  const weakestKind = [...byKind].sort((a, b) => a.average - b.average)[0];
  const lastPack = history.attempts.at(-1)?.packId ?? defaultPackId;
  return {
    sessions: history.sessions.length,
    answered: history.attempts.length,
    average: averageOf(history.attempts.map((attempt) => attempt.score)),
    byCompetency: byCompetency.sort((a, b) => a.competency.localeCompare(b.competency)),
    byKind,
    weakest: weakestCompetencies.slice(0, 3).map((entry) => competencyName(entry.competency)),
    next: { packId: lastPack, ...(weakestKind && weakestKind.average < 4 ? { kind: weakestKind.kind } : {}) },
    streak: streak.current,
    practisedToday: streak.practisedToday,
    due: dueReviews(history.reviews, today).length,
    weekPoints: history.weeklyPoints[isoWeek(today)] ?? 0,
  };
}

function group(
  history: HistoryRecord,
  keysOf: (attempt: HistoryRecord['attempts'][number]) => string[],
): [string, number[]][] {
  const groups = new Map<string, number[]>();
  for (const attempt of history.attempts) {
    for (const key of keysOf(attempt)) groups.set(key, [...(groups.get(key) ?? []), attempt.score]);
  }
  return [...groups];
}
