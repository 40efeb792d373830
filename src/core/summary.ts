import type { QuestionPack } from '../content/pack-schema.ts';
import { actorKey } from './actor-key.ts';
import type { SummaryRequest } from './feedback-model.ts';
import { competencyName, messages } from './messages.ts';
import type { SessionSummary } from './ports.ts';
import type { HistoryRecord, ResultRecord, SessionRecord } from './records.ts';

/** The end-of-session summary: what went well, the two things to work on, and one next practice. */
export function buildSummary(
  session: SessionRecord,
  pack: QuestionPack,
  before: HistoryRecord,
): SessionSummary {
  const answered = session.results.filter((result) => result.score !== null);
  const average = averageOf(answered.map((result) => result.score!));
  const weakest = weakestCompetency(answered);
  const kind = session.options.kind;
  return {
    packTitle: pack.roleTitle,
    answered: answered.length,
    skipped: session.results.length - answered.length,
    total: session.questionIds.length,
    average,
    previousAverage:
      before.sessions.filter((row) => row.packId === pack.id && row.average !== null).at(-1)?.average ?? null,
    strengths: strengths(answered),
    workOn: workOn(answered),
    nextPractice: weakest
      ? messages.nextPracticeWeak(competencyName(weakest), pack.roleTitle)
      : messages.nextPracticeKind(kind ?? 'mixed', pack.roleTitle),
    nextOptions: { packId: pack.id, ...(kind ? { kind } : {}) },
  };
}

export function averageOf(scores: number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((sum, score) => sum + score, 0) / scores.length) * 10) / 10;
}

function byCompetency(results: ResultRecord[]): Map<string, number[]> {
  const scores = new Map<string, number[]>();
  for (const result of results) {
    for (const competency of result.competencies) {
      scores.set(competency, [...(scores.get(competency) ?? []), result.score!]);
    }
  }
  return scores;
}

function strengths(results: ResultRecord[]): string[] {
  return [...byCompetency(results)]
    .map(([competency, scores]) => ({ competency, average: averageOf(scores)! }))
    .filter((entry) => entry.average >= 4)
    .sort((a, b) => b.average - a.average)
    .slice(0, 2)
    .map((entry) => competencyName(entry.competency));
}

function weakestCompetency(results: ResultRecord[]): string | null {
  const ranked = [...byCompetency(results)]
    .map(([competency, scores]) => ({ competency, average: averageOf(scores)! }))
    .filter((entry) => entry.average < 4)
    .sort((a, b) => a.average - b.average);
  return ranked[0]?.competency ?? null;
}

/** At most two areas: a STAR part that kept slipping, a red flag, then the most-missed key point. */
function workOn(results: ResultRecord[]): string[] {
  const areas: string[] = [];
  const behavioral = results.filter((result) => result.kind === 'behavioral');
  const starPart = mostCommon(behavioral.flatMap((result) => result.starGaps));
  if (starPart) {
    const missing = behavioral.filter((result) => result.starGaps.includes(starPart.value)).length;
    areas.push(messages.workOnStar(starPart.value, missing, behavioral.length));
  }
  const redFlag = mostCommon(results.flatMap((result) => result.redFlags));
  if (redFlag) areas.push(messages.workOnRedFlag(redFlag.value));
  const missed = mostCommon(results.flatMap((result) => result.missingPoints));
  if (missed) areas.push(messages.workOnMissedPoint(missed.value));
  return areas.slice(0, 2);
}

function mostCommon(values: string[]): { value: string; count: number } | null {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: { value: string; count: number } | null = null;
  for (const [value, count] of counts) if (!best || count > best.count) best = { value, count };
  return best;
}

/** What a feedback model needs to write the summary: scores and gaps per question, no answer text. */
export function summaryRequest(
  session: SessionRecord,
  pack: QuestionPack,
  offline: SessionSummary,
): SummaryRequest {
  return {
    packTitle: pack.roleTitle,
    userKey: actorKey(session.owner),
    results: session.results.map((result) => ({
      questionText:
        pack.questions.find((question) => question.id === result.questionId)?.text ?? result.questionId,
      kind: result.kind,
      competencies: result.competencies,
      score: result.score,
      missingPoints: result.missingPoints,
      redFlags: result.redFlags,
      starGaps: result.starGaps,
    })),
    offline: { strengths: offline.strengths, workOn: offline.workOn, nextPractice: offline.nextPractice },
  };
}
