import type { QuestionPack } from '../content/pack-schema.ts';
import { describeRedaction, redactIdentifiers } from '../privacy/index.ts';
import { actorKey } from './actor-key.ts';
import { checkAnswerText } from './answer-limits.ts';
import type { CoachContext } from './coach-context.ts';
import type { GradeOutcome } from './feedback-model.ts';
import { actions, messages } from './messages.ts';
import type { InboundEvent, Outbox, Reply } from './ports.ts';
import type { SessionRecord, SpokenRecord } from './records.ts';
import { acceptAnswer, applyGrade, currentQuestion, forQuestion } from './session-machine.ts';
import type { SessionSteps } from './session-steps.ts';

/**
 * An answer's way through the coach: checked, redacted, stored before grading (so a crash loses
 * nothing), graded outside the gate with the feedback streamed into a placeholder, then recorded.
 */
export function createAnswerGrading(context: CoachContext, steps: SessionSteps) {
  const { store, feedback, clock, logger, gate, packOf } = context;
  const { recordHistory, sendTransition } = steps;

  async function gradePending(session: SessionRecord, pack: QuestionPack, out: Outbox, notes: string[]) {
    const turn = session.turn!;
    const pending = turn.pending!;
    const question = currentQuestion(session, pack);
    const placeholder = feedbackReply(null, 'pending', messages.gradingPlaceholder(), null, []);
    const handle = await out.send(placeholder);
    const outcome = await gradeSafely(session, turn.answers, pending.text, question, (text) => {
      out.update(handle, feedbackReply(null, 'streaming', text, null, [])).catch((error: unknown) => {
        logger.warn('feedback-stream-update-failed', { session: session.id, error });
      });
    });
    const transition = applyGrade(session, pack, outcome.result, outcome.source, clock.now());
    const history = await recordHistory(session, transition.session, pack, outcome.source, outcome.result);
    await store.putSession(transition.session);
    const allNotes = [...notes, ...fallbackNotes(outcome)];
    const final = feedbackReply(question.id, 'final', outcome.result.feedback, outcome, allNotes);
    await out.update(handle, final);
    await sendTransition(transition, pack, history, out);
  }

  async function gradeSafely(
    session: SessionRecord,
    previous: string[],
    answer: string,
    question: ReturnType<typeof currentQuestion>,
    onFeedbackText: (text: string) => void,
  ): Promise<GradeOutcome> {
    const request = {
      question,
      answer,
      previous,
      followUpsAsked: session.turn?.followUps ?? [],
      userKey: actorKey(session.owner),
    };
    return gate.outside(() => feedback.grade(request, { onFeedbackText }));
  }

  async function answer(
    event: InboundEvent & { type: 'answer-submit' },
    session: SessionRecord,
    out: Outbox,
  ) {
    const problem = checkAnswerText(event.text);
    if (problem) throw problem;
    const redaction = redactIdentifiers(event.text.trim());
    const accepted = await storeAnswer(session, event.deliveryId, redaction.text);
    if (!accepted) return;
    const note = describeRedaction(redaction.found);
    await gradePending(accepted, packOf(session.packId), out, note ? [note] : []);
  }

  /**
   * Stores an already redacted answer as the turn's pending one. Storing it is its delivery's claim:
   * null when this delivery was stored before (a re-delivery), which then stops here.
   */
  async function storeAnswer(
    session: SessionRecord,
    deliveryId: string,
    redactedText: string,
    spoken: SpokenRecord | null = null,
  ): Promise<SessionRecord | null> {
    const accepted = acceptAnswer(session, deliveryId, redactedText, clock.now(), spoken);
    return (await store.acceptAnswer(accepted)) ? accepted : null;
  }

  return { answer, storeAnswer, gradePending };
}

export type AnswerGrading = ReturnType<typeof createAnswerGrading>;

function feedbackReply(
  questionId: string | null,
  status: 'pending' | 'streaming' | 'final',
  text: string,
  outcome: GradeOutcome | null,
  notes: string[],
): Reply {
  return {
    type: 'feedback',
    private: false,
    actions: status === 'final' && questionId ? forQuestion(questionId, actions('sample')) : [],
    status,
    text,
    grade: outcome?.result ?? null,
    source: outcome ? { source: outcome.source, usage: outcome.usage } : null,
    notes,
  };
}

function fallbackNotes(outcome: GradeOutcome): string[] {
  if (outcome.fallback === 'llm-failed') return [messages.offlineFallback()];
  if (outcome.fallback === 'budget-exhausted') return [messages.budgetFallback()];
  return [];
}
