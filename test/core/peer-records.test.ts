import { describe, expect, it } from 'vitest';
import type { PeerAttempt } from '../../src/core/pairing/pair-records.ts';
import { recordPeerAttempt } from '../../src/core/pairing/peer-history.ts';
import type { Actor } from '../../src/core/ports.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { miniPack, openHarness } from '../support/core-harness.ts';
import { peerAttempt } from '../support/peer-attempts.ts';

const tess: Actor = { platform: 'slack', tenant: 'T1', user: 'U-tess', roles: ['instructor'] };
const ann: Actor = { platform: 'slack', tenant: 'T1', user: 'U-ann' };
const ben: Actor = { platform: 'slack', tenant: 'T1', user: 'U-ben' };

function peerRound(at: number, questionId: string, score: number, partner: string): PeerAttempt {
  return peerAttempt(at, questionId, score, { partner });
}

/** What the pair sessions do with a submitted round: the candidate's history, through the store. */
async function recordRound(
  store: Awaited<ReturnType<typeof openHarness>>['store'],
  actor: Actor,
  attempt: PeerAttempt,
) {
  await store.updateHistory(actor, (history) => recordPeerAttempt(history, attempt, '2026-11-23'));
}

describe('peer-scored rounds through the coach', () => {
  it('complete assignments, show in progress and in the cohort report, apart from graded answers', async () => {
    const { coach, store, clock } = await openHarness(new ScriptedFeedbackModel(() => gradeOf(4)));
    await coach.configureCohort(tess, 'C-morning', { drillTime: '08:00', timezone: 'UTC' });
    await coach.addCohortMembers(tess, 'C-morning', ['U-ann', 'U-ben'], 'member');
    await coach.assign(tess, 'C-morning', {
      packId: 'mini',
      what: { questionIds: ['chest-pain', 'upcoding'] },
      due: 'tomorrow',
    });
    clock.advance(60_000);
    await recordRound(store, ann, peerRound(clock.now(), 'chest-pain', 5, 'U-ben'));
    await recordRound(store, ben, peerRound(clock.now(), 'upcoding', 2, 'U-ann'));
    await recordRound(store, ann, peerRound(clock.now(), 'upcoding', 4, 'U-ben'));

    expect(await coach.assignments(ann)).toMatchObject([{ status: 'done', remaining: [] }]);
    expect(await coach.assignments(ben)).toMatchObject([
      { status: 'in-progress', answered: ['upcoding'], remaining: ['chest-pain'] },
    ]);

    const progress = await coach.progress(ann);
    expect(progress).toMatchObject({
      answered: 0,
      average: null,
      streak: 1,
      practisedToday: true,
      weekPoints: 0,
    });
    expect(progress.peer).toMatchObject({ answers: 2, average: 4.5 });
    const chestPain = miniPack.questions.find((question) => question.id === 'chest-pain')!.text;
    expect(progress.peer!.latest.map((entry) => entry.questionId)).toEqual(['upcoding', 'chest-pain']);
    expect(chestPain.startsWith(progress.peer!.latest[1]!.question.slice(0, -1))).toBe(true);

    const report = await coach.cohortReport(tess, 'C-morning', 7);
    expect(report).toMatchObject({ members: 2, active: 0, answers: 0, byCompetency: [] });
    expect(report.peer).toEqual({ answers: 3, average: 3.7, active: 2 });
  });
});
