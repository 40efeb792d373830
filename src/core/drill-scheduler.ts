import type { QuestionPack } from '../content/pack-schema.ts';
import type { Cohort } from './cohort-records.ts';
import { dailyQuestion, drillPackId } from './daily-question.ts';
import { duePostToday, nextDrillPost } from './drill-schedule.ts';
import type { Logger } from './logger.ts';
import type { Clock, DrillPoster, Reply, SessionStore } from './ports.ts';
import { questionView } from './session-machine.ts';
import { createTicker } from './ticker.ts';

export interface DrillSchedulerDependencies {
  store: SessionStore;
  packs: Map<string, QuestionPack>;
  defaultPackId: string;
  clock: Clock;
  logger: Logger;
  posters: DrillPoster[];
}

/** A post is claimed for longer than a day can last in any timezone. */
const postClaimMs = 3 * 24 * 60 * 60 * 1000;
/** Settings can change at any time; look again at least this often. */
const maxSleepMs = 60_000;

/**
 * Posts each cohort's daily drill once, on whichever instance claims it first in the shared store.
 * No lock is held while posting: the claim is taken, the post made, and the claim released only if the
 * post failed, so the next tick (on any instance) tries again.
 */
export function createDrillScheduler(deps: DrillSchedulerDependencies) {
  /** Posts one cohort's drill when it is due and no instance has claimed it yet. */
  async function postFor(key: string, cohort: Cohort, now: number): Promise<boolean> {
    const [platform, tenant] = key.split(':').map(decodeURIComponent) as [string, string];
    const poster = deps.posters.find((candidate) => candidate.platform === platform);
    if (!poster) return false;
    const due = duePostToday(cohort, now);
    if (!due) return false;
    const channel = cohort.drillChannel;
    // The cohort migrated from the single configuration keeps that configuration's claim, so the day
    // an instance is upgraded it does not post a drill an older instance already posted.
    const claimKey =
      cohort.createdAt === 0
        ? `drill-post:${key}:${due.date}`
        : `drill-post:${key}:${encodeURIComponent(channel)}:${due.date}`;
    if (!(await deps.store.claim(claimKey, postClaimMs))) return false;
    try {
      const handle = await poster.postDrill(tenant, channel, drillReply(cohort, key, due.date, deps));
      if (handle.thread) {
        await deps.store.bindDrillThread(platform, tenant, handle.thread, channel, due.date);
      }
      return true;
    } catch (error) {
      await deps.store.releaseClaim(claimKey);
      deps.logger.warn('drill-post-failed', { tenant: key, date: due.date, error });
      return false;
    }
  }

  async function cohortsOf(key: string): Promise<Cohort[]> {
    const [platform, tenant] = key.split(':').map(decodeURIComponent) as [string, string];
    return Object.values((await deps.store.getTenantConfig(platform, tenant)).cohorts);
  }

  /**
   * Posts every cohort's drill that is due now and not yet posted; returns where it posted, as
   * `platform:tenant` for each post (a workspace with two cohorts due appears twice).
   */
  async function runDue(): Promise<string[]> {
    const now = deps.clock.now();
    const posted: string[] = [];
    for (const key of await deps.store.getScheduledTenants()) {
      for (const cohort of await cohortsOf(key)) {
        if (await postFor(key, cohort, now)) posted.push(key);
      }
    }
    return posted;
  }

  async function nextWake(): Promise<number> {
    const now = deps.clock.now();
    let wake = now + maxSleepMs;
    for (const key of await deps.store.getScheduledTenants()) {
      for (const cohort of await cohortsOf(key)) {
        const next = nextDrillPost(cohort, now);
        if (next) wake = Math.min(wake, next.at);
      }
    }
    return Math.max(1000, wake - now);
  }

  const ticker = createTicker({
    run: runDue,
    sleepMs: nextWake,
    fallbackMs: maxSleepMs,
    onError: (error) => deps.logger.error('drill-scheduler-failed', { error }),
  });

  return {
    runDue,
    /** Runs at once (catching up on a post missed while the bot was down), then at each post time. */
    start: ticker.start,
    stop: ticker.stop,
  };
}

export type DrillScheduler = ReturnType<typeof createDrillScheduler>;

function drillReply(config: Cohort, key: string, date: string, deps: DrillSchedulerDependencies): Reply {
  const pack = deps.packs.get(drillPackId(config.packId, deps.packs, deps.defaultPackId))!;
  const question = dailyQuestion(pack, key, date, config.level);
  return {
    type: 'question',
    private: false,
    actions: [],
    number: 1,
    total: 1,
    packTitle: pack.roleTitle,
    drillDate: date,
    question: questionView(question),
  };
}
