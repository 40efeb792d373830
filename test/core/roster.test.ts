import { describe, expect, it } from 'vitest';
import type { Assignment } from '../../src/core/cohort-records.ts';
import { buildCohortReport } from '../../src/core/cohort-report.ts';
import type { Actor } from '../../src/core/ports.ts';
import { type AttemptRecord, emptyHistory, type HistoryRecord } from '../../src/core/records.ts';
import { buildRoster } from '../../src/core/roster.ts';
import { rosterLine } from '../../src/core/roster-text.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { miniPack, openHarness } from '../support/core-harness.ts';
import { peerAttempt } from '../support/peer-attempts.ts';

// Monday 23 November 2026, 12:00 UTC: 04:00 in Los Angeles (the cohort), 02:00 on the 24th in Kiritimati.
const now = Date.parse('2026-11-23T12:00:00Z');
const at = (iso: string) => Date.parse(iso);

function attempt(iso: string, questionId: string, score: number): AttemptRecord {
  const question = miniPack.questions.find((q) => q.id === questionId)!;
  return {
    at: at(iso),
    packId: 'mini',
    questionId,
    kind: question.kind,
    competencies: question.competencies,
    score,
  };
}

function history(attempts: AttemptRecord[], activeDays: string[] = []): HistoryRecord {
  return { ...emptyHistory(), attempts, activeDays };
}

const assignments: Assignment[] = [
  {
    id: 'a1',
    packId: 'mini',
    questionIds: ['chest-pain', 'error-caught'],
    due: '2026-11-30',
    assignedBy: 'UT',
    assignedAt: at('2026-11-15T00:00:00Z'),
  },
  {
    id: 'a2',
    packId: 'mini',
    questionIds: ['upcoding'],
    due: '2026-11-22',
    assignedBy: 'UT',
    assignedAt: at('2026-11-21T00:00:00Z'),
  },
];

const histories = {
  // Previous 7 days: 2 and 3 (2.5). This period: 1 (exactly at its start), 4, 5, 3: 13/4 = 3.25 → 3.3;
  // trend 3.25 - 2.5 = 0.75 → +0.8. Both assignments done (chest-pain, error-caught after a1; upcoding
  // on the 22nd, after a2 was set). Streak: 20, 21, 22 practised, today (the 23rd) not yet: 3.
  ann: history(
    [
      attempt('2026-11-10T12:00:00Z', 'chest-pain', 2),
      attempt('2026-11-12T12:00:00Z', 'upcoding', 3),
      attempt('2026-11-16T12:00:00Z', 'upcoding', 1),
      attempt('2026-11-17T12:00:00Z', 'chest-pain', 4),
      attempt('2026-11-20T12:00:00Z', 'error-caught', 5),
      attempt('2026-11-22T12:00:00Z', 'upcoding', 3),
    ],
    ['2026-11-20', '2026-11-21', '2026-11-22'],
  ),
  // Only the previous period (4); chest-pain was answered before a1 was set: 0 of 2.
  ben: history([attempt('2026-11-11T12:00:00Z', 'chest-pain', 4)], ['2026-11-11']),
  cy: history([]),
  // Her own timezone (Kiritimati) makes today the 24th, which she practised: streak 1 today.
  dee: history([attempt('2026-11-23T11:00:00Z', 'chest-pain', 4)], ['2026-11-24']),
  // upcoding twice after a2 was set counts once: 1 of 2. Average (2 + 4) / 2 = 3; no previous: no trend.
  eve: history(
    [attempt('2026-11-22T20:00:00Z', 'upcoding', 2), attempt('2026-11-23T10:00:00Z', 'upcoding', 4)],
    ['2026-11-22', '2026-11-23'],
  ),
};

const timezones: Record<string, string | null> = { dee: 'Pacific/Kiritimati' };

