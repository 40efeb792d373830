import type { QuestionPack } from '../content/pack-schema.ts';
import { buildCohortReport, type CohortReport } from '../drills/cohort-report.ts';
import { type Leaderboard, rankLeaderboard } from '../drills/leaderboard.ts';
import { dueReviews } from '../drills/repetition.ts';
import { isoWeek } from '../drills/streak.ts';
import { StarcoachError, UserFacingError } from '../errors.ts';
import type { FeedbackModel, GradeOutcome } from '../feedback/feedback-model.ts';
import { describeRedaction, redactIdentifiers } from '../privacy/index.ts';
import { actorKey, type CoachStore, tenantKey } from '../store/coach-store.ts';
import type { HistoryRecord, MemberSettings, SessionRecord, TenantConfig } from '../store/records.ts';
import { dailyQuestion, drillPackId, isValidTimeZone, localDate } from './daily-question.ts';
import { Gate } from './gate.ts';
import type { Logger } from './logger.ts';
import { actions, messages } from './messages.ts';
import type { Actor, Clock, InboundEvent, Outbox, Reply, ReplyHandle } from './ports.ts';
import { buildProgress, type ProgressReport } from './progress.ts';
import { recordFinished } from './record-history.ts';
import { selectQuestions } from './select-questions.ts';
import {
  acceptAnswer,
  applyGrade,
  createSession,
  currentQuestion,
  endSession,
  forQuestion,
  isExpired,
  promptReplies,
  questionReply,
  showHint,
  showSample,
  skipQuestion,
  type Transition,
} from './session-machine.ts';
import { buildSummary, summaryRequest } from './summary.ts';
import { summaryText } from './summary-text.ts';
import {
  applyTenantConfigChange,
  assertCanConfigure,
  type TenantConfigChange,
  type TenantConfigView,
  viewTenantConfig,
} from './tenant-settings.ts';

export const maxAnswerLength = 8000;
const defaultCount = 5;
const defaultFollowUps = 1;
const maxDueInDrill = 2;

export interface CoachDependencies {
  store: CoachStore;
  packs: Map<string, QuestionPack>;
  feedback: FeedbackModel;
  clock: Clock;
  logger: Logger;
  defaultPackId?: string;
  random?: () => number;
  newId?: () => string;
  /** Events worked on at once; more wait their turn (see Gate). */
  maxConcurrentEvents?: number;
}

export interface Coach {
  /** The inbound port: adapters hand every event here and render what comes back through `out`. */
  handle(event: InboundEvent, out: Outbox): Promise<void>;
  progress(actor: Actor): Promise<ProgressReport>;
  forget(actor: Actor): Promise<number>;
  /** The workspace's or server's settings (defaults until an admin sets them), as of the coach's clock. */
  tenantConfig(platform: string, tenant: string): Promise<TenantConfigView>;
  /** Changes settings; only admins and instructors (per `actor.roles`) may. Throws UserFacingError. */
  configureTenant(actor: Actor, change: TenantConfigChange): Promise<TenantConfigView>;
  memberSettings(actor: Actor): Promise<MemberSettings>;
  /** A member's own timezone and leaderboard opt-in. Throws UserFacingError on a bad timezone. */
  updateMemberSettings(actor: Actor, change: MemberSettingsChange): Promise<MemberSettings>;
  /** This week's points for members who opted in, with the asker's own row. */
  leaderboard(actor: Actor): Promise<Leaderboard>;
  /** The group's participation and weak spots; admins and instructors only. Throws UserFacingError. */
  cohortReport(actor: Actor): Promise<CohortReport>;
  readonly packs: Map<string, QuestionPack>;
  /** The coach's clock: adapters time their own caches with it and never read the machine's time. */
  readonly clock: Clock;
}

export interface MemberSettingsChange {
  timezone?: string | null;
  leaderboard?: boolean;
}

interface Target {
  owner: Actor;
  channel: string;
  /** Set when the event comes from the thread under a posted daily drill, which every member may answer. */
  postedDrill?: { thread: string; date: string };
}

