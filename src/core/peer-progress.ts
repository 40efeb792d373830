import { localDate } from './daily-question.ts';
import type { HistoryRecord } from './records.ts';
import { averageOf } from './summary.ts';

/**
 * A member's peer-scored answers, shown apart from graded ones: a peer's 1–5 on a scorecard and the
 * rubric's grade measure different things, so neither average ever takes in the other.
 */
export interface PeerProgress {
  answers: number;
  /** The mean of the peers' overall scores, one decimal. */
  average: number;
  /** The most recent few, newest first; `date` is member-local. */
  latest: { packId: string; questionId: string; question: string; score: number; date: string }[];
  /** The summary in words, ready to show: "Peer-scored answers: 3 · average 3.7/5 (scored by your interview partners)". */
  text: string;
  /** One line per `latest` entry, ready to show: "4/5 · How do you code chest pain? · 2026-11-23". */
  lines: string[];
}

/** How many of the latest peer-scored answers progress lists. */
export const peerLatestShown = 3;
const questionShown = 70;

/** The question's words, when the pack is still installed; else its id. */
export type QuestionTextOf = (packId: string, questionId: string) => string | undefined;

/** Pure. Null before the first peer-scored answer. */
export function peerProgress(
  peer: HistoryRecord['peer'],
  timeZone = 'UTC',
  questionTextOf: QuestionTextOf = () => undefined,
): PeerProgress | null {
  if (peer.length === 0) return null;
  const average = averageOf(peer.map((attempt) => attempt.score))!;
  const latest = peer
    .slice(-peerLatestShown)
    .reverse()
    .map((attempt) => ({
      packId: attempt.packId,
      questionId: attempt.questionId,
      question: shorten(questionTextOf(attempt.packId, attempt.questionId) ?? attempt.questionId),
      score: attempt.score,
      date: localDate(attempt.at, timeZone),
    }));
  return {
    answers: peer.length,
    average,
    latest,
    text: `Peer-scored answers: ${peer.length} · average ${average}/5 (scored by your interview partners, not in the graded figures)`,
    lines: latest.map((entry) => `${entry.score}/5 · ${entry.question} · ${entry.date}`),
  };
}

function shorten(text: string): string {
  return text.length <= questionShown ? text : `${text.slice(0, questionShown - 1).trimEnd()}…`;
}
