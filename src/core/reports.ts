import { rankLeaderboard } from '../drills/leaderboard.ts';
import { isoWeek } from '../drills/streak.ts';
import type { CoachContext } from './coach-context.ts';
import { buildCohortReport } from './cohort-report.ts';
import { localDate } from './daily-question.ts';
import type { Actor } from './ports.ts';
import { buildProgress } from './progress.ts';
import type { SettingsCache } from './settings-cache.ts';
import { assertCanConfigure } from './tenant-settings.ts';

/** What the coach reports from histories: a member's progress, the weekly leaderboard, the cohort. */
export function createReports(context: CoachContext, caches: SettingsCache) {
  const { store, packs, clock, defaultPackId } = context;
  const { memberTimeZone } = caches;
  return {
    async progress(actor: Actor) {
      const today = localDate(clock.now(), await memberTimeZone(actor));
      return buildProgress(await store.getHistory(actor), defaultPackId, today);
    },
    async leaderboard(actor: Actor) {
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
    async cohortReport(actor: Actor) {
      assertCanConfigure(actor);
      const users = await store.getRoster(actor.platform, actor.tenant);
      const histories = await Promise.all(users.map((user) => store.getHistory({ ...actor, user })));
      return buildCohortReport(histories, packs, clock.now());
    },
  };
}
