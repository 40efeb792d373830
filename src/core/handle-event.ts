import { actorKey } from './actor-key.ts';
import type { AnswerGrading } from './answer-grading.ts';
import type { CoachContext, Target } from './coach-context.ts';
import type { DrillSessions } from './drill-sessions.ts';
import { messages } from './messages.ts';
import type { InboundEvent, Outbox } from './ports.ts';
import type { SessionRecord } from './records.ts';
import { inSharedThread, keptPrivate } from './reply-audience.ts';
import { reportError } from './report-error.ts';
import { endSession, isExpired, showHint, showSample, skipQuestion } from './session-machine.ts';
import type { SessionSteps } from './session-steps.ts';
import type { Sessions } from './sessions.ts';
import type { VoiceAnswers } from './voice-answers.ts';

/** Typed and spoken answers: claimed where they are stored, not when they arrive. */
const isAnswer = (event: InboundEvent) => event.type === 'answer-submit' || event.type === 'answer-audio';

/** The coach's parts an event can reach. */
export interface EventParts {
  sessions: Sessions;
  grading: AnswerGrading;
  drills: DrillSessions;
  steps: SessionSteps;
  voice: VoiceAnswers;
}

/**
 * The inbound port: an event is claimed once, finds its target (the actor's session, or a posted
 * drill), waits its turn in the user's queue and the gate, and goes to the part that acts on it.
 */
export function createEventHandler(context: CoachContext, parts: EventParts) {
  const { store, clock, logger, gate, packOf } = context;
  const { start, expire } = parts.sessions;
  const { answer, gradePending } = parts.grading;
  const { drill, postedDrillSession } = parts.drills;
  const { applyTransition } = parts.steps;
  const { answerAudio } = parts.voice;

  async function resolveTarget(event: InboundEvent): Promise<Target | 'not-owner'> {
    const thread = event.place.thread;
    if (thread) {
      const bound = await store.findThread(event.actor.platform, event.actor.tenant, thread);
      if (bound?.kind === 'drill') {
        const channel = `${bound.channel}#drill-${bound.date}`;
        return {
          owner: event.actor,
          channel,
          postedDrill: { thread, date: bound.date, channel: bound.channel },
        };
      }
      if (bound) return actorKey(bound.owner) === actorKey(event.actor) ? bound : 'not-owner';
    }
    return { owner: event.actor, channel: event.place.channel };
  }

  /**
   * An answer is claimed where it is stored (the store's acceptAnswer), not up front; one refused
   * instead (no session, a stale question, someone else's thread) is claimed here, so its re-delivery
   * is refused silently. So is the re-delivery of an answer the session's place already stored.
   */
  async function claimRefusedAnswer(event: InboundEvent, session?: SessionRecord): Promise<boolean> {
    if (!isAnswer(event)) return true;
    if (session && store.storedAnswer(session, event.deliveryId)) return false;
    return store.claimDelivery(event.actor.platform, event.deliveryId);
  }

  async function act(event: InboundEvent, target: Target, out: Outbox): Promise<void> {
    if (event.type === 'session-start') return start(event, target, out);
    if (event.type === 'drill-start') return drill(target, out);
    const existing = await store.getSession(target.owner, target.channel);
    if (existing && existing.status !== 'active' && target.postedDrill) {
      if (!(await claimRefusedAnswer(event, existing))) return;
      const text = messages.drillDone(existing.results[0]?.score ?? null);
      await out.send({ type: 'notice', private: true, actions: [], code: 'drill-done', text });
      return;
    }
    // Under a posted drill, answering (or asking for help) opens a member's own session; other buttons
    // pressed there before answering have nothing to act on.
    const opensDrill = ['answer-submit', 'answer-audio', 'hint-request', 'sample-show'].includes(event.type);
    const session =
      !existing && target.postedDrill && opensDrill
        ? await postedDrillSession({ ...target, postedDrill: target.postedDrill })
        : existing;
    // An event from a thread that is not this session's (another conversation, or a thread the
    // session has since left on resume) is not for the session.
    const thread = event.place.thread;
    const elsewhere = thread !== undefined && !target.postedDrill && session?.thread !== thread;
    if (session?.status !== 'active' || elsewhere) {
      // A message overheard in a thread that is no session of the member's: people talking, not to us.
      if (!(await claimRefusedAnswer(event, session)) || event.overheard) return;
      await out.send({
        type: 'notice',
        private: true,
        actions: [],
        code: 'no-session',
        text: messages.noSession(),
      });
      return;
    }
    if (isExpired(session, clock.now())) return expire(session, out);
    // A strong answer may be asked for any question of the session; other buttons act on the current one.
    const stale = event.questionId !== undefined && event.questionId !== session.turn?.questionId;
    if (stale && event.type !== 'sample-show') {
      if (!(await claimRefusedAnswer(event, session))) return;
      const text = messages.staleAction();
      await out.send({ type: 'notice', private: true, actions: [], code: 'stale-action', text });
      return;
    }
    const pack = packOf(session.packId);
    if (session.turn?.pending) {
      // An answer stored before a crash is graded before anything else happens.
      await gradePending(session, pack, out, [messages.recovered()]);
      // That answer's own re-delivery has nothing left to do; any other answer goes on.
      const redelivered = session.turn.pending.deliveryId === event.deliveryId;
      return isAnswer(event) && !redelivered ? act(event, target, out) : undefined;
    }
    const now = clock.now();
    switch (event.type) {
      case 'answer-submit':
        return answer(event, session, out);
      case 'answer-audio':
        return answerAudio(event, session, out);
      case 'hint-request':
        return applyTransition(showHint(session, pack, now), session, pack, out);
      case 'sample-show':
        return applyTransition(showSample(session, pack, now, event.questionId), session, pack, out);
      case 'question-skip':
      case 'question-next':
        return applyTransition(skipQuestion(session, pack, now), session, pack, out);
      case 'session-end': {
        const ended = endSession(session, pack, now);
        await applyTransition({ session: ended, replies: [] }, session, pack, out);
        return;
      }
    }
  }

  return async function handle(event: InboundEvent, out: Outbox): Promise<void> {
    try {
      // An answer is claimed when it is stored (see answer()), so a crash before that loses nothing.
      const target = await gate.run(async () =>
        isAnswer(event) || (await store.claimDelivery(event.actor.platform, event.deliveryId))
          ? resolveTarget(event)
          : null,
      );
      if (target === null) return;
      if (target === 'not-owner') {
        if (!(await claimRefusedAnswer(event))) return;
        await out.send({
          type: 'notice',
          private: true,
          // Said in someone else's thread: for the actor alone, or not at all.
          privateOnly: true,
          actions: [],
          code: 'not-your-session',
          text: messages.notYourSession(),
        });
        return;
      }
      const shared = target.postedDrill ? inSharedThread(out) : out;
      const replies = event.privately ? keptPrivate(shared) : shared;
      // The gate is taken inside the user's queue, so waiting for one's own earlier event holds no slot.
      await store.withUser(target.owner, () => gate.run(() => act(event, target, replies)));
    } catch (error) {
      await reportError(error, event, out, logger);
    }
  };
}
