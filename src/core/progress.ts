import type { QuestionKind } from '../content/pack-schema.ts';
import { dueReviews } from '../drills/repetition.ts';
import { computeStreak, isoWeek } from '../drills/streak.ts';
import { competencyName } from './messages.ts';
import { type PeerProgress, peerProgress, type QuestionTextOf } from './peer-progress.ts';
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
  /** How spoken answers went and are going; null before the first one. */
  voice: VoiceProgress | null;
  /**
   * Answers scored by a peer in mock interviews; null before the first. Never part of `answered`,
   * `average` or the breakdowns above, which are graded answers only; they do count in `streak`.
   */
  peer: PeerProgress | null;
}

/** What the peer section needs beyond the history: the member's zone for dates, the questions' words. */
export interface ProgressOptions {
  timeZone?: string;
  questionTextOf?: QuestionTextOf;
}

/** Pace and fillers over a member's spoken answers: the first few against the latest few. */
export interface VoiceProgress {
  answers: number;
  /** Averages of the earliest answers (up to three) and of the latest (up to three); equal with one answer. */
  wordsPerMinute: { first: number; latest: number };
  fillersPerMinute: { first: number; latest: number };
  /** The trend in words, ready to show: "Voice answers: 6 · pace 182 → 151 words a minute · fillers 5.2 → 1.9 a minute". */
  text: string;
}

/** A user's progress from their history: pure, so every adapter shows the same figures. */
export function buildProgress(
  history: HistoryRecord,
  defaultPackId: string,
  today: string,
  options: ProgressOptions = {},
): ProgressReport {
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
    voice: voiceProgress(history.spoken),
    peer: peerProgress(history.peer, options.timeZone, options.questionTextOf),
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

const trendWindow = 3;

/** The first and latest spoken answers' pace and fillers. Pure. */
export function voiceProgress(spoken: HistoryRecord['spoken']): VoiceProgress | null {
  if (spoken.length === 0) return null;
  const window = Math.min(trendWindow, Math.floor(spoken.length / 2) || 1);
  const first = spoken.slice(0, window);
  const latest = spoken.slice(-window);
  const mean = (rows: typeof spoken, pick: (row: (typeof spoken)[number]) => number) =>
    rows.reduce((sum, row) => sum + pick(row), 0) / rows.length;
  const wordsPerMinute = {
    first: Math.round(mean(first, (row) => row.wordsPerMinute)),
    latest: Math.round(mean(latest, (row) => row.wordsPerMinute)),
  };
  const fillersPerMinute = {
    first: Math.round(mean(first, (row) => row.fillersPerMinute) * 10) / 10,
    latest: Math.round(mean(latest, (row) => row.fillersPerMinute) * 10) / 10,
  };
  const change = (pair: { first: number; latest: number }) =>
    spoken.length === 1 ? `${pair.latest}` : `${pair.first} → ${pair.latest}`;
  const text = [
    `Voice answers: ${spoken.length}`,
    `pace ${change(wordsPerMinute)} words a minute (aim for 130–160)`,
    `fillers ${change(fillersPerMinute)} a minute`,
  ].join(' · ');
  return { answers: spoken.length, wordsPerMinute, fillersPerMinute, text };
}