/** Builds the platform-free coach: sessions, grading, history. */
export function createCoach(deps: CoachDependencies): Coach {
  const { store, packs, feedback, clock, logger } = deps;
  const random = deps.random ?? Math.random;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const gate = new Gate(deps.maxConcurrentEvents ?? 32);
  const defaultPackId = deps.defaultPackId ?? packs.keys().next().value ?? 'medical-coding';

  function packOf(id: string): QuestionPack {
    const pack = packs.get(id);
    if (!pack) throw new UserFacingError('UNKNOWN_PACK', messages.unknownPack(id, [...packs.keys()]));
    return pack;
  }

  async function resolveTarget(event: InboundEvent): Promise<Target | 'not-owner'> {
    const thread = event.place.thread;
    if (thread) {
      const bound = await store.findThread(event.actor.platform, event.actor.tenant, thread);
      if (bound?.kind === 'drill') {
        const channel = `${bound.channel}#drill-${bound.date}`;
        return { owner: event.actor, channel, postedDrill: { thread, date: bound.date } };
      }
      if (bound) return actorKey(bound.owner) === actorKey(event.actor) ? bound : 'not-owner';
    }
    return { owner: event.actor, channel: event.place.channel };
  }

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
      kind: options.kind ?? null,
      level: options.level ?? null,
      count: options.count ?? defaultCount,
    };
    const questions = selectQuestions(pack, filter, history, random);
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

  async function bindThread(session: SessionRecord, handle: ReplyHandle) {
    if (!handle.thread || handle.thread === session.thread) return;
    await store.bindSessionThread(session, handle.thread);
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
    const history = await recordHistory(session, transition.session, pack);
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

  /**
   * Adds finished questions to the user's history, and the session row once it ends. A grade is
   * recorded once per answer (keyed by its delivery), even when it is graded again after a crash.
   */
  async function recordHistory(before: SessionRecord, after: SessionRecord, pack: QuestionPack) {
    const fresh = after.results.length > before.results.length;
    if (!fresh && after.status === before.status) return store.getHistory(after.owner);
    const now = clock.now();
    const memberDay = localDate(now, await memberTimeZone(after.owner));
    const history = await store.updateHistory(
      after.owner,
      (current) => recordFinished(current, before, after, { packId: pack.id, now, memberDay }),
      before.turn?.pending?.deliveryId,
    );
    if (fresh) await store.joinRoster(after.owner);
    return history;
  }

  /** Streaks and due dates follow the member's own timezone, else the workspace's, else UTC. */
  async function memberTimeZone(actor: Actor): Promise<string> {
    const key = actorKey(actor);
    const cached = zoneCache.get(key);
    if (cached && cached.until > clock.now()) return cached.zone;
    const settings = await store.getMemberSettings(actor);
    const zone = settings.timezone ?? (await tenantConfigCached(actor.platform, actor.tenant)).timezone;
    if (zoneCache.size > 10_000) zoneCache.clear();
    zoneCache.set(key, { zone, until: clock.now() + 30_000 });
    return zone;
  }
  const zoneCache = new Map<string, { zone: string; until: number }>();

  /** Tenant settings change rarely and are read on every answer: a short per-process cache. */
  const tenantCache = new Map<string, { config: TenantConfig; until: number }>();
  async function tenantConfigCached(platform: string, tenant: string): Promise<TenantConfig> {
    const key = `${platform}:${tenant}`;
    const cached = tenantCache.get(key);
    if (cached && cached.until > clock.now()) return cached.config;
    const config = await store.getTenantConfig(platform, tenant);
    tenantCache.set(key, { config, until: clock.now() + 30_000 });
    return config;
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
      await out.send({ type: 'notice', private: true, actions: [], code: 'drill-complete', text });
    } else if (transition.session.status === 'ended') {
      const summary = await summarize(transition.session, pack, before);
      await out.send({ type: 'summary', private: false, actions: [], summary, text: summaryText(summary) });
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

  async function answer(
    event: InboundEvent & { type: 'answer-submit' },
    session: SessionRecord,
    out: Outbox,
  ) {
    const text = event.text.trim();
    if (text === '') throw new UserFacingError('EMPTY_ANSWER', messages.emptyAnswer());
    if (text.length > maxAnswerLength) {
      throw new UserFacingError('ANSWER_TOO_LONG', messages.answerTooLong(maxAnswerLength, text.length));
    }
    const pack = packOf(session.packId);
    const redaction = redactIdentifiers(text);
    const accepted = acceptAnswer(session, event.deliveryId, redaction.text, clock.now());
    // Storing the answer is its delivery's claim: a re-delivered answer stops here.
    if (!(await store.acceptAnswer(accepted))) return;
    const note = describeRedaction(redaction.found);
    await gradePending(accepted, pack, out, note ? [note] : []);
  }

  async function drill(target: Target, out: Outbox) {
    const { owner } = target;
    const config = await store.getTenantConfig(owner.platform, owner.tenant);
    const pack = packOf(drillPackId(config.packId, packs, defaultPackId));
    const date = localDate(clock.now(), config.timezone);
    // One drill session per user per day, apart from any practice session in the same channel.
    const channel = `${target.channel}#drill-${date}`;
    const existing = await store.getSession(owner, channel);
    if (existing?.status === 'active') return resume(existing, out);
    if (existing) {
      const text = messages.drillDone(existing.results[0]?.score ?? null);
      await out.send({ type: 'notice', private: true, actions: [], code: 'drill-done', text });
      return;
    }
    const question = dailyQuestion(pack, tenantKey(owner.platform, owner.tenant), date, config.level);
    const memberDay = localDate(clock.now(), await memberTimeZone(owner));
    const due = dueQuestions(await store.getHistory(owner), pack, memberDay).filter(
      (q) => q.id !== question.id,
    );
    // Reviews that are due come first, then the day's question.
    const questions = [...due.slice(0, maxDueInDrill), question];
    const session = createSession({
      id: newId(),
      owner,
      channel,
      pack,
      questions,
      options: { count: questions.length, followUps: defaultFollowUps },
      now: clock.now(),
      drillDate: date,
    });
    await store.putSession(session);
    await bindThread(session, await out.send(questionReply(session, pack)));
  }

  /** A member's first event under a posted drill opens their own session on the day's question. */
  async function postedDrillSession(target: Target & { postedDrill: { thread: string; date: string } }) {
    const { owner, postedDrill } = target;
    const config = await tenantConfigCached(owner.platform, owner.tenant);
    const pack = packOf(drillPackId(config.packId, packs, defaultPackId));
    const question = dailyQuestion(
      pack,
      tenantKey(owner.platform, owner.tenant),
      postedDrill.date,
      config.level,
    );
    const session = {
      ...createSession({
        id: newId(),
        owner,
        channel: target.channel,
        pack,
        questions: [question],
        options: { count: 1, followUps: defaultFollowUps },
        now: clock.now(),
        drillDate: postedDrill.date,
      }),
      // The thread stays the workspace's; it is not rebound to this member.
      thread: postedDrill.thread,
    };
    await store.putSession(session);
    return session;
  }

  async function act(event: InboundEvent, target: Target, out: Outbox): Promise<void> {
    if (event.type === 'session-start') return start(event, target, out);
    if (event.type === 'drill-start') return drill(target, out);
    const existing = await store.getSession(target.owner, target.channel);
    if (existing && existing.status !== 'active' && target.postedDrill) {
      const text = messages.drillDone(existing.results[0]?.score ?? null);
      await out.send({ type: 'notice', private: true, actions: [], code: 'drill-done', text });
      return;
    }
    // Under a posted drill, answering (or asking for help) opens a member's own session; other buttons
    // pressed there before answering have nothing to act on.
    const opensDrill = ['answer-submit', 'hint-request', 'sample-show'].includes(event.type);
    const session =
      !existing && target.postedDrill && opensDrill
        ? await postedDrillSession({ ...target, postedDrill: target.postedDrill })
        : existing;
    // An event from a thread that is not this session's (another conversation, or a thread the
    // session has since left on resume) is not for the session.
    const thread = event.place.thread;
    const elsewhere = thread !== undefined && !target.postedDrill && session?.thread !== thread;
    if (session?.status !== 'active' || elsewhere) {
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
      const text = messages.staleAction();
      await out.send({ type: 'notice', private: true, actions: [], code: 'stale-action', text });
      return;
    }
    const pack = packOf(session.packId);
    if (session.turn?.pending) {
      // An answer stored before a crash is graded before anything else happens.
      await gradePending(session, pack, out, [messages.recovered()]);
      return event.type === 'answer-submit' ? act(event, target, out) : undefined;
    }
    const now = clock.now();
    switch (event.type) {
      case 'answer-submit':
        return answer(event, session, out);
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

  return {
    packs,
    clock,
    async handle(event, out) {
      try {
        // An answer is claimed when it is stored (see answer()), so a crash before that loses nothing.
        const target = await gate.run(async () =>
          event.type === 'answer-submit' ||
          (await store.claimDelivery(event.actor.platform, event.deliveryId))
            ? resolveTarget(event)
            : null,
        );
        if (target === null) return;
        if (target === 'not-owner') {
          await out.send({
            type: 'notice',
            private: true,
            actions: [],
            code: 'not-your-session',
            text: messages.notYourSession(),
          });
          return;
        }
        // The gate is taken inside the user's queue, so waiting for one's own earlier event holds no slot.
        await store.withUser(target.owner, () => gate.run(() => act(event, target, out)));
      } catch (error) {
        await reportError(error, event, out);
      }
    },
    async progress(actor) {
      const today = localDate(clock.now(), await memberTimeZone(actor));
      return buildProgress(await store.getHistory(actor), defaultPackId, today);
    },
    forget: (actor) => store.forgetUser(actor),
    tenantConfig: async (platform, tenant) =>
      viewTenantConfig(await store.getTenantConfig(platform, tenant), clock.now()),
    memberSettings: (actor) => store.getMemberSettings(actor),
    async updateMemberSettings(actor, change) {
      if (change.timezone && !isValidTimeZone(change.timezone)) {
        throw new UserFacingError('INVALID_TIMEZONE', messages.invalidTimeZone(change.timezone));
      }
      return store.withUser(actor, async () => {
        const next = await store.updateMemberSettings(actor, (current) => ({ ...current, ...change }));
        zoneCache.delete(actorKey(actor));
        if (next.leaderboard) await store.joinRoster(actor);
        return next;
      });
    },
    async leaderboard(actor) {
      const week = isoWeek(localDate(clock.now(), await memberTimeZone(actor)));
      const rows = [];
      for (const user of await store.getRoster(actor.platform, actor.tenant)) {
        const member = { ...actor, user, roles: [] };
        if (!(await store.getMemberSettings(member)).leaderboard) continue;
        rows.push({ user, points: (await store.getHistory(member)).weeklyPoints[week] ?? 0 });
      }
      const optedIn = (await store.getMemberSettings(actor)).leaderboard;
      return rankLeaderboard(week, rows, actor.user, optedIn);
    },
    async cohortReport(actor) {
      assertCanConfigure(actor);
      const users = await store.getRoster(actor.platform, actor.tenant);
      const histories = await Promise.all(users.map((user) => store.getHistory({ ...actor, user })));
      return buildCohortReport(histories, packs, clock.now());
    },
    async configureTenant(actor, change) {
      assertCanConfigure(actor);
      const next = await store.updateTenantConfig(actor.platform, actor.tenant, (current) =>
        applyTenantConfigChange(current, change, [...packs.keys()], clock.now()),
      );
      await store.markScheduled(actor.platform, actor.tenant, next.drillChannel !== null);
      tenantCache.delete(`${actor.platform}:${actor.tenant}`);
      // Members without their own zone follow the workspace's.
      zoneCache.clear();
      return viewTenantConfig(next, clock.now());
    },
  };

  async function reportError(error: unknown, event: InboundEvent, out: Outbox) {
    const userFacing = error instanceof UserFacingError;
    if (!userFacing) {
      // Never the answer text: only the event type, delivery and the error's code.
      logger.error('event-failed', {
        type: event.type,
        deliveryId: event.deliveryId,
        code: error instanceof StarcoachError ? error.code : 'INTERNAL',
        error,
      });
    }
    const code = userFacing ? error.code : 'INTERNAL';
    const text = userFacing ? error.message : messages.internalError();
    try {
      await out.send({ type: 'error', private: true, actions: [], code, text });
    } catch (sendError) {
      // The platform itself failed (the same failure, often): nothing more can reach the user here.
      logger.error('error-reply-failed', {
        type: event.type,
        deliveryId: event.deliveryId,
        error: sendError,
      });
    }
  }
}

function dueQuestions(history: HistoryRecord, pack: QuestionPack, today: string) {
  const prefix = `${pack.id}/`;
  return dueReviews(history.reviews, today)
    .filter((key) => key.startsWith(prefix))
    .flatMap((key) => pack.questions.filter((question) => question.id === key.slice(prefix.length)));
}

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
