import { describe, expect, it } from 'vitest';
import { chartSize, renderCohortChart } from '../../src/chat/cohort-chart.ts';
import { cohortReportText } from '../../src/core/cohort-report.ts';
import type { Actor } from '../../src/core/ports.ts';
import { rankLeaderboard } from '../../src/drills/leaderboard.ts';
import { RecordingOutbox } from '../fakes/recording-outbox.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { eventFor, openHarness } from '../support/core-harness.ts';

const member = (user: string): Actor => ({ platform: 'discord', tenant: 'G1', user });
const place = { channel: 'C1' };

async function practise(
  coach: Awaited<ReturnType<typeof openHarness>>['coach'],
  actor: Actor,
  answers: string[],
) {
  const out = new RecordingOutbox();
  await coach.handle(
    eventFor(actor, place, {
      type: 'session-start',
      options: { packId: 'mini', count: 3, followUps: 0, mode: 'new' },
    }),
    out,
  );
  for (const text of answers)
    await coach.handle(eventFor(actor, place, { type: 'answer-submit', text }), out);
}

describe('leaderboard', () => {
  it('ranks members by weekly points, ties sharing a rank', () => {
    const board = rankLeaderboard(
      '2026-W48',
      [
        { user: 'a', points: 30 },
        { user: 'b', points: 45 },
        { user: 'c', points: 30 },
        { user: 'd', points: 0 },
      ],
      'c',
      true,
    );
    expect(board.entries).toEqual([
      { user: 'b', points: 45, rank: 1 },
      { user: 'a', points: 30, rank: 2 },
      { user: 'c', points: 30, rank: 2 },
    ]);
    expect(board.you).toEqual({ user: 'c', points: 30, rank: 2 });
  });

  it('shows only members who opted in', async () => {
    // Scores by answer text: "good" 5, anything else 2.
    const model = new ScriptedFeedbackModel((request) => gradeOf(/good/.test(request.answer) ? 5 : 2));
    const { coach } = await openHarness(model);
    await practise(coach, member('ann'), ['good answer one', 'good answer two']);
    await practise(coach, member('ben'), ['weak answer']);
    await practise(coach, member('cy'), ['good answer', 'good answer', 'good answer']);
    await coach.updateMemberSettings(member('ann'), { leaderboard: true });
    await coach.updateMemberSettings(member('ben'), { leaderboard: true });
    const board = await coach.leaderboard(member('ben'));
    expect(board.entries.map((entry) => entry.user)).toEqual(['ann', 'ben']);
    expect(board.entries[0]).toMatchObject({ points: 30, rank: 1 });
    expect(board.you).toMatchObject({ user: 'ben', points: 12, rank: 2 });
    expect((await coach.leaderboard(member('cy'))).optedIn).toBe(false);
    await expect(
      coach.updateMemberSettings(member('ann'), { timezone: 'Atlantis/Deep' }),
    ).rejects.toMatchObject({
      code: 'INVALID_TIMEZONE',
    });
  });
});

describe('cohort report', () => {
  it('is for admins and instructors only, and names participation, weak competencies and the hardest question', async () => {
    const model = new ScriptedFeedbackModel((request) => gradeOf(request.question.id === 'upcoding' ? 1 : 4));
    const { coach } = await openHarness(model);
    await practise(coach, member('ann'), ['one', 'two', 'three']);
    await practise(coach, member('ben'), ['one', 'two', 'three']);
    await coach.updateMemberSettings(member('cy'), { leaderboard: true });
    await expect(coach.cohortReport(member('ann'))).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
    const report = await coach.cohortReport({ ...member('zed'), roles: ['instructor'] });
    expect(report).toMatchObject({ members: 3, active: 2, answers: 6 });
    expect(report.byCompetency[0]).toMatchObject({ competency: 'compliance', average: 1 });
    expect(report.hardest[0]).toMatchObject({ questionId: 'upcoding', average: 1, attempts: 2 });
    expect(cohortReportText(report)).toMatch(/2 of 3 members practised, 6 answers/);
  });

  it('draws the chart as a PNG of the expected size', async () => {
    const report = {
      members: 4,
      active: 3,
      answers: 12,
      periodDays: 30,
      hardest: [],
      byCompetency: [
        { competency: 'queries', average: 2.5, attempts: 4 },
        { competency: 'modifiers', average: 3.4, attempts: 5 },
        { competency: 'compliance', average: 4.2, attempts: 3 },
      ],
    };
    const png = await renderCohortChart(report);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(chartSize.width);
    expect(png.readUInt32BE(20)).toBe(chartSize.height);
    expect(png.length).toBeGreaterThan(5000);
  });
});
