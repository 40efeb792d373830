import type { Roster, RosterRow } from './roster.ts';
import { rosterMessages } from './roster-messages.ts';

const dayMs = 86_400_000;

/**
 * The roster as plain lines, one member a line (`<@id>` mentions, which Slack and Discord both show
 * as names), the first `limit` members and a note for the rest.
 */
export function rosterText(roster: Roster, now: number, limit = 100): string {
  const lines = [rosterMessages.rosterHeading(roster.cohort, roster.periodDays, roster.members.length)];
  if (roster.members.length === 0) lines.push(rosterMessages.rosterEmpty());
  for (const row of roster.members.slice(0, limit)) lines.push(rosterLine(row, now));
  if (roster.members.length > limit) lines.push(rosterMessages.rosterMore(roster.members.length - limit));
  return lines.join('\n');
}

export function rosterLine(row: RosterRow, now: number): string {
  const parts = [
    `<@${row.user}>`,
    lastActiveText(row.lastActive, now),
    `${row.answers} answer${row.answers === 1 ? '' : 's'}`,
    row.average === null ? 'avg –' : `avg ${row.average.toFixed(1)}${trendText(row.trend)}`,
    `streak ${row.streak}`,
  ];
  if (row.assignmentsTotal > 0) parts.push(`assignments ${row.assignmentsDone}/${row.assignmentsTotal}`);
  // Peer-scored answers apart from the graded count and average above.
  if (row.peerAnswers > 0) parts.push(`peer-scored ${row.peerAnswers} (avg ${row.peerAverage?.toFixed(1)})`);
  return parts.join(' · ');
}

function lastActiveText(lastActive: number | null, now: number): string {
  if (lastActive === null) return 'never active';
  const days = Math.floor((now - lastActive) / dayMs);
  if (days <= 0) return 'active in the last 24 hours';
  return `active ${days} day${days === 1 ? '' : 's'} ago`;
}

function trendText(trend: number | null): string {
  if (trend === null) return '';
  if (trend === 0) return ' (=)';
  return trend > 0 ? ` (+${trend.toFixed(1)})` : ` (${trend.toFixed(1)})`;
}
