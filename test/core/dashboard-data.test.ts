import { describe, expect, it } from 'vitest';
import type { Cohort } from '../../src/core/cohort-records.ts';
import { buildCohortOverview } from '../../src/core/dashboard-data.ts';
import { buildMemberPage } from '../../src/core/dashboard-member.ts';
import {
  type AnswerLogEntry,
  type AttemptRecord,
  emptyHistory,
  type HistoryRecord,
} from '../../src/core/records.ts';
import { miniPack } from '../support/core-harness.ts';

// Monday 23 November 2026, 12:00 UTC: 04:00 on the 23rd in Los Angeles, the cohort's timezone.
const now = Date.parse('2026-11-23T12:00:00Z');
const at = (iso: string) => Date.parse(iso);
const packs = new Map([[miniPack.id, miniPack]]);

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

function history(attempts: AttemptRecord[], extra: Partial<HistoryRecord> = {}): HistoryRecord {
  return { ...emptyHistory(), attempts, ...extra };
}

const cohort: Cohort = {
  drillChannel: 'C1',
  drillTime: '09:00',
  timezone: 'America/Los_Angeles',
  packId: 'mini',
  weekdays: [1, 2, 3, 4, 5],
  level: null,
  paused: false,
  skipDates: [],
  instructors: ['UT'],
  createdAt: 1,
  assignments: [
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
      due: '2026-11-20',
      assignedBy: 'UT',
      assignedAt: at('2026-11-17T00:00:00Z'),
    },
  ],
};

// The 7-day period starts at 2026-11-16T12:00Z, 04:00 on the 16th in Los Angeles.
const ann = history(
  [
    attempt('2026-11-10T12:00:00Z', 'chest-pain', 2), // before the period
    attempt('2026-11-16T11:00:00Z', 'upcoding', 1), // an hour before the period starts
    attempt('2026-11-16T12:00:00Z', 'upcoding', 1), // exactly at its start: the 16th in LA
    attempt('2026-11-17T12:00:00Z', 'chest-pain', 4), // the 17th
    attempt('2026-11-17T20:00:00Z', 'upcoding', 3), // the 17th again: ann counts once that day
    attempt('2026-11-23T07:00:00Z', 'error-caught', 5), // 23:00 on the 22nd in LA
  ],
  {
    activeDays: ['2026-11-16', '2026-11-17', '2026-11-22'],
    reviews: {
      'mini/upcoding': { reps: 1, ease: 2.5, intervalDays: 1, due: '2026-11-18' },
      'mini/chest-pain': { reps: 2, ease: 2.5, intervalDays: 6, due: '2026-11-23' },
      'mini/error-caught': { reps: 1, ease: 2.5, intervalDays: 3, due: '2026-11-24' },
    },
  },
);
const ben = history([
  attempt('2026-11-17T07:30:00Z', 'chest-pain', 2), // the 17th in UTC, 23:30 on the 16th in LA
  attempt('2026-11-23T09:00:00Z', 'upcoding', 2), // 01:00 on the 23rd in LA: the next ISO week
]);
const cy = history([]);
// Answered chest-pain before a1 was set: it does not count for it.
const dee = history([attempt('2026-11-01T12:00:00Z', 'chest-pain', 3)]);

describe('buildCohortOverview', () => {
  const overview = buildCohortOverview({
    cohort,
    histories: [ann, ben, cy, dee],
    packs,
    defaultPackId: 'mini',
    now,
    periodDays: 7,
  });

  it('sums up the cohort: members, pack, open assignments (due today or later)', () => {
    expect(overview.cohort).toEqual({
      channel: 'C1',
      members: 4,
      timezone: 'America/Los_Angeles',
      packTitle: 'Mini Coder',
      openAssignments: 1,
    });
    expect(overview).toMatchObject({ periodDays: 7, since: at('2026-11-16T12:00:00Z') });
  });

  it('counts participation per local day of the cohort, every day of the period, quiet ones as zeros', () => {
    expect(overview.participation).toEqual([
      { date: '2026-11-16', members: 2, answers: 2 },
      { date: '2026-11-17', members: 1, answers: 2 },
      { date: '2026-11-18', members: 0, answers: 0 },
      { date: '2026-11-19', members: 0, answers: 0 },
      { date: '2026-11-20', members: 0, answers: 0 },
      { date: '2026-11-21', members: 0, answers: 0 },
      { date: '2026-11-22', members: 1, answers: 1 },
      { date: '2026-11-23', members: 1, answers: 1 },
    ]);
  });

  it('averages each competency per ISO week in the cohort’s timezone', () => {
    // W47 (16–22 in LA): upcoding 1, 3; chest-pain 4 (ann), 2 (ben); error-caught 5. W48: ben's upcoding 2.
    expect(overview.competencyWeeks).toEqual([
      { week: '2026-W47', competency: 'compliance', average: 2, answers: 2 },
      { week: '2026-W47', competency: 'documentation', average: 3, answers: 2 },
      { week: '2026-W47', competency: 'ownership', average: 5, answers: 1 },
      { week: '2026-W47', competency: 'quality', average: 5, answers: 1 },
      { week: '2026-W47', competency: 'queries', average: 3, answers: 2 },
      { week: '2026-W48', competency: 'compliance', average: 2, answers: 1 },
    ]);
  });

  it('lists the hardest questions with two answers or more, lowest average first, with their text', () => {
    expect(overview.hardestQuestions).toEqual([
      { packId: 'mini', questionId: 'upcoding', text: 'What is upcoding?', average: 2, answers: 3 },
      {
        packId: 'mini',
        questionId: 'chest-pain',
        text: miniPack.questions[0]!.text,
        average: 3,
        answers: 2,
      },
    ]);
  });

  it('counts where the members stand on each assignment, earliest due first', () => {
    expect(overview.assignments).toEqual([
      // ann and ben answered upcoding after it was set (ben late, still done); cy and dee are overdue.
      {
        id: 'a2',
        packTitle: 'Mini Coder',
        due: '2026-11-20',
        questions: 1,
        done: 2,
        inProgress: 0,
        overdue: 2,
        notStarted: 0,
        members: 4,
      },
      // ann answered both; ben one; dee's chest-pain came before it was set.
      {
        id: 'a1',
        packTitle: 'Mini Coder',
        due: '2026-11-30',
        questions: 2,
        done: 1,
        inProgress: 1,
        overdue: 0,
        notStarted: 2,
        members: 4,
      },
    ]);
  });

  it('keeps at most ten hardest questions', () => {
    const many = new Map([
      [
        'big',
        {
          ...miniPack,
          id: 'big',
          questions: Array.from({ length: 12 }, (_, index) => ({
            ...miniPack.questions[0]!,
            id: `q${index}`,
          })),
        },
      ],
    ]);
    const answers = Array.from({ length: 12 }, (_, index) => [
      {
        ...attempt('2026-11-20T12:00:00Z', 'chest-pain', 1 + (index % 5)),
        packId: 'big',
        questionId: `q${index}`,
      },
      {
        ...attempt('2026-11-21T12:00:00Z', 'chest-pain', 1 + (index % 5)),
        packId: 'big',
        questionId: `q${index}`,
      },
    ]).flat();
    const big = buildCohortOverview({
      cohort: { ...cohort, assignments: [] },
      histories: [history(answers)],
      packs: many,
      defaultPackId: 'big',
      now,
      periodDays: 7,
    });
    expect(big.hardestQuestions).toHaveLength(10);
    expect(big.hardestQuestions.map((question) => question.average)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 4, 4]);
  });
});

