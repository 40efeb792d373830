import type { QuestionPack } from '../content/pack-schema.ts';
import { dueReviews } from '../drills/repetition.ts';
import { tenantKey } from './actor-key.ts';
import type { CoachContext, Target } from './coach-context.ts';
import type { Assignments, MemberAssignment } from './cohort-assignments.ts';
import { dailyQuestion, drillPackId, localDate } from './daily-question.ts';
import { messages } from './messages.ts';
import type { Outbox } from './ports.ts';
import type { HistoryRecord } from './records.ts';
import { createSession, questionReply } from './session-machine.ts';
import type { SessionSteps } from './session-steps.ts';
import { defaultFollowUps, type Sessions } from './sessions.ts';
import type { SettingsCache } from './settings-cache.ts';

const maxDueInDrill = 2;
/** An assignment is worked through a few questions at a time. */
const maxAssignmentInDrill = 5;

/**
 * Question-of-the-day sessions: a member's own drill (reviews due first, then the day's question), and
 * the session a member opens by answering under a drill the workspace posted.
 */
export function createDrillSessions(
  context: CoachContext,
  caches: SettingsCache,
  steps: SessionSteps,
  sessions: Sessions,
  assignments: Assignments,
) {
  const { store, packs, clock, newId, defaultPackId, packOf } = context;
  const { memberTimeZone, tenantConfigCached } = caches;
  const { bindThread } = steps;
  const { resume } = sessions;

  /**
   * `/drill`: an open assignment's questions first (each of the member's assignments until done, once a
   * day), then the question of the day of the cohort the command was run in (else the member's first
   * cohort, else the workspace's defaults).
   */
  async function drill(target: Target, out: Outbox) {
    const { owner } = target;
    const tenant = await store.getTenantConfig(owner.platform, owner.tenant);
    const mine = await assignments.memberCohorts(owner, tenant);
    for (const open of await assignments.memberAssignments(owner, undefined, tenant)) {
      if (open.status === 'done') break;
      if (await assignmentDrill(target, open, out)) return;
    }
    const cohort = tenant.cohorts[target.channel] ?? mine[0] ?? null;
    const config = cohort ?? tenant.defaults;
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
      cohort: cohort?.drillChannel,
    });
    await store.putSession(session);
    await bindThread(session, await out.send(questionReply(session, pack)));
  }

  /**
   * A session on an assignment's questions still to answer; false (nothing sent) when the member
   * already had one on it today and left some unanswered, so the day's question comes next.
   */
  async function assignmentDrill(target: Target, open: MemberAssignment, out: Outbox): Promise<boolean> {
    const { owner } = target;
    const { assignment } = open;
    const channel = `${target.channel}#assignment-${assignment.id}`;
    const existing = await store.getSession(owner, channel);
    if (existing?.status === 'active') {
      await resume(existing, out);
      return true;
    }
    const today = localDate(clock.now(), await memberTimeZone(owner));
    if (existing && localDate(existing.updatedAt, await memberTimeZone(owner)) === today) return false;
    const pack = packOf(assignment.packId);
    const questions = open.remaining.flatMap((id) => pack.questions.filter((question) => question.id === id));
    if (questions.length === 0) return false;
    const text = messages.assignmentIntro(
      open.cohort,
      open.answered.length,
      assignment.questionIds.length,
      assignment.due,
    );
    await out.send({ type: 'notice', private: true, actions: [], code: 'assignment', text });
    const session = createSession({
      id: newId(),
      owner,
      channel,
      pack,
      questions: questions.slice(0, maxAssignmentInDrill),
      options: { count: Math.min(questions.length, maxAssignmentInDrill), followUps: defaultFollowUps },
      now: clock.now(),
      cohort: open.cohort,
    });
    await store.putSession(session);
    await bindThread(session, await out.send(questionReply(session, pack)));
    return true;
  }

  /** A member's first event under a posted drill opens their own session on the day's question. */
  async function postedDrillSession(target: Target & { postedDrill: NonNullable<Target['postedDrill']> }) {
    const { owner, postedDrill } = target;
    const tenant = await tenantConfigCached(owner.platform, owner.tenant);
    const config = tenant.cohorts[postedDrill.channel] ?? tenant.defaults;
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
        cohort: tenant.cohorts[postedDrill.channel] ? postedDrill.channel : undefined,
      }),
      // The thread stays the workspace's; it is not rebound to this member.
      thread: postedDrill.thread,
    };
    await store.putSession(session);
    return session;
  }

  return { drill, postedDrillSession };
}

export type DrillSessions = ReturnType<typeof createDrillSessions>;

function dueQuestions(history: HistoryRecord, pack: QuestionPack, today: string) {
  const prefix = `${pack.id}/`;
  return dueReviews(history.reviews, today)
    .filter((key) => key.startsWith(prefix))
    .flatMap((key) => pack.questions.filter((question) => question.id === key.slice(prefix.length)));
}