describe('buildRoster', () => {
  const roster = buildRoster({
    cohort: 'C1',
    timezone: 'America/Los_Angeles',
    assignments,
    members: Object.entries(histories).map(([user, h]) => ({
      user,
      history: h,
      timezone: timezones[user] ?? null,
    })),
    now,
    periodDays: 7,
  });

  it('gives the hand-computed figures per member', () => {
    const byUser = Object.fromEntries(roster.members.map((row) => [row.user, row]));
    expect(byUser.ann).toEqual({
      user: 'ann',
      lastActive: at('2026-11-22T12:00:00Z'),
      answers: 4,
      average: 3.3,
      previousAverage: 2.5,
      trend: 0.8,
      streak: 3,
      practisedToday: false,
      assignmentsDone: 2,
      assignmentsTotal: 2,
      peerAnswers: 0,
      peerAverage: null,
    });
    expect(byUser.ben).toMatchObject({
      lastActive: at('2026-11-11T12:00:00Z'),
      answers: 0,
      average: null,
      previousAverage: 4,
      trend: null,
      streak: 0,
      assignmentsDone: 0,
    });
    expect(byUser.cy).toMatchObject({ lastActive: null, answers: 0, average: null, trend: null, streak: 0 });
    expect(byUser.dee).toMatchObject({ answers: 1, average: 4, streak: 1, practisedToday: true });
    expect(byUser.eve).toMatchObject({ answers: 2, average: 3, trend: null, streak: 2, assignmentsDone: 1 });
  });

  it('puts the least active first: fewest answers, then longest idle (never first), then by id', () => {
    expect(roster.members.map((row) => row.user)).toEqual(['cy', 'ben', 'dee', 'eve', 'ann']);
    expect(roster).toMatchObject({ cohort: 'C1', periodDays: 7, since: at('2026-11-16T12:00:00Z') });
  });

  it('counts a peer-scored round as activity, never in the graded answers or average', () => {
    const peerOnly = buildRoster({
      cohort: 'C1',
      timezone: 'UTC',
      assignments: [],
      members: [
        {
          user: 'gil',
          timezone: null,
          history: {
            ...history([], ['2026-11-20']),
            peer: [
              peerAttempt('2026-11-20T15:00:00Z', 'upcoding', 5, { covered: 2, missed: 0, partner: 'hal' }),
            ],
          },
        },
      ],
      now,
      periodDays: 7,
    });
    expect(peerOnly.members[0]).toMatchObject({
      lastActive: at('2026-11-20T15:00:00Z'),
      answers: 0,
      average: null,
      peerAnswers: 1,
      peerAverage: 5,
    });
  });

  it('takes a falling trend and a longer period', () => {
    const falling = buildRoster({
      cohort: null,
      timezone: 'UTC',
      assignments: [],
      members: [
        {
          user: 'fay',
          timezone: null,
          // Previous 30 days: 5 and 4 (4.5); this period: 3, 4, 4 (11/3 = 3.666…); trend -0.833… → -0.8.
          history: history([
            attempt('2026-10-01T00:00:00Z', 'upcoding', 5),
            attempt('2026-10-20T00:00:00Z', 'upcoding', 4),
            attempt('2026-10-25T00:00:00Z', 'upcoding', 3),
            attempt('2026-11-01T00:00:00Z', 'upcoding', 4),
            attempt('2026-11-23T00:00:00Z', 'upcoding', 4),
          ]),
        },
      ],
      now,
      periodDays: 30,
    });
    expect(falling.members[0]).toMatchObject({ answers: 3, average: 3.7, previousAverage: 4.5, trend: -0.8 });
    expect(rosterLine(falling.members[0]!, now)).toBe(
      '<@fay> · active in the last 24 hours · 3 answers · avg 3.7 (-0.8) · streak 0',
    );
  });
});

