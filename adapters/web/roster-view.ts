import type { RosterRow } from '../../src/index.ts';
import type { RosterColumn } from './query.ts';

/**
 * The roster rows a page shows: filtered by member id, then sorted by the column asked for. Without a
 * column the core's order stays (least active first). Missing figures (never active, no average) sort
 * last either way, since they are not "low" or "high". Pure.
 */
export function rosterRows(
  rows: readonly RosterRow[],
  filter: string,
  sort: RosterColumn | undefined,
  dir: 'asc' | 'desc',
): RosterRow[] {
  const needle = filter.trim().toLowerCase();
  const kept = needle ? rows.filter((row) => row.user.toLowerCase().includes(needle)) : [...rows];
  if (!sort) return kept;
  const sign = dir === 'asc' ? 1 : -1;
  return kept.sort((a, b) => {
    const x = sortValue(a, sort);
    const y = sortValue(b, sort);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number);
    return sign * order || a.user.localeCompare(b.user);
  });
}

export function sortValue(row: RosterRow, column: RosterColumn): string | number | null {
  switch (column) {
    case 'user':
      return row.user;
    case 'lastActive':
      return row.lastActive;
    case 'answers':
      return row.answers;
    case 'average':
      return row.average;
    case 'trend':
      return row.trend;
    case 'streak':
      return row.streak;
    case 'assignments':
      return row.assignmentsTotal === 0 ? null : row.assignmentsDone / row.assignmentsTotal;
    case 'peer':
      return row.peerAnswers;
  }
}
