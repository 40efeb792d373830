import type { QuestionKind } from '../content/pack-schema.ts';
import type { HistoryRecord } from '../store/records.ts';
import { humanize } from './messages.ts';
import type { SessionStartOptions } from './ports.ts';
import { averageOf } from './summary.ts';

export interface ProgressReport {
  sessions: number;
  answered: number;
  average: number | null;
  byCompetency: { competency: string; average: number; attempts: number }[];
  byKind: { kind: QuestionKind; average: number; attempts: number }[];
  /** The weakest competencies first, at most three, in words. */
  weakest: string[];
  /** What to practise next: platform-free options an adapter turns into a command. */
  next: SessionStartOptions;
}

/** A user's progress from their history: pure, so every adapter shows the same figures. */
export function buildProgress(history: HistoryRecord, defaultPackId: string): ProgressReport {
  const byCompetency = group(history, (attempt) => attempt.competencies).map(([competency, scores]) => ({
    competency,
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
    weakest: weakestCompetencies.slice(0, 3).map((entry) => humanize(entry.competency)),
    next: { packId: lastPack, ...(weakestKind && weakestKind.average < 4 ? { kind: weakestKind.kind } : {}) },
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
