import { rankLeaderboard } from '../drills/leaderboard.ts';
import { isoWeek } from '../drills/streak.ts';
import type { CoachContext } from './coach-context.ts';
import type { Assignments } from './cohort-assignments.ts';
import { buildCohortReport } from './cohort-report.ts';
import type { Cohorts } from './cohorts.ts';
import { localDate } from './daily-question.ts';
import { mapBatched } from './map-limited.ts';
import type { Actor } from './ports.ts';
import { buildProgress } from './progress.ts';
import type { SettingsCache } from './settings-cache.ts';

/** What the coach reports from histories: a member's progress, the weekly leaderboard, a cohort's picture. */
export function createReports(
  context: CoachContext,
  caches: SettingsCache,
  cohorts: Cohorts,
  assignments: Assignments,
) {
  const { store, packs, clock, defaultPackId } = context;
  const { memberTimeZone } = caches;
  return {
    /** The member's own figures, their open assignments first. */
    async progress(actor: Actor) {
      const timeZone = await memberTimeZone(actor);
      const today = localDate(clock.now(), timeZone);
      const history = await store.getHistory(actor);
      const questionTextOf = (packId: string, questionId: string) =>
        packs.get(packId)?.questions.find((question) => question.id === questionId)?.text;
      return {
        ...buildProgress(history, defaultPackId, today, { timeZone, questionTextOf }),
        assignments: await assignments.memberAssignments(actor, history),
      };
    },
    async leaderboard(actor: Actor) {
      const week = isoWeek(localDate(clock.now(), await memberTimeZone(actor)));
      const roster = await store.getRoster(actor.platform, actor.tenant);
      const rows = await mapBatched(roster, async (users) => {
        const members = users.map((user) => ({ platform: actor.platform, tenant: actor.tenant, user }));
        const settings = await store.getMemberSettingsMany(members);
        const optedIn = members.filter((_, index) => settings[index]!.leaderboard);
        const histories = await store.getHistories(optedIn);
        return optedIn.map((member, index) => ({
          user: member.user,
          points: histories[index]!.weeklyPoints[week] ?? 0,
        }));
      });
      const optedIn = (await store.getMemberSettings(actor)).leaderboard;
      return rankLeaderboard(week, rows, actor.user, optedIn);
    },
    /** A cohort's participation and weak spots over the last `periodDays`; its instructors and admins only. */
    async cohortReport(actor: Actor, channel: string | null = null, periodDays = 30) {
      const scope = await cohorts.reportScope(actor, channel);
      const histories = await mapBatched(scope.users, (users) =>
        store.getHistories(users.map((user) => ({ platform: actor.platform, tenant: actor.tenant, user }))),
      );
      const config = await store.getTenantConfig(actor.platform, actor.tenant);
      // Weeks are the cohort's own (its timezone), else the workspace's.
      const zone = (scope.cohort ? config.cohorts[scope.cohort]?.timezone : null) ?? config.defaults.timezone;
      return { ...buildCohortReport(histories, packs, clock.now(), periodDays, zone), cohort: scope.cohort };
    },
  };
}
