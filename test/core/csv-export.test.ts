import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/core/csv.ts';
import type { Actor } from '../../src/core/ports.ts';
import { emptyHistory } from '../../src/core/records.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { miniPack, openHarness } from '../support/core-harness.ts';
import { peerAttempt } from '../support/peer-attempts.ts';

const parseCsv = (text: string): string[][] => parse(text, { relaxColumnCount: false });

describe('toCsv', () => {
  it('quotes per RFC 4180 with CRLF line ends, and reads back cell by cell', () => {
    const rows = [
      ['plain', 'comma, inside', 'say "hi"', 'two\nlines', 'cr\rhere', 'café ☕ 🎉', '', null, 4, 3.5],
      ['=SUM(A1:A9)', '+1', '-2', '@cmd', '\tTAB', '\rCR', "'already", 'a=b', -1, 0],
    ];
    const csv = toCsv(rows);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(3);
    expect(
      csv.startsWith('plain,"comma, inside","say ""hi""","two\nlines","cr\rhere",café ☕ 🎉,,,4,3.5\r\n'),
    ).toBe(true);
    expect(parseCsv(csv)).toEqual([
      ['plain', 'comma, inside', 'say "hi"', 'two\nlines', 'cr\rhere', 'café ☕ 🎉', '', '', '4', '3.5'],
      // A spreadsheet would run these as formulas: each gets a leading quote and stays text.
      ["'=SUM(A1:A9)", "'+1", "'-2", "'@cmd", "'\tTAB", "'\rCR", "'already", 'a=b', '-1', '0'],
    ]);
    expect(Buffer.from(csv, 'utf8').toString('utf8')).toBe(csv);
  });
});

