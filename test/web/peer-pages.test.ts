import { describe, expect, it } from 'vitest';
import { memberPage } from '../../adapters/web/pages/member.ts';
import { overviewPage } from '../../adapters/web/pages/overview.ts';
import { rosterPage } from '../../adapters/web/pages/roster.ts';
import { parseQuery, rosterQuery } from '../../adapters/web/query.ts';
import { rosterRows } from '../../adapters/web/roster-view.ts';
import { buildCohortOverview } from '../../src/core/dashboard-data.ts';
import { buildMemberPage } from '../../src/core/dashboard-member.ts';
import type { DashboardViewer } from '../../src/core/dashboard-types.ts';
import { emptyHistory, type HistoryRecord } from '../../src/core/records.ts';
import { buildRoster } from '../../src/core/roster.ts';
import { attemptOf, cohortOf } from '../reminders/fixtures.ts';
import { miniPack } from '../support/core-harness.ts';
import { peerAttempt } from '../support/peer-attempts.ts';

const now = Date.parse('2026-11-23T12:00:00Z');
const packs = new Map([[miniPack.id, miniPack]]);
const viewer: DashboardViewer = {
  platform: 'slack',
  tenant: 'T1',
  user: 'UT',
  role: 'instructor',
  cohorts: ['C1'],
};

function peerOf(iso: string, questionId: string, score: number, botScore: number | null = null) {
  return peerAttempt(iso, questionId, score, {
    kind: 'technical',
    competencies: ['documentation'],
    partner: 'ben',
    botScore,
  });
}

const ann: HistoryRecord = {
  ...emptyHistory(),
  attempts: [attemptOf(Date.parse('2026-11-20T10:00:00Z'), 'upcoding', 2)],
  peer: [peerOf('2026-11-21T10:00:00Z', 'chest-pain', 5, 3), peerOf('2026-11-22T10:00:00Z', 'upcoding', 4)],
};
const ben: HistoryRecord = { ...emptyHistory(), attempts: [attemptOf(Date.parse('2026-11-21T10:00:00Z'))] };
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('dashboard pages with peer rounds', () => {
  it('overview: a peer section with its own figures, or a line saying there were none', () => {
    const input = { cohort: cohortOf('C1'), packs, defaultPackId: 'mini', now, periodDays: 7 };
    const page = text(overviewPage(viewer, buildCohortOverview({ ...input, histories: [ann, ben] })));
    expect(page).toContain('Peer mock interviews');
    expect(page).toContain('2 peer-scored answers');
    expect(page).toContain('4.5 average peer score out of 5');
    expect(page).toContain('1 member practised in pairs');
    const none = text(overviewPage(viewer, buildCohortOverview({ ...input, histories: [ben] })));
    expect(none).toContain('No peer-scored answers in this period.');
  });

  it('member page: peer-scored answers in their own table, graded attempts unchanged', () => {
    const page = buildMemberPage({
      user: 'ann',
      cohort: 'C1',
      history: ann,
      logged: [],
      packs,
      timezone: 'UTC',
      now,
      periodDays: 7,
    });
    const html = memberPage(viewer, page, now);
    expect(text(html)).toContain('1 graded attempts');
    const table = html.slice(html.indexOf('id="peer-heading"'), html.indexOf('id="answers-heading"'));
    const chestPain = miniPack.questions.find((question) => question.id === 'chest-pain')!.text;
    expect(table).toContain('Peer-scored answers, as a table');
    const rows = [
      ...table.matchAll(
        /<tr><th scope="row">[^<]*<\/th><td>([^<]*)<\/td><td class="num">(\d)<\/td><td class="num">([^<]*)<\/td>/g,
      ),
    ];
    expect(rows.map((row) => [row[2], row[3]])).toEqual([
      ['5', '3'],
      ['4', '–'],
    ]);
    expect(rows[0]![1]).toBe(chestPain);
  });

  it('roster: a peer-scored column the page can sort by', () => {
    const roster = buildRoster({
      cohort: 'C1',
      timezone: 'UTC',
      assignments: [],
      members: [
        { user: 'ann', timezone: null, history: ann },
        { user: 'ben', timezone: null, history: ben },
      ],
      now,
      periodDays: 7,
    });
    const query = parseQuery(rosterQuery, { period: '7d', sort: 'peer', dir: 'desc' });
    if (!query.ok) throw new Error(query.problems.join('; '));
    expect(rosterRows(roster.members, '', 'peer', 'desc').map((row) => row.user)).toEqual(['ann', 'ben']);
    const page = text(rosterPage(viewer, 'C1', roster, query.value, now));
    expect(page).toContain('Peer-scored');
    expect(page).toContain('2 (avg 4.5)');
  });
});
