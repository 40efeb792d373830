import { UserFacingError } from '../../errors.ts';
import { redactIdentifiers } from '../../privacy/index.ts';
import { actorKey } from '../actor-key.ts';
import { checkAnswerText, maxAnswerLength } from '../answer-limits.ts';
import { loggedFeedback } from '../answer-log-feedback.ts';
import type { CoachContext } from '../coach-context.ts';
import type { Actor } from '../ports.ts';
import type { PairLookup } from './pair-lookup.ts';
import { pairMessages } from './pair-messages.ts';
import { questionOf } from './pair-questions.ts';
import { candidateOf, type PairSession, type TypedAnswer } from './pair-records.ts';

/**
 * What a candidate types in the space: stored redacted before anything else, one part per delivery,
 * and graded by the coach's grader (an LLM, or the offline rubric) once the round's card is submitted.
 */
export function createTypedAnswers(context: CoachContext, lookup: PairLookup) {
  const { store, clock, logger, feedback } = context;
  const { inSpace } = lookup;

  /**
   * The round's typed answer graded by the bot, once: the grade is stored on the session before the
   * round is recorded, so a retried submit neither grades again nor loses it. A grader that throws
   * leaves the round to the peer's card alone.
   */
  async function gradeTyped(session: PairSession, round: 0 | 1): Promise<PairSession> {
    const typed = session.typed[round];
    if (!typed || typed.grade || typed.parts.length === 0) return session;
    const candidate = { platform: session.platform, tenant: session.tenant, user: candidateOf(session) };
    let grade: TypedAnswer['grade'];
    try {
      const outcome = await feedback.grade({
        question: questionOf(context, session, round),
        answer: typed.parts.join('\n\n'),
        previous: [],
        followUpsAsked: [],
        userKey: actorKey(candidate),
      });
      grade = { score: outcome.result.score, feedback: outcome.result.feedback, source: outcome.source };
      await logTyped(session, round, typed, outcome.result);
    } catch (error) {
      logger.warn('pair-grade-failed', { platform: session.platform, tenant: session.tenant, error });
      return session;
    }
    const updated = await store.updatePairSession(session.platform, session.tenant, session.id, (current) => {
      const stored = current?.typed[round];
      if (!current || !stored || stored.grade) return null;
      const typedNow = current.typed.map((entry, index) => (index === round ? { ...stored, grade } : entry));
      return { ...current, typed: typedNow };
    });
    return (
      updated ?? { ...session, typed: session.typed.map((e, i) => (i === round ? { ...typed, grade } : e)) }
    );
  }

  /** The typed answer and the bot's feedback in the candidate's answer log, marked as from a peer session. */
  async function logTyped(
    session: PairSession,
    round: 0 | 1,
    typed: TypedAnswer,
    result: { score: number } & Parameters<typeof loggedFeedback>[0],
  ) {
    const candidate = { platform: session.platform, tenant: session.tenant, user: candidateOf(session) };
    const entry = {
      at: clock.now(),
      packId: session.packId,
      questionId: session.questionIds[round],
      score: result!.score,
      source: 'peer' as const,
      answers: typed.parts,
      feedback: loggedFeedback(result),
    };
    await store.logAnswers(candidate, [entry], `peer:${session.id}:${round}`);
  }

  return {
    /**
     * A message the candidate typed in the space: checked, redacted and stored on the round at once;
     * graded when the interviewer submits the card. 'none' when no peer session is held there, so the
     * adapter handles the message as before; 'not-candidate' for the interviewer's own messages.
     */
    async take(
      actor: Actor,
      space: string,
      text: string,
      deliveryId: string,
    ): Promise<'stored' | 'duplicate' | 'not-candidate' | 'none'> {
      const session = await inSpace(actor.platform, actor.tenant, space);
      if (!session?.members.includes(actor.user)) return 'none';
      if (candidateOf(session) !== actor.user) return 'not-candidate';
      const problem = checkAnswerText(text);
      if (problem) throw problem;
      const part = redactIdentifiers(text.trim()).text;
      const round = session.round;
      const sofar = session.typed[round]?.parts.join('\n\n').length ?? 0;
      if (sofar + part.length > maxAnswerLength)
        throw new UserFacingError('PAIR_ANSWER_TOO_LONG', pairMessages.answerTooLong(maxAnswerLength));
      let status: 'stored' | 'duplicate' | 'none' = 'none';
      await store.updatePairSession(session.platform, session.tenant, session.id, (current) => {
        status = 'none';
        if (!current || current.round !== round) return null;
        const typed = current.typed[round] ?? { parts: [], deliveries: [], grade: null };
        if (typed.deliveries.includes(deliveryId) || typed.grade) {
          status = 'duplicate';
          return null;
        }
        status = 'stored';
        const next = {
          parts: [...typed.parts, part],
          deliveries: [...typed.deliveries, deliveryId],
          grade: null,
        };
        const all = [current.typed[0] ?? null, current.typed[1] ?? null];
        all[round] = next;
        return { ...current, typed: all.slice(0, round + 1), lastActivityAt: clock.now() };
      });
      return status;
    },

    grade: gradeTyped,
  };
}

export type TypedAnswers = ReturnType<typeof createTypedAnswers>;
