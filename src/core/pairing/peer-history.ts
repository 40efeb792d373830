import { type HistoryRecord, maxPeerKept } from '../records.ts';
import type { PeerAttempt } from './pair-records.ts';

/**
 * Adds a peer-scored answer to the candidate's history: kept in `peer` (the most recent `maxPeerKept`),
 * apart from graded attempts, and the member-local day marked practised, so the round keeps a streak
 * going and silences that day's streak and daily reminders (reminders.ts reads `activeDays`). Pure.
 *
 * It earns no leaderboard points and schedules no review: a peer's 1–5 is one person's judgement on a
 * scorecard, not the rubric-graded score the points table and the spaced-repetition intervals are tuned
 * for, and two friends scoring each other 5s would climb the board and push questions out of review.
 */
export function recordPeerAttempt(
  history: HistoryRecord,
  attempt: PeerAttempt,
  memberDay: string,
): HistoryRecord {
  const activeDays = history.activeDays.includes(memberDay)
    ? history.activeDays
    : [...history.activeDays, memberDay];
  return { ...history, peer: [...history.peer, attempt].slice(-maxPeerKept), activeDays };
}