describe('buildMemberPage', () => {
  const logged: AnswerLogEntry[] = [
    {
      at: at('2026-11-10T12:00:00Z'),
      packId: 'mini',
      questionId: 'chest-pain',
      score: 2,
      source: 'llm',
      answers: ['before the period'],
      feedback: 'Old.',
    },
    {
      at: at('2026-11-17T12:00:00Z'),
      packId: 'mini',
      questionId: 'chest-pain',
      score: 4,
      source: 'llm',
      answers: ['I code R07.9 and query [NAME].'],
      feedback: 'Good query.',
    },
    {
      at: at('2026-11-23T07:00:00Z'),
      packId: 'mini',
      questionId: 'error-caught',
      score: 5,
      source: 'offline',
      answers: ['My mistake; I fixed it.'],
      feedback: null,
    },
  ];
  const page = buildMemberPage({
    user: 'ann',
    cohort: 'C1',
    history: ann,
    logged,
    packs,
    timezone: 'America/Los_Angeles',
    now,
    periodDays: 7,
  });

  it('gives the attempts of the period oldest first, with the question text, and averages per competency', () => {
    expect(page.attempts.map((a) => [a.questionId, a.score, a.at])).toEqual([
      ['upcoding', 1, at('2026-11-16T12:00:00Z')],
      ['chest-pain', 4, at('2026-11-17T12:00:00Z')],
      ['upcoding', 3, at('2026-11-17T20:00:00Z')],
      ['error-caught', 5, at('2026-11-23T07:00:00Z')],
    ]);
    expect(page.attempts[0]).toMatchObject({
      questionText: 'What is upcoding?',
      competencies: ['compliance'],
    });
    expect(page.competencies).toEqual([
      { competency: 'compliance', average: 2, answers: 2 },
      { competency: 'documentation', average: 4, answers: 1 },
      { competency: 'ownership', average: 5, answers: 1 },
      { competency: 'quality', average: 5, answers: 1 },
      { competency: 'queries', average: 4, answers: 1 },
    ]);
  });

  it('takes the streak and due reviews in the member’s own days', () => {
    // Practised the 22nd, not yet today (the 23rd in LA), and not the 21st: a run of one.
    expect(page).toMatchObject({
      user: 'ann',
      cohort: 'C1',
      periodDays: 7,
      streak: 1,
      practisedToday: false,
    });
    expect(page.dueReviews).toEqual([
      { packId: 'mini', questionId: 'upcoding', questionText: 'What is upcoding?', due: '2026-11-18' },
      {
        packId: 'mini',
        questionId: 'chest-pain',
        questionText: miniPack.questions[0]!.text,
        due: '2026-11-23',
      },
    ]);
    // In Kiritimati it is already the 24th: error-caught is due there too, and the missed 23rd is
    // bridged by the week's freeze, so the run of one holds.
    const east = buildMemberPage({
      user: 'ann',
      cohort: null,
      history: ann,
      logged: [],
      packs,
      timezone: 'Pacific/Kiritimati',
      now,
      periodDays: 7,
    });
    expect(east).toMatchObject({ streak: 1, practisedToday: false });
    expect(east.dueReviews.map((review) => review.questionId)).toEqual([
      'upcoding',
      'chest-pain',
      'error-caught',
    ]);
  });

  it('lists the logged answers of the period newest first, with their feedback (null when none was kept)', () => {
    expect(page.answers).toEqual([
      {
        at: at('2026-11-23T07:00:00Z'),
        questionId: 'error-caught',
        questionText: 'Tell me about a coding error you caught.',
        score: 5,
        answers: ['My mistake; I fixed it.'],
        feedback: null,
      },
      {
        at: at('2026-11-17T12:00:00Z'),
        questionId: 'chest-pain',
        questionText: miniPack.questions[0]!.text,
        score: 4,
        answers: ['I code R07.9 and query [NAME].'],
        feedback: 'Good query.',
      },
    ]);
  });
});
