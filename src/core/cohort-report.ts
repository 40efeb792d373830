import type { QuestionPack } from '../content/pack-schema.ts';
import type { HistoryRecord } from './records.ts';
import { averageOf } from './summary.ts';

export interface CohortReport {
  members: number;
  /** Members with at least one answer in the period. */
  active: number;
  answers: number;
  byCompetency: { competency: string; average: number; attempts: number }[];
  /** Questions with the lowest average (at least two answers), hardest first. */
  hardest: { questionId: string; text: string; average: number; attempts: number }[];
  periodDays: number;
}

/** The group's picture over the last `periodDays`, from each member's history. Pure. */
export function buildCohortReport(
  histories: HistoryRecord[],
  packs: Map<string, QuestionPack>,
  now: number,
  periodDays = 30,
): CohortReport {
  const since = now - periodDays * 86_400_000;
  const attempts = histories.map((history) => history.attempts.filter((attempt) => attempt.at >= since));
  const all = attempts.flat();
  const competencies = new Map<string, number[]>();
  const questions = new Map<string, { packId: string; questionId: string; scores: number[] }>();
  for (const attempt of all) {
    for (const competency of attempt.competencies) {
      competencies.set(competency, [...(competencies.get(competency) ?? []), attempt.score]);
    }
    const key = `${attempt.packId}/${attempt.questionId}`;
    const entry = questions.get(key) ?? {
      packId: attempt.packId,
      questionId: attempt.questionId,
      scores: [],
    };
    entry.scores.push(attempt.score);
    questions.set(key, entry);
  }
  return {
    members: histories.length,
    active: attempts.filter((list) => list.length > 0).length,
    answers: all.length,
    byCompetency: [...competencies]
      .map(([competency, scores]) => ({ competency, average: averageOf(scores)!, attempts: scores.length }))
      .sort((a, b) => a.average - b.average || a.competency.localeCompare(b.competency)),
    hardest: [...questions.values()]
      .filter((entry) => entry.scores.length >= 2)
      .map((entry) => ({
        questionId: entry.questionId,
        text:
          packs.get(entry.packId)?.questions.find((q) => q.id === entry.questionId)?.text ?? entry.questionId,
        average: averageOf(entry.scores)!,
        attempts: entry.scores.length,
      }))
      .sort((a, b) => a.average - b.average)
      .slice(0, 5),
    periodDays,
  };
}

/** The report as plain lines, for adapters that show text beside the chart. */
export function cohortReportText(report: CohortReport): string {
  const lines = [
    `Last ${report.periodDays} days: ${report.active} of ${report.members} members practised, ${report.answers} answers.`,
  ];
  if (report.byCompetency.length) {
    lines.push('Average by competency (weakest first):');
    for (const entry of report.byCompetency) {
      lines.push(
        `  ${entry.competency.replace(/-/g, ' ')}: ${entry.average.toFixed(1)}/5 (${entry.attempts})`,
      );
    }
  }
  if (report.hardest.length) {
    lines.push('Hardest questions:');
    for (const entry of report.hardest) lines.push(`  ${entry.average.toFixed(1)}/5 · ${entry.text}`);
  }
  return lines.join('\n');
}
