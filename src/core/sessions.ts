import { UserFacingError } from '../errors.ts';
import type { AnswerGrading } from './answer-grading.ts';
import type { CoachContext, Target } from './coach-context.ts';
import { actions, messages } from './messages.ts';
import type { InboundEvent, Outbox, ReplyHandle } from './ports.ts';
import type { SessionRecord } from './records.ts';
import { selectQuestions } from './select-questions.ts';
import { createSession, isExpired, promptReplies, questionReply } from './session-machine.ts';
import type { SessionSteps } from './session-steps.ts';

const defaultCount = 5;
export const defaultFollowUps = 1;

/** Practice sessions: starting one (or offering to resume the one already here), resuming, expiring. */
export function createSessions(context: CoachContext, steps: SessionSteps, grading: AnswerGrading) {
  const { store, clock, random, newId, defaultPackId, packOf } = context;
  const { bindThread } = steps;
  const { gradePending } = grading;

  async function start(event: InboundEvent & { type: 'session-start' }, target: Target, out: Outbox) {
    const options = event.options;
    const pack = packOf(options.packId ?? defaultPackId);
    const existing = await store.getSession(target.owner, target.channel);
    if (existing?.status === 'active') {
      if (isExpired(existing, clock.now())) {
        await expire(existing, out);
      } else if (options.mode === 'resume') {
        return resume(existing, out);
      } else if (options.mode !== 'new') {
        const existingPack = packOf(existing.packId);
        const text = messages.sessionActive(
          existing.index + 1,
          existing.questionIds.length,
          existingPack.roleTitle,
        );
        await out.send({
          type: 'notice',
          private: true,
          actions: actions('resume', 'restart'),
          code: 'session-active',
          text,
        });
        return;
      }
    }
    const history = await store.getHistory(target.owner);
    const filter = {
      questionId: options.questionId ?? null,
      kind: options.kind ?? null,
      level: options.level ?? null,
      count: options.count ?? defaultCount,
    };
    const questions = selectQuestions(pack, filter, history, random);
    if (questions.length === 0 && options.questionId) {
      throw new UserFacingError('UNKNOWN_QUESTION', messages.unknownQuestion(options.questionId, pack.id));
    }
    if (questions.length === 0) {
      const described = [options.kind, options.level].filter(Boolean).join(' ') || 'these filters';
      throw new UserFacingError('NO_QUESTIONS', messages.noQuestions(`${described} in ${pack.id}`));
    }
    const session = createSession({
      id: newId(),
      owner: target.owner,
      channel: target.channel,
      pack,
      questions,
      options: { ...options, count: filter.count, followUps: options.followUps ?? defaultFollowUps },
      now: clock.now(),
    });
    await store.putSession(session);
    let handle: ReplyHandle;
    try {
      handle = await out.send(questionReply(session, pack));
    } catch (error) {
      // A session whose first question never reached the user would only come back as a resume offer.
      await store.deleteSession(session.owner, session.channel);
      throw error;
    }
    await bindThread(session, handle);
  }

  async function resume(session: SessionRecord, out: Outbox) {
    const pack = packOf(session.packId);
    if (session.turn?.pending) return gradePending(session, pack, out, [messages.recovered()]);
    const replies = promptReplies(session, pack);
    const [first, ...rest] = replies;
    if (first) await bindThread(session, await out.send(first));
    for (const reply of rest) await out.send(reply);
  }

  async function expire(session: SessionRecord, out: Outbox) {
    await store.putSession({ ...session, status: 'expired', updatedAt: clock.now() });
    await out.send({
      type: 'notice',
      private: true,
      actions: [],
      code: 'session-expired',
      text: messages.sessionExpired(),
    });
  }

  return { start, resume, expire };
}

export type Sessions = ReturnType<typeof createSessions>;
