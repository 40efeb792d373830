import { describe, expect, it } from 'vitest';
import { answeredQuestions, assignmentProgress } from '../../src/core/assignments.ts';
import { buildCohortReport, cohortReportText } from '../../src/core/cohort-report.ts';
import { buildCohortOverview } from '../../src/core/dashboard-data.ts';
import { buildMemberPage } from '../../src/core/dashboard-member.ts';
import { buildInstructorDigest } from '../../src/core/instructor-digest.ts';
import type { PeerAttempt } from '../../src/core/pairing/pair-records.ts';
import { recordPeerAttempt } from '../../src/core/pairing/peer-history.ts';
import { buildProgress } from '../../src/core/progress.ts';
import {
  type AttemptRecord,
  defaultMemberSettings,
  emptyHistory,
  type HistoryRecord,
  maxPeerKept,
} from '../../src/core/records.ts';
import { dueReminders, reminderChances } from '../../src/core/reminders.ts';
import { buildRoster } from '../../src/core/roster.ts';
import { rosterLine } from '../../src/core/roster-text.ts';
import { computeStreak } from '../../src/drills/streak.ts';
import { assignmentOf, attemptOf, cohortOf } from '../reminders/fixtures.ts';
import { miniPack } from '../support/core-harness.ts';
import { peerAttempt } from '../support/peer-attempts.ts';

const packs = new Map([[miniPack.id, miniPack]]);
const at = (iso: string) => Date.parse(iso);

function peerOf(iso: string, questionId = 'chest-pain', score = 4, packId = 'mini'): PeerAttempt {
  return peerAttempt(iso, questionId, score, {
    packId,
    kind: 'technical',
    competencies: ['documentation'],
    partly: 1,
    missed: 0,
  });
}

function historyWith(change: Partial<HistoryRecord>): HistoryRecord {
  return { ...emptyHistory(), ...change };
}

describe('recordPeerAttempt', () => {
  it('keeps the round in peer and marks the day practised, once', () => {
    const before = historyWith({ activeDays: ['2026-11-22'] });
    const first = recordPeerAttempt(before, peerOf('2026-11-23T10:00:00Z'), '2026-11-23');
    const second = recordPeerAttempt(first, peerOf('2026-11-23T11:00:00Z', 'upcoding', 2), '2026-11-23');
    expect(second.peer.map((attempt) => [attempt.questionId, attempt.score])).toEqual([
      ['chest-pain', 4],
      ['upcoding', 2],
    ]);
    expect(second.activeDays).toEqual(['2026-11-22', '2026-11-23']);
    // Pure: the history it was given is unchanged.
    expect(before.peer).toEqual([]);
    expect(before.activeDays).toEqual(['2026-11-22']);
  });

  it('gives no graded attempt, leaderboard points, review or seen question', () => {
    const before = historyWith({
      attempts: [attemptOf(at('2026-11-20T10:00:00Z'))],
      weeklyPoints: { '2026-W47': 12 },
      reviews: { 'mini/upcoding': { reps: 1, ease: 2.5, intervalDays: 1, due: '2026-11-21' } },
    });
    const after = recordPeerAttempt(before, peerOf('2026-11-23T10:00:00Z'), '2026-11-23');
    expect(after.attempts).toEqual(before.attempts);
    expect(after.weeklyPoints).toEqual({ '2026-W47': 12 });
    expect(after.reviews).toEqual(before.reviews);
    expect(after.seen).toEqual([]);
  });

  it('keeps only the most recent maxPeerKept rounds', () => {
    let history = emptyHistory();
    for (let index = 0; index < maxPeerKept + 2; index += 1) {
      history = recordPeerAttempt(history, { ...peerOf('2026-11-23T10:00:00Z'), at: index }, '2026-11-23');
    }
    expect(history.peer).toHaveLength(maxPeerKept);
    expect(history.peer[0]!.at).toBe(2);
    expect(history.peer.at(-1)!.at).toBe(maxPeerKept + 1);
  });

  it('keeps a streak going on a day with only a peer round', () => {
    const run = historyWith({ activeDays: ['2026-11-21', '2026-11-22'] });
    const after = recordPeerAttempt(run, peerOf('2026-11-23T10:00:00Z'), '2026-11-23');
    expect(computeStreak(run.activeDays, '2026-11-23')).toMatchObject({ current: 2, practisedToday: false });
    expect(computeStreak(after.activeDays, '2026-11-23')).toMatchObject({ current: 3, practisedToday: true });
  });
});

