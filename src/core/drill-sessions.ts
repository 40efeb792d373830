import type { QuestionPack } from '../content/pack-schema.ts';
import { dueReviews } from '../drills/repetition.ts';
import { tenantKey } from './actor-key.ts';
import type { CoachContext, Target } from './coach-context.ts';
import { dailyQuestion, drillPackId, localDate } from './daily-question.ts';
import { messages } from './messages.ts';
import type { Outbox } from './ports.ts';
import type { HistoryRecord } from './records.ts';
import { createSession, questionReply } from './session-machine.ts';
import type { SessionSteps } from './session-steps.ts';
import { defaultFollowUps, type Sessions } from './sessions.ts';
import type { SettingsCache } from './settings-cache.ts';

const maxDueInDrill = 2;

/**
 * Question-of-the-day sessions: a member's own drill (reviews due first, then the day's question), and
 * the session a member opens by answering under a drill the workspace posted.
 */
export function createDrillSessions(
  context: CoachContext,
  caches: SettingsCache,
  steps: SessionSteps,
  sessions: Sessions,
) {
  const { store, packs, clock, newId, defaultPackId, packOf } = context;
  const { memberTimeZone, tenantConfigCached } = caches;
  const { bindThread } = steps;
  const { resume } = sessions;

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

  return { drill, postedDrillSession };
}

export type DrillSessions = ReturnType<typeof createDrillSessions>;

function dueQuestions(history: HistoryRecord, pack: QuestionPack, today: string) {
  const prefix = `${pack.id}/`;
  return dueReviews(history.reviews, today)
    .filter((key) => key.startsWith(prefix))
    .flatMap((key) => pack.questions.filter((question) => question.id === key.slice(prefix.length)));
}