describe('coach.exportCsv', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  const teacher: Actor = { platform: 'slack', tenant: 'T1', user: 'UT', roles: ['instructor'] };
  const member = (user: string): Actor => ({ platform: 'slack', tenant: 'T1', user });

  async function setUp() {
    const clock = new ManualClock(now);
    const harness = await openHarness(new ScriptedFeedbackModel(() => gradeOf(3)), 'memory://', clock);
    const { coach, store } = harness;
    await coach.configureCohort(teacher, 'C1', { timezone: 'UTC', packId: 'mini' });
    await coach.addCohortMembers(teacher, 'C1', ['ann', 'ben'], 'member');
    // An assignment set on the 20th: chest-pain and upcoding.
    clock.advance(-3 * 86_400_000);
    const set = await coach.assign(teacher, 'C1', {
      packId: 'mini',
      what: { questionIds: ['chest-pain', 'upcoding'] },
      due: '2026-11-25',
    });
    clock.advance(3 * 86_400_000);
    const q = (id: string) => miniPack.questions.find((question) => question.id === id)!;
    const attempt = (iso: string, id: string, score: number) => ({
      at: Date.parse(iso),
      packId: 'mini',
      questionId: id,
      kind: q(id).kind,
      competencies: q(id).competencies,
      score,
    });
    await store.putHistory(member('ann'), {
      ...emptyHistory(),
      attempts: [
        attempt('2026-11-01T09:00:00Z', 'upcoding', 2),
        attempt('2026-11-21T09:00:00Z', 'chest-pain', 4),
        attempt('2026-11-22T09:00:00Z', 'chest-pain', 5),
        attempt('2026-11-22T10:00:00Z', 'error-caught', 3),
      ],
    });
    await store.putHistory(member('ben'), {
      ...emptyHistory(),
      attempts: [attempt('2026-11-21T08:00:00Z', 'upcoding', 1)],
    });
    await store.logAnswers(member('ann'), [
      {
        at: Date.parse('2026-11-21T09:00:00Z'),
        packId: 'mini',
        questionId: 'chest-pain',
        score: 4,
        source: 'llm',
        answers: ['=HYPERLINK("http://x") I queried, "politely", then coded', 'Follow-up: café 🎉'],
        feedback: null,
      },
    ]);
    await store.logAnswers(member('ben'), [
      {
        at: Date.parse('2026-11-21T08:00:00Z'),
        packId: 'mini',
        questionId: 'upcoding',
        score: 1,
        source: 'offline',
        answers: ['-just bill it'],
        feedback: null,
      },
    ]);
    return { ...harness, assignment: set.assignment.id };
  }

  it('writes one row per graded attempt since the date, checked cell by cell, answers on request', async () => {
    const { coach, store, assignment } = await setUp();
    const exported = await coach.exportCsv(teacher, 'C1', { since: '2026-11-20', answers: true });
    expect(exported.filename).toBe('starcoach-C1-2026-11-20-to-2026-11-23.csv');
    expect(exported.rows).toBe(4);
    const header = [
      'platform',
      'workspace',
      'cohort',
      'member',
      'date',
      'pack',
      'question_id',
      'kind',
      'competencies',
      'score',
      'source',
      'assignments',
      'answer',
    ];
    expect(parseCsv(exported.csv)).toEqual([
      header,
      [
        'slack',
        'T1',
        'C1',
        'ben',
        '2026-11-21T08:00:00.000Z',
        'mini',
        'upcoding',
        'technical',
        'compliance',
        '1',
        'offline',
        assignment,
        "'-just bill it",
      ],
      [
        'slack',
        'T1',
        'C1',
        'ann',
        '2026-11-21T09:00:00.000Z',
        'mini',
        'chest-pain',
        'technical',
        'documentation;queries',
        '4',
        'llm',
        assignment,
        `'=HYPERLINK("http://x") I queried, "politely", then coded\n\nFollow-up: café 🎉`,
      ],
      // The second chest-pain answer does not count toward the assignment again.
      [
        'slack',
        'T1',
        'C1',
        'ann',
        '2026-11-22T09:00:00.000Z',
        'mini',
        'chest-pain',
        'technical',
        'documentation;queries',
        '5',
        '',
        '',
        '',
      ],
      [
        'slack',
        'T1',
        'C1',
        'ann',
        '2026-11-22T10:00:00.000Z',
        'mini',
        'error-caught',
        'behavioral',
        'quality;ownership',
        '3',
        '',
        '',
        '',
      ],
    ]);
    // Scores and metadata only by default; the last 7 days by period.
    const plain = await coach.exportCsv(teacher, null, { periodDays: 7 });
    const rows = parseCsv(plain.csv);
    expect(rows[0]).toEqual(header.slice(0, -1));
    expect(rows).toHaveLength(5);
    expect(plain.csv).not.toContain('HYPERLINK');
    await store.close();
  });

  it('adds peer-scored answers as rows with source peer, counting toward assignments like graded ones', async () => {
    const { coach, store, assignment } = await setUp();
    const peer = (iso: string, questionId: string, score: number) =>
      peerAttempt(iso, questionId, score, { partner: 'ann' });
    await store.updateHistory(member('ben'), (history) => ({
      ...history,
      peer: [
        peer('2026-11-10T08:00:00Z', 'upcoding', 2), // before the span
        peer('2026-11-22T08:00:00Z', 'chest-pain', 4),
        peer('2026-11-22T08:30:00Z', 'chest-pain', 5), // counted already
      ],
    }));
    // The candidate typed the first answer in the pair's space: logged as a peer answer.
    await store.logAnswers(member('ben'), [
      {
        at: Date.parse('2026-11-22T08:00:00Z'),
        packId: 'mini',
        questionId: 'chest-pain',
        score: 4,
        source: 'peer',
        answers: ['I would query the physician'],
        feedback: null,
      },
    ]);
    const exported = await coach.exportCsv(teacher, 'C1', { since: '2026-11-20', answers: true });
    const rows = parseCsv(exported.csv).filter((row) => row[3] === 'ben');
    expect(rows.map((row) => [row[4], row[6], row[9], row[10], row[11], row[12]])).toEqual([
      ['2026-11-21T08:00:00.000Z', 'upcoding', '1', 'offline', assignment, "'-just bill it"],
      ['2026-11-22T08:00:00.000Z', 'chest-pain', '4', 'peer', assignment, 'I would query the physician'],
      ['2026-11-22T08:30:00.000Z', 'chest-pain', '5', 'peer', '', ''],
    ]);
    expect(exported.rows).toBe(6);
    await store.close();
  });

  it('refuses members, other cohorts’ instructors, bad dates and periods', async () => {
    const { coach, store } = await setUp();
    const other: Actor = { platform: 'slack', tenant: 'T1', user: 'UO', roles: ['instructor'] };
    await coach.configureCohort(other, 'C2', { timezone: 'UTC' });
    await expect(coach.exportCsv(member('ann'), 'C1')).rejects.toMatchObject({ code: 'NOT_YOUR_COHORT' });
    await expect(coach.exportCsv(member('ann'), null)).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    await expect(coach.exportCsv(other, 'C1')).rejects.toMatchObject({ code: 'NOT_YOUR_COHORT' });
    for (const since of ['2026-02-30', 'yesterday', '2026-11-24']) {
      await expect(coach.exportCsv(teacher, 'C1', { since })).rejects.toMatchObject({ code: 'INVALID_DATE' });
    }
    await expect(coach.exportCsv(teacher, 'C1', { periodDays: 5 })).rejects.toMatchObject({
      code: 'INVALID_PERIOD',
    });
    const admin: Actor = { ...member('UA'), roles: ['admin'] };
    await expect(coach.exportCsv(admin, null)).rejects.toMatchObject({ code: 'NO_COHORT' });
    expect((await coach.exportCsv(admin, 'C2')).rows).toBe(0);
    await store.close();
  });
});