describe('reminders after a peer round', () => {
  const member = { ...defaultMemberSettings(), remind: '18:00', streakAlert: true };
  const cohort = cohortOf('C1');
  const due = (history: HistoryRecord, iso: string, zone = 'UTC') => {
    const now = at(iso);
    return dueReminders(reminderChances(member, [cohort], now, zone), history, [cohort], now, zone).map(
      (item) => item.kind,
    );
  };
  const run = historyWith({ activeDays: ['2026-11-21', '2026-11-22'] });

  it('sends no streak note nor daily reminder once a peer round was recorded today', () => {
    expect(due(run, '2026-11-23T19:00:00Z')).toEqual(['streak', 'daily']);
    const after = recordPeerAttempt(run, peerOf('2026-11-23T10:00:00Z'), '2026-11-23');
    expect(due(after, '2026-11-23T19:00:00Z')).toEqual([]);
  });

  it('reads the round’s time when its day was written in another zone', () => {
    // Recorded as the 24th (Tokyo) at 15:00Z on the 23rd: still the 23rd in UTC, so today is practised.
    const after = recordPeerAttempt(run, peerOf('2026-11-23T15:00:00Z'), '2026-11-24');
    expect(due(after, '2026-11-23T19:00:00Z')).toEqual([]);
    // A round two days ago says nothing about today.
    const old = recordPeerAttempt(run, peerOf('2026-11-21T15:00:00Z'), '2026-11-21');
    expect(due(old, '2026-11-23T19:00:00Z')).toEqual(['streak', 'daily']);
  });

  it('counts a peer round toward an assignment due tomorrow', () => {
    const assigned = cohortOf('C1', { assignments: [assignmentOf('2026-11-24')] });
    const now = at('2026-11-23T09:30:00Z');
    const remindersFor = (history: HistoryRecord) =>
      dueReminders(reminderChances(member, [assigned], now, 'UTC'), history, [assigned], now, 'UTC').map(
        (item) => item.kind,
      );
    expect(remindersFor(emptyHistory())).toContain('assignment');
    const after = recordPeerAttempt(emptyHistory(), peerOf('2026-11-23T09:00:00Z'), '2026-11-23');
    expect(remindersFor(after)).not.toContain('assignment');
  });
});

describe('assignment completion with peer rounds', () => {
  const assignment = {
    ...assignmentOf('2026-11-30', ['chest-pain', 'upcoding']),
    assignedAt: at('2026-11-20T00:00:00Z'),
  };
  const progressOf = (history: HistoryRecord) =>
    assignmentProgress(assignment, 'C1', answeredQuestions(history), '2026-11-25');

  it('counts a peer round on an assigned question after it was set, with graded answers', () => {
    const history = historyWith({
      attempts: [attemptOf(at('2026-11-21T10:00:00Z'), 'upcoding')],
      peer: [peerOf('2026-11-22T10:00:00Z', 'chest-pain')],
    });
    expect(progressOf(history)).toMatchObject({ answered: ['chest-pain', 'upcoding'], status: 'done' });
  });

  it('ignores peer rounds before the assignment, on another pack or another question', () => {
    const history = historyWith({
      peer: [
        peerOf('2026-11-19T23:59:00Z', 'chest-pain'),
        peerOf('2026-11-22T10:00:00Z', 'chest-pain', 4, 'other-pack'),
        peerOf('2026-11-22T10:00:00Z', 'error-caught'),
      ],
    });
    expect(progressOf(history)).toMatchObject({
      answered: [],
      remaining: ['chest-pain', 'upcoding'],
      status: 'in-progress',
    });
  });
});

