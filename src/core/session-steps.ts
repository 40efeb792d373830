import type { QuestionPack } from '../content/pack-schema.ts';
import { loggedFeedback } from './answer-log-feedback.ts';
import type { CoachContext } from './coach-context.ts';
import { localDate } from './daily-question.ts';
import type { GradeResult } from './grade-types.ts';
import { messages } from './messages.ts';
import type { Outbox, ReplyHandle } from './ports.ts';
import { recordFinished } from './record-history.ts';
import type { AnswerLogEntry, HistoryRecord, SessionRecord } from './records.ts';
import type { Transition } from './session-machine.ts';
import type { SettingsCache } from './settings-cache.ts';
import { buildSummary, summaryRequest } from './summary.ts';
import { summaryText } from './summary-text.ts';

/**
 * What follows every step of a session: the history it finished, the saved session, its replies (a
 * summary once it ends), and the session moved to the thread its question opened.
 */
export function createSessionSteps(context: CoachContext, caches: SettingsCache) {
  const { store, feedback, clock } = context;
  const { memberTimeZone } = caches;

  async function bindThread(session: SessionRecord, handle: ReplyHandle) {
    if (!handle.thread || handle.thread === session.thread) return;
    await store.bindSessionThread(session, handle.thread);
  }

  /**
   * Adds finished questions to the user's history, and the session row once it ends. A grade is
   * recorded once per answer (keyed by its delivery), even when it is graded again after a crash.
   * `grade` is the one the answer got, whose feedback the answer log keeps beside it.
   */
  async function recordHistory(
    before: SessionRecord,
    after: SessionRecord,
    pack: QuestionPack,
    source: AnswerLogEntry['source'] = null,
    grade: GradeResult | null = null,
  ) {
    const fresh = after.results.length > before.results.length;
    const spoken = Boolean(before.turn?.pending?.spoken);
    if (!fresh && !spoken && after.status === before.status) return store.getHistory(after.owner);
    const now = clock.now();
    const memberDay = localDate(now, await memberTimeZone(after.owner));
    const key = before.turn?.pending?.deliveryId;
    const history = await store.updateHistory(
      after.owner,
      (current) => recordFinished(current, before, after, { packId: pack.id, now, memberDay }),
      key,
    );
    if (!fresh) return history;
    await store.joinRoster(after.owner);
    if (after.cohort) await store.joinCohort(after.owner, after.cohort);
    const logged = answerLogEntries(before, after, pack.id, now, source, loggedFeedback(grade));
    if (logged.length > 0) await store.logAnswers(after.owner, logged, key);
    return history;
  }

  async function sendTransition(
    transition: Transition,
    pack: QuestionPack,
    before: HistoryRecord,
    out: Outbox,
  ) {
    for (const reply of transition.replies) {
      const handle = await out.send(reply);
      if (reply.type === 'question') await bindThread(transition.session, handle);
    }
    // A one-question drill's feedback says it all; a summary would only repeat it in a shared thread.
    const oneQuestionDrill =
      transition.session.drillDate !== null && transition.session.questionIds.length === 1;
    if (transition.session.status === 'ended' && oneQuestionDrill) {
      const text = messages.drillComplete(transition.session.results[0]?.score ?? null);
      await out.send({
        type: 'notice',
        private: true,
        closesThread: true,
        actions: [],
        code: 'drill-complete',
        text,
      });
    } else if (transition.session.status === 'ended') {
      const summary = await summarize(transition.session, pack, before);
      const text = summaryText(summary);
      await out.send({ type: 'summary', private: false, closesThread: true, actions: [], summary, text });
    }
  }

  /** The offline summary, rewritten by the feedback model when it can (an LLM); never slower to fail. */
  async function summarize(session: SessionRecord, pack: QuestionPack, before: HistoryRecord) {
    const summary = buildSummary(session, pack, before);
    if (!feedback.summarize || summary.answered === 0) return summary;
    const outcome = await feedback.summarize(summaryRequest(session, pack, summary));
    if (outcome.source !== 'llm') return summary;
    return {
      ...summary,
      strengths: outcome.strengths,
      workOn: outcome.workOn.slice(0, 2),
      nextPractice: outcome.nextPractice,
    };
  }

  async function applyTransition(
    transition: Transition,
    before: SessionRecord,
    pack: QuestionPack,
    out: Outbox,
  ) {
    // The session first: a step that lost a race to another instance is run again, having recorded nothing.
    await store.putSession(transition.session);
    const history = await recordHistory(before, transition.session, pack);
    await sendTransition(transition, pack, history, out);
  }

  return { bindThread, recordHistory, sendTransition, applyTransition };
}

export type SessionSteps = ReturnType<typeof createSessionSteps>;

/** The graded answer a step finished, with its text as stored (redacted on arrival), for the answer log. */
function answerLogEntries(
  before: SessionRecord,
  after: SessionRecord,
  packId: string,
  now: number,
  source: AnswerLogEntry['source'],
  feedback: string | null,
): AnswerLogEntry[] {
  const turn = before.turn;
  if (!turn?.pending) return [];
  return after.results
    .slice(before.results.length)
    .filter((result) => result.questionId === turn.questionId && result.score !== null)
    .map((result) => ({
      at: now,
      packId,
      questionId: result.questionId,
      score: result.score!,
      source,
      answers: [...turn.answers, turn.pending!.text],
      feedback,
    }));
}
