import { describe, expect, it } from 'vitest';
import { parseQuery, rosterQuery } from '../../adapters/web/query.ts';
import { rosterRows } from '../../adapters/web/roster-view.ts';
import type { RosterRow } from '../../src/core/roster.ts';

const row = (
  user: string,
  answers: number,
  average: number | null,
  lastActive: number | null,
): RosterRow => ({
  user,
  lastActive,
  answers,
  average,
  previousAverage: null,
  trend: null,
  streak: 0,
  practisedToday: false,
  assignmentsDone: 0,
  assignmentsTotal: 0,
  peerAnswers: 0,
  peerAverage: null,
});
const rows = [row('cy', 0, null, null), row('ann', 3, 2.5, 10), row('bo', 1, 4, 20)];
const users = (list: RosterRow[]) => list.map((r) => r.user);

describe('roster rows', () => {
  it('keep the core’s order without a column, and sort by one either way with missing figures last', () => {
    expect(users(rosterRows(rows, '', undefined, 'asc'))).toEqual(['cy', 'ann', 'bo']);
    expect(users(rosterRows(rows, '', 'user', 'asc'))).toEqual(['ann', 'bo', 'cy']);
    expect(users(rosterRows(rows, '', 'average', 'asc'))).toEqual(['ann', 'bo', 'cy']);
    expect(users(rosterRows(rows, '', 'average', 'desc'))).toEqual(['bo', 'ann', 'cy']);
    expect(users(rosterRows(rows, '', 'lastActive', 'desc'))).toEqual(['bo', 'ann', 'cy']);
  });

  it('filter by member id, ignoring case and spaces around', () => {
    expect(users(rosterRows(rows, ' AN ', 'user', 'asc'))).toEqual(['ann']);
    expect(users(rosterRows(rows, 'zz', undefined, 'asc'))).toEqual([]);
  });
});

describe('roster query', () => {
  it('defaults to 30 days in the core’s order, and refuses what it does not know', () => {
    expect(parseQuery(rosterQuery, {})).toEqual({ ok: true, value: { period: '30d', dir: 'asc', q: '' } });
    expect(parseQuery(rosterQuery, { period: '90d', sort: 'streak', dir: 'desc', q: 'a' })).toMatchObject({
      ok: true,
      value: { period: '90d', sort: 'streak', dir: 'desc' },
    });
    expect(parseQuery(rosterQuery, { sort: '__proto__', extra: '1' })).toEqual({
      ok: false,
      problems: [expect.stringMatching(/^sort must be one of user, /), 'unknown parameter: extra'],
    });
  });
});