describe('progress with peer rounds', () => {
  const graded: AttemptRecord[] = [
    attemptOf(at('2026-11-20T10:00:00Z'), 'chest-pain', 2),
    attemptOf(at('2026-11-21T10:00:00Z'), 'upcoding', 3),
  ];
  const peer = [
    peerOf('2026-11-19T10:00:00Z', 'upcoding', 5),
    peerOf('2026-11-21T10:00:00Z', 'chest-pain', 5),
    peerOf('2026-11-22T10:00:00Z', 'error-caught', 4),
    peerOf('2026-11-23T02:00:00Z', 'unknown-question', 3),
  ];
  const textOf = (packId: string, questionId: string) =>
    packs.get(packId)?.questions.find((question) => question.id === questionId)?.text;

  it('shows a peer section apart from the graded figures, which it never enters', () => {
    const report = buildProgress(historyWith({ attempts: graded, peer }), 'mini', '2026-11-23', {
      timeZone: 'America/New_York',
      questionTextOf: textOf,
    });
    expect(report).toMatchObject({ answered: 2, average: 2.5 });
    expect(report.byCompetency).toEqual([
      { competency: 'documentation', name: expect.any(String), average: 2.5, attempts: 2 },
    ]);
    expect(report.peer).toMatchObject({ answers: 4, average: 4.3 });
    // Newest first, three of them, dates in the member's zone (02:00Z is the 22nd in New York).
    expect(report.peer!.latest.map((entry) => [entry.questionId, entry.score, entry.date])).toEqual([
      ['unknown-question', 3, '2026-11-22'],
      ['error-caught', 4, '2026-11-22'],
      ['chest-pain', 5, '2026-11-21'],
    ]);
    expect(report.peer!.latest[0]!.question).toBe('unknown-question');
    // Long questions are cut to fit a line.
    const chestPain = textOf('mini', 'chest-pain')!;
    expect(chestPain.length).toBeGreaterThan(70);
    expect(report.peer!.latest[2]!.question).toHaveLength(70);
    expect(report.peer!.latest[2]!.question).toBe(`${chestPain.slice(0, 69)}…`);
    expect(report.peer!.text).toContain('Peer-scored answers: 4 · average 4.3/5');
    expect(report.peer!.lines[0]).toBe('3/5 · unknown-question · 2026-11-22');
  });

  it('has no peer section before the first peer round, and a peer-only member gets one', () => {
    expect(buildProgress(historyWith({ attempts: graded }), 'mini', '2026-11-23').peer).toBeNull();
    const only = recordPeerAttempt(emptyHistory(), peerOf('2026-11-23T10:00:00Z'), '2026-11-23');
    const report = buildProgress(only, 'mini', '2026-11-23');
    expect(report).toMatchObject({ answered: 0, average: null, streak: 1, practisedToday: true });
    expect(report.peer).toMatchObject({ answers: 1, average: 4 });
  });
});

