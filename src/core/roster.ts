import { computeStreak } from '../drills/streak.ts';
import { answeredQuestions, assignmentProgress } from './assignments.ts';
import type { Assignment } from './cohort-records.ts';
import { isValidTimeZone, localDate } from './daily-question.ts';
import type { HistoryRecord } from './records.ts';

const dayMs = 86_400_000;

/** One member as the roster reads them: their history and their own timezone (null: the cohort's). */
export interface RosterMemberInput {
  user: string;
  history: HistoryRecord;
  timezone: string | null;
}

/** Where one member stands over the period. */
export interface RosterRow {
  user: string;
  /** The last graded answer (ms), at any time; null when none was ever given. */
  lastActive: number | null;
  /** Graded answers in the period. */
  answers: number;
  /** Average score in the period, 1 decimal; null with no answer in it. */
  average: number | null;
  /** Average in the period of the same length just before; null with no answer in it. */
  previousAverage: number | null;
  /** `average - previousAverage` from the unrounded averages, 1 decimal; null when either is missing. */
  trend: number | null;
  /** Current streak in the member's own local days (their timezone, else the cohort's). */
  streak: number;
  practisedToday: boolean;
  /** The cohort's assignments the member has done, of all of them. */
  assignmentsDone: number;
  assignmentsTotal: number;
  /** Answers a partner scored in peer mock interviews in the period: never in `answers` or `average`. */
  peerAnswers: number;
  /** Their average peer score, 1 decimal; null with none in the period. */
  peerAverage: number | null;
}

export interface Roster {
  /** The cohort's channel; null for a workspace with no cohorts (everyone on its roster). */
  cohort: string | null;
  periodDays: number;
  /** Start of the period (ms). */
  since: number;
  /** Least active first: fewest answers in the period, then longest since last active, then by id. */
  members: RosterRow[];
}

export interface RosterInput {
  cohort: string | null;
  /** The cohort's timezone (the workspace's when there is no cohort): for streaks and due dates. */
  timezone: string;
  assignments: readonly Assignment[];
  members: readonly RosterMemberInput[];
  now: number;
  periodDays: number;
}

/**
 * Per member of a cohort: last active, answers and average in the period, the trend against the
 * previous period of the same length, the current streak, assignment completion and, apart, peer-scored
 * answers in the period. Sorted least
 * active first, since those are the members an instructor looks for. Pure.
 */
export function buildRoster(input: RosterInput): Roster {
  const { now, periodDays } = input;
  const since = now - periodDays * dayMs;
  const previousSince = since - periodDays * dayMs;
  const cohortZone = zoneOr(input.timezone, 'UTC');
  const cohortToday = localDate(now, cohortZone);
  // Members share a handful of zones; formatting a date per member was a tenth of a roster's time.
  const todayIn = new Map<string, string>([[cohortZone, cohortToday]]);
  const todayOf = (zone: string) => {
    let today = todayIn.get(zone);
    if (today === undefined) {
      today = localDate(now, zone);
      todayIn.set(zone, today);
    }
    return today;
  };
  const members = input.members.map((member): RosterRow => {
    let lastActive: number | null = null;
    const current: number[] = [];
    const previous: number[] = [];
    for (const attempt of member.history.attempts) {
      if (attempt.at > now) continue;
      if (lastActive === null || attempt.at > lastActive) lastActive = attempt.at;
      if (attempt.at >= since) current.push(attempt.score);
      else if (attempt.at >= previousSince) previous.push(attempt.score);
    }
    const peer = member.history.peer
      .filter((attempt) => attempt.at >= since && attempt.at <= now)
      .map((attempt) => attempt.score);
    const average = meanOf(current);
    const previousAverage = meanOf(previous);
    const today = todayOf(zoneOr(member.timezone, cohortZone));
    const streak = computeStreak(member.history.activeDays, today);
    const done = input.assignments.filter(
      (assignment) =>
        assignmentProgress(assignment, input.cohort ?? '', answeredQuestions(member.history), cohortToday)
          .status === 'done',
    ).length;
    return {
      user: member.user,
      lastActive,
      answers: current.length,
      average: roundOne(average),
      previousAverage: roundOne(previousAverage),
      trend: average === null || previousAverage === null ? null : roundOne(average - previousAverage),
      streak: streak.current,
      practisedToday: streak.practisedToday,
      assignmentsDone: done,
      assignmentsTotal: input.assignments.length,
      peerAnswers: peer.length,
      peerAverage: roundOne(meanOf(peer)),
    };
  });
  members.sort(
    (a, b) =>
      a.answers - b.answers || (a.lastActive ?? -1) - (b.lastActive ?? -1) || a.user.localeCompare(b.user),
  );
  return { cohort: input.cohort, periodDays, since, members };
}

function meanOf(scores: number[]): number | null {
  if (scores.length === 0) return null;
  return scores.reduce((sum, score) => sum + score, 0) / scores.length;
}

function roundOne(value: number | null): number | null {
  // The epsilon keeps 2.25 from rounding down as 2.2499999…; -0 becomes 0.
  return value === null ? null : Math.round((value + Math.sign(value) * 1e-9) * 10) / 10 || 0;
}

// Checking a zone builds an Intl formatter; a roster of thousands shares a handful of zones.
const zoneChecks = new Map<string, boolean>();

function zoneOr(zone: string | null, fallback: string): string {
  if (!zone) return fallback;
  let valid = zoneChecks.get(zone);
  if (valid === undefined) {
    valid = isValidTimeZone(zone);
    if (zoneChecks.size < 1000) zoneChecks.set(zone, valid);
  }
  return valid ? zone : fallback;
}