describe('cohort report weeks', () => {
  it('averages each competency per ISO week of the period, empty weeks included', () => {
    const all = Object.values(histories);
    const report = buildCohortReport(all, new Map([['mini', miniPack]]), now, 14, 'America/Los_Angeles');
    // 14 days before 04:00 on the 23rd (LA) is the 9th: weeks from Monday the 9th to Monday the 23rd.
    expect(report.weekly!.map((week) => [week.week, week.start, week.answers])).toEqual([
      ['2026-W46', '2026-11-09', 3],
      ['2026-W47', '2026-11-16', 5],
      ['2026-W48', '2026-11-23', 2],
    ]);
    // W46 (LA dates 9–15): ann chest-pain 2, upcoding 3; ben chest-pain 4.
    expect(report.weekly![0]!.byCompetency).toEqual([
      { competency: 'compliance', average: 3, attempts: 1 },
      { competency: 'documentation', average: 3, attempts: 2 },
      { competency: 'queries', average: 3, attempts: 2 },
    ]);
    // W47 (16–22): ann upcoding 1, 3; chest-pain 4; error-caught 5; eve upcoding 2 (the 22nd, 12:00 LA)
    // and 4 (the 23rd at 10:00 UTC is 02:00 on the 23rd in LA: W48), dee chest-pain 4 (03:00 the 23rd: W48).
    expect(report.weekly![1]!.byCompetency).toEqual([
      { competency: 'compliance', average: 2, attempts: 3 },
      { competency: 'documentation', average: 4, attempts: 1 },
      { competency: 'ownership', average: 5, attempts: 1 },
      { competency: 'quality', average: 5, attempts: 1 },
      { competency: 'queries', average: 4, attempts: 1 },
    ]);
  });
});

describe('coach.roster', () => {
  const teacher: Actor = { platform: 'slack', tenant: 'T1', user: 'UT', roles: ['instructor'] };
  const other: Actor = { platform: 'slack', tenant: 'T1', user: 'UO', roles: ['instructor'] };
  const member = (user: string): Actor => ({ platform: 'slack', tenant: 'T1', user });

  it('reads the cohort’s members from the store, and refuses members and other cohorts’ instructors', async () => {
    const { coach, store } = await openHarness(
      new ScriptedFeedbackModel(() => gradeOf(3)),
      'memory://',
      new ManualClock(now),
    );
    await coach.configureCohort(teacher, 'C1', { timezone: 'America/Los_Angeles' });
    await coach.configureCohort(other, 'C2', { timezone: 'UTC' });
    await coach.addCohortMembers(teacher, 'C1', Object.keys(histories), 'member');
    for (const [user, h] of Object.entries(histories)) await store.putHistory(member(user), h);
    await coach.updateMemberSettings(member('dee'), { timezone: 'Pacific/Kiritimati' });

    const roster = await coach.roster(teacher, null, 7);
    expect(roster.cohort).toBe('C1');
    expect(roster.members.map((row) => [row.user, row.answers, row.average, row.trend, row.streak])).toEqual([
      ['cy', 0, null, null, 0],
      ['ben', 0, null, null, 0],
      ['dee', 1, 4, null, 1],
      ['eve', 2, 3, null, 2],
      ['ann', 4, 3.3, 0.8, 3],
    ]);
    const admin = { ...member('UA'), roles: ['admin' as const] };
    expect((await coach.roster(admin, 'C1', 30)).members).toHaveLength(5);
    await expect(coach.roster(member('ann'), 'C1', 7)).rejects.toMatchObject({ code: 'NOT_YOUR_COHORT' });
    await expect(coach.roster(member('ann'), null, 7)).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await expect(coach.roster(other, 'C1', 7)).rejects.toMatchObject({ code: 'NOT_YOUR_COHORT' });
    await expect(coach.roster(admin, null, 7)).rejects.toMatchObject({ code: 'NO_COHORT' });
    await expect(coach.roster(teacher, 'C1', 14)).rejects.toMatchObject({ code: 'INVALID_PERIOD' });
    await store.close();
  });
});