describe('cohort report and dashboard with peer rounds', () => {
  const now = at('2026-11-23T12:00:00Z');
  const ann = historyWith({
    attempts: [attemptOf(at('2026-11-20T10:00:00Z'), 'chest-pain', 2)],
    peer: [peerOf('2026-11-21T10:00:00Z', 'chest-pain', 5), peerOf('2026-11-22T10:00:00Z', 'upcoding', 4)],
  });
  const ben = historyWith({
    attempts: [attemptOf(at('2026-11-21T10:00:00Z'), 'upcoding', 4)],
    // Before a 7-day period.
    peer: [peerOf('2026-11-10T10:00:00Z', 'upcoding', 1)],
  });
  const cy = historyWith({ peer: [peerOf('2026-11-23T08:00:00Z', 'upcoding', 3)] });

  it('counts peer answers, their average and members practising in pairs, apart from graded ones', () => {
    const report = buildCohortReport([ann, ben, cy], packs, now, 7);
    expect(report).toMatchObject({ members: 3, active: 2, answers: 2 });
    expect(report.byCompetency).toEqual([{ competency: 'documentation', average: 3, attempts: 2 }]);
    expect(report.peer).toEqual({ answers: 3, average: 4, active: 2 });
    expect(cohortReportText(report)).toContain(
      'Peer mock interviews: 3 peer-scored answers by 2 members, average 4.0/5',
    );
    const none = buildCohortReport([ben], packs, now, 7);
    expect(none.peer).toEqual({ answers: 0, average: null, active: 0 });
    expect(cohortReportText(none)).not.toContain('Peer');
  });

  it('puts peer figures on the overview and peer rounds on the member page', () => {
    const overview = buildCohortOverview({
      cohort: cohortOf('C1'),
      histories: [ann, ben, cy],
      packs,
      defaultPackId: 'mini',
      now,
      periodDays: 7,
    });
    expect(overview.peer).toEqual({ answers: 3, average: 4, active: 2 });
    expect(overview.participation.reduce((sum, day) => sum + day.answers, 0)).toBe(2);
    const page = buildMemberPage({
      user: 'U-ann',
      cohort: 'C1',
      history: ann,
      logged: [],
      packs,
      timezone: 'UTC',
      now,
      periodDays: 7,
    });
    expect(page.attempts).toHaveLength(1);
    expect(page.peer.map((row) => [row.questionId, row.score, row.questionText])).toEqual([
      ['chest-pain', 5, textOf('chest-pain')],
      ['upcoding', 4, textOf('upcoding')],
    ]);
  });
});

describe('instructors’ digest with peer rounds', () => {
  it('counts a member who only practised in pairs as active, and their peer round toward assignments', () => {
    const now = at('2026-11-23T09:00:00Z');
    const cohort = cohortOf('C1', { instructors: ['I1'], assignments: [assignmentOf('2026-11-27')] });
    const digest = buildInstructorDigest(
      cohort,
      [
        { user: 'U1', history: historyWith({ peer: [peerOf('2026-11-22T10:00:00Z', 'chest-pain')] }) },
        { user: 'U2', history: historyWith({ peer: [peerOf('2026-11-10T10:00:00Z', 'chest-pain')] }) },
      ],
      packs,
      now,
      '2026-11-23',
    );
    expect(digest.inactive).toEqual(['U2']);
    expect(digest.assignments.map((row) => row.done)).toEqual([2]);
    // Peer scores never reach the weakest competencies, which are graded averages.
    expect(digest.weakest).toEqual([]);
  });
});

describe('roster with peer rounds', () => {
  it('lists each member’s peer-scored answers apart, and counts them toward assignments', () => {
    const now = at('2026-11-23T12:00:00Z');
    const roster = buildRoster({
      cohort: 'C1',
      timezone: 'UTC',
      assignments: [
        { ...assignmentOf('2026-11-30', ['chest-pain']), assignedAt: at('2026-11-20T00:00:00Z') },
      ],
      members: [
        {
          user: 'ann',
          timezone: null,
          history: historyWith({
            attempts: [attemptOf(at('2026-11-21T10:00:00Z'), 'upcoding', 2)],
            peer: [
              peerOf('2026-11-01T10:00:00Z', 'upcoding', 1), // before the period
              peerOf('2026-11-21T10:00:00Z', 'chest-pain', 5),
              peerOf('2026-11-22T10:00:00Z', 'upcoding', 4),
            ],
          }),
        },
      ],
      now,
      periodDays: 7,
    });
    const [ann] = roster.members;
    expect(ann).toMatchObject({
      answers: 1,
      average: 2,
      peerAnswers: 2,
      peerAverage: 4.5,
      assignmentsDone: 1,
      assignmentsTotal: 1,
    });
    // Last active is the peer round on the 22nd, newer than the graded answer on the 21st.
    expect(ann?.lastActive).toBe(at('2026-11-22T10:00:00Z'));
    expect(rosterLine(ann!, now)).toBe(
      '<@ann> · active 1 day ago · 1 answer · avg 2.0 · streak 0 · assignments 1/1 · peer-scored 2 (avg 4.5)',
    );
  });
});

function textOf(questionId: string): string | undefined {
  return miniPack.questions.find((question) => question.id === questionId)?.text;
}
