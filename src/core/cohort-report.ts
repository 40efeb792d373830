import type { QuestionPack } from '../content/pack-schema.ts';
import { addDays, isoWeek } from '../drills/streak.ts';
import { localDate } from './daily-question.ts';
import type { AttemptRecord, HistoryRecord } from './records.ts';
import { averageOf } from './summary.ts';

/** One ISO week of the period: the average per competency of the answers given in it. */
export interface CohortWeek {
  /** YYYY-Www. */
  week: string;
  /** Its Monday, YYYY-MM-DD. */
  start: string;
  answers: number;
  byCompetency: { competency: string; average: number; attempts: number }[];
}

export interface CohortReport {
  members: number;
  /** Members with at least one answer in the period. */
  active: number;
  answers: number;
  byCompetency: { competency: string; average: number; attempts: number }[];
  /** Questions with the lowest average (at least two answers), hardest first. */
  hardest: { questionId: string; text: string; average: number; attempts: number }[];
  periodDays: number;
  /**
   * Every ISO week the period touches, oldest first (in the cohort's timezone), weeks without answers
   * included, so a chart shows the gaps.
   */
  weekly?: CohortWeek[];
  /**
   * Peer mock interviews in the period, apart from every graded figure above (which they never enter):
   * peer-scored answers, their average peer score, and members with at least one. Optional only so
   * reports built before peer interviews (tests, stored digests) still type-check.
   */
  peer?: PeerFigures;
}

export interface PeerFigures {
  answers: number;
  /** null without peer-scored answers. */
  average: number | null;
  active: number;
}

/** Peer-scored answers in [since, until], over the given histories. Pure. */
export function peerFigures(
  histories: readonly Pick<HistoryRecord, 'peer'>[],
  since: number,
  until = Number.POSITIVE_INFINITY,
): PeerFigures {
  const inPeriod = histories.map((history) =>
    history.peer.filter((attempt) => attempt.at >= since && attempt.at <= until),
  );
  const scores = inPeriod.flat().map((attempt) => attempt.score);
  return {
    answers: scores.length,
    average: averageOf(scores),
    active: inPeriod.filter((list) => list.length > 0).length,
  };
}

/** The group's picture over the last `periodDays`, from each member's history. Pure. */
export function buildCohortReport(
  histories: HistoryRecord[],
  packs: Map<string, QuestionPack>,
  now: number,
  periodDays = 30,
  timeZone = 'UTC',
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
    weekly: weeklyAverages(all, since, now, timeZone),
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
    peer: peerFigures(histories, since),
  };
}

function weeklyAverages(attempts: AttemptRecord[], since: number, now: number, timeZone: string) {
  const today = localDate(now, timeZone);
  const first = localDate(since, timeZone);
  const weeks = new Map<string, { start: string; scores: Map<string, number[]>; answers: number }>();
  // From the Monday of the period's first day to the week of today.
  for (let day = mondayOf(first); day <= today; day = addDays(day, 7)) {
    weeks.set(isoWeek(day), { start: day, scores: new Map(), answers: 0 });
  }
  for (const attempt of attempts) {
    const week = weeks.get(isoWeek(localDate(attempt.at, timeZone)));
    if (!week) continue;
    week.answers += 1;
    for (const competency of attempt.competencies) {
      week.scores.set(competency, [...(week.scores.get(competency) ?? []), attempt.score]);
    }
  }
  return [...weeks].map(([week, entry]) => ({
    week,
    start: entry.start,
    answers: entry.answers,
    byCompetency: [...entry.scores]
      .map(([competency, scores]) => ({ competency, average: averageOf(scores)!, attempts: scores.length }))
      .sort((a, b) => a.competency.localeCompare(b.competency)),
  }));
}

function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
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
  if (report.peer && report.peer.answers > 0) {
    const { answers, active, average } = report.peer;
    lines.push(
      `Peer mock interviews: ${answers} peer-scored ${answers === 1 ? 'answer' : 'answers'} by ${active} ${active === 1 ? 'member' : 'members'}, average ${average?.toFixed(1)}/5 (scored by partners, not in the figures above).`,
    );
  }
  return lines.join('\n');
}
