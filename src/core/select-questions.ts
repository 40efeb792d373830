import type { Question, QuestionKind, QuestionLevel, QuestionPack } from '../content/pack-schema.ts';
import type { HistoryRecord } from './records.ts';

export interface SelectionFilter {
  /** One named question: the session asks that one alone. */
  questionId?: string | null;
  kind: QuestionKind | null;
  level: QuestionLevel | null;
  count: number;
}

/** Scores at or below this, on average, mark a competency as weak. */
const weakThreshold = 3.5;

/**
 * Picks the questions for a session: those matching the filter, the ones the user saw least recently
 * first, and among those the ones that exercise their weak competencies. `random` breaks ties, so the
 * same user does not get the same order every time (tests pass a seeded one).
 */
export function selectQuestions(
  pack: QuestionPack,
  filter: SelectionFilter,
  history: HistoryRecord,
  random: () => number,
): Question[] {
  if (filter.questionId) return pack.questions.filter((question) => question.id === filter.questionId);
  const candidates = pack.questions.filter(
    (question) =>
      (filter.kind === null || question.kind === filter.kind) &&
      (filter.level === null || question.level === filter.level),
  );
  const lastSeen = lastSeenOrder(history, pack.id);
  const weakness = competencyWeakness(history);
  const ranked = candidates.map((question) => ({
    question,
    priority: priority(question, lastSeen, weakness, random()),
  }));
  ranked.sort((a, b) => b.priority - a.priority);
  return ranked.slice(0, filter.count).map((entry) => entry.question);
}

/** 0 for the most recently seen question, rising for older ones; unseen questions are absent. */
function lastSeenOrder(history: HistoryRecord, packId: string): Map<string, number> {
  const order = new Map<string, number>();
  const seen = history.seen.filter((entry) => entry.packId === packId);
  for (let age = 0; age < seen.length; age += 1) {
    const entry = seen[seen.length - 1 - age]!;
    if (!order.has(entry.questionId)) order.set(entry.questionId, order.size);
  }
  return order;
}

/** How far below the weak threshold each competency's average sits (0 when not weak or unknown). */
export function competencyWeakness(history: HistoryRecord): Map<string, number> {
  const totals = new Map<string, { sum: number; count: number }>();
  for (const attempt of history.attempts) {
    for (const competency of attempt.competencies) {
      const total = totals.get(competency) ?? { sum: 0, count: 0 };
      total.sum += attempt.score;
      total.count += 1;
      totals.set(competency, total);
    }
  }
  const weakness = new Map<string, number>();
  for (const [competency, { sum, count }] of totals) {
    weakness.set(competency, Math.max(0, weakThreshold - sum / count));
  }
  return weakness;
}

function priority(
  question: Question,
  lastSeen: Map<string, number>,
  weakness: Map<string, number>,
  jitter: number,
): number {
  const order = lastSeen.get(question.id);
  // Unseen questions lead; a seen one is held back the more recently it was seen.
  const recency = order === undefined ? 0 : -10 / (1 + order);
  const weak = Math.max(0, ...question.competencies.map((competency) => weakness.get(competency) ?? 0));
  return recency + weak * 2 + jitter;
}
