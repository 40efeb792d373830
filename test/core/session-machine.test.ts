import { describe, expect, it } from 'vitest';
import {
  acceptAnswer,
  applyGrade,
  createSession,
  endSession,
  isExpired,
  sessionIdleMs,
  showHint,
  skipQuestion,
  turnPhase,
} from '../../src/core/session-machine.ts';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import { miniPack } from '../support/core-harness.ts';

const owner = { platform: 'terminal', tenant: 'local', user: 'me' };
const fresh = (followUps = 1) =>
  createSession({
    id: 's',
    owner,
    channel: 'terminal',
    pack: miniPack,
    questions: miniPack.questions.slice(0, 2),
    options: { count: 2, followUps },
    now: 0,
  });

describe('session state machine', () => {
  it('moves awaiting-answer → grading → awaiting-follow-up → next question', () => {
    let session = fresh();
    expect(turnPhase(session.turn!)).toBe('awaiting-answer');
    session = acceptAnswer(session, 'd1', 'thin', 1);
    expect(turnPhase(session.turn!)).toBe('grading');
    const followUp = applyGrade(session, miniPack, gradeOf(2, 'Why?'), 'offline', 2);
    expect(turnPhase(followUp.session.turn!)).toBe('awaiting-follow-up');
    expect(followUp.replies.map((reply) => reply.type)).toEqual(['follow-up']);
    const graded = applyGrade(
      acceptAnswer(followUp.session, 'd2', 'better', 3),
      miniPack,
      gradeOf(4),
      'offline',
      4,
    );
    expect(graded.session.index).toBe(1);
    expect(graded.session.results[0]).toMatchObject({ questionId: 'chest-pain', score: 4 });
    expect(graded.replies.map((reply) => reply.type)).toEqual(['question']);
  });

  it('asks no follow-up for an answer that is not thin, and ends after the last question', () => {
    let session = fresh();
    for (const delivery of ['a', 'b']) {
      session = applyGrade(
        acceptAnswer(session, delivery, 'good', 1),
        miniPack,
        gradeOf(5),
        'offline',
        1,
      ).session;
    }
    expect(session.status).toBe('ended');
    expect(session.turn).toBeNull();
    expect(session.results.map((result) => result.score)).toEqual([5, 5]);
  });

  it('keeps the grade when the follow-up is skipped, and records no score when the question is', () => {
    const thin = applyGrade(
      acceptAnswer(fresh(), 'a', 'thin', 1),
      miniPack,
      gradeOf(2, 'Why?'),
      'offline',
      1,
    ).session;
    const skippedFollowUp = skipQuestion(thin, miniPack, 2);
    expect(skippedFollowUp.session.results[0]?.score).toBe(2);
    const skippedQuestion = skipQuestion(fresh(), miniPack, 2);
    expect(skippedQuestion.session.results[0]?.score).toBeNull();
    expect(skippedQuestion.replies.map((reply) => reply.type)).toEqual(['notice', 'question']);
  });

  it('counts a graded open question when the session ends early', () => {
    const thin = applyGrade(
      acceptAnswer(fresh(), 'a', 'thin', 1),
      miniPack,
      gradeOf(3, 'Why?'),
      'offline',
      1,
    ).session;
    const ended = endSession(thin, miniPack, 2);
    expect(ended.status).toBe('ended');
    expect(ended.results).toHaveLength(1);
    expect(endSession(fresh(), miniPack, 2).results).toHaveLength(0);
  });

  it('gives the pack hints first, then key points, then says there are no more', () => {
    let session = fresh();
    const texts: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const transition = showHint(session, miniPack, i);
      session = transition.session;
      texts.push((transition.replies[0] as { text: string }).text);
    }
    expect(texts).toEqual([
      'What does the documentation actually say?',
      'Think about: Codes R07.9.',
      'Think about: Queries the physician.',
      expect.stringMatching(/No more hints/),
    ]);
  });

  it('expires after 24 idle hours, not before', () => {
    const session = fresh();
    expect(isExpired(session, sessionIdleMs)).toBe(false);
    expect(isExpired(session, sessionIdleMs + 1)).toBe(true);
  });
});
