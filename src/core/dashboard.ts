import { UserFacingError } from '../errors.ts';
import type { CoachContext } from './coach-context.ts';
import { assertCanConfigure, canTeach, teachableCohorts } from './cohort-access.ts';
import type { Cohort } from './cohort-records.ts';
import type { CohortRosters } from './cohort-rosters.ts';
import type { Cohorts } from './cohorts.ts';
import { isValidTimeZone } from './daily-question.ts';
import { buildCohortOverview, cohortSummary } from './dashboard-data.ts';
import { buildMemberPage } from './dashboard-member.ts';
import {
  type DashboardLink,
  type DashboardLinkSigner,
  type DashboardReads,
  type DashboardViewer,
  viewerActor,
} from './dashboard-types.ts';
import { mapBatched } from './map-limited.ts';
import { messages } from './messages.ts';
import type { Actor } from './ports.ts';
import { assertPeriod } from './report-period.ts';

const dayMs = 86_400_000;

/**
 * The dashboard's reads and its links. A signed link names a viewer; every read checks it again against
 * the store as it is now: the platform and tenant are always the viewer's own (no read can name
 * another), a cohort must be in the link's scope and still taught by the viewer (cohort-access.ts), and a
 * member's page is theirs or their cohort's instructors'. Whatever is refused, the refusal is the same
 * for "does not exist" and "not yours", so changing an id in a URL learns nothing.
 */
export function createDashboard(
  context: CoachContext,
  cohorts: Cohorts,
  rosters: CohortRosters,
  links?: DashboardLinkSigner,
): DashboardReads & { dashboardLink(actor: Actor): Promise<DashboardLink> } {
  const { store, packs, clock, defaultPackId } = context;

  const notFound = () => new UserFacingError('NOT_FOUND', messages.dashboardNotFound());

  /** The cohort in `channel` when this viewer may see it; the same refusal otherwise. */
  async function visibleCohort(viewer: DashboardViewer, channel: string): Promise<Cohort> {
    if (!viewer.cohorts.includes(channel)) throw notFound();
    const config = await store.getTenantConfig(viewer.platform, viewer.tenant);
    // Own keys only: a channel such as `__proto__` must not find the object's prototype.
    const cohort = Object.hasOwn(config.cohorts, channel) ? config.cohorts[channel] : undefined;
    if (!cohort || !canTeach(viewerActor(viewer), cohort)) throw notFound();
    return cohort;
  }

  function readHistories(viewer: DashboardViewer, users: readonly string[]) {
    return mapBatched(users, (batch) =>
      store.getHistories(batch.map((user) => ({ platform: viewer.platform, tenant: viewer.tenant, user }))),
    );
  }

  const reads: DashboardReads = {
    async workspace(viewer) {
      const actor = viewerActor(viewer);
      if (viewer.role === 'member') {
        throw new UserFacingError('NOT_ALLOWED', messages.dashboardMembersOwnPage());
      }
      assertCanConfigure(actor);
      const config = await store.getTenantConfig(viewer.platform, viewer.tenant);
      const visible = teachableCohorts(actor, Object.values(config.cohorts))
        .filter((cohort) => viewer.cohorts.includes(cohort.drillChannel))
        .sort((a, b) => a.drillChannel.localeCompare(b.drillChannel));
      const now = clock.now();
      const summaries = await Promise.all(
        visible.map(async (cohort) => {
          const members = await cohorts.membersOf(viewer.platform, viewer.tenant, cohort);
          return cohortSummary(cohort, members.length, packs, defaultPackId, now);
        }),
      );
      return { platform: viewer.platform, tenant: viewer.tenant, cohorts: summaries };
    },

    async overview(viewer, channel, periodDays) {
      assertPeriod(periodDays);
      const cohort = await visibleCohort(viewer, channel);
      const users = await cohorts.membersOf(viewer.platform, viewer.tenant, cohort);
      const histories = await readHistories(viewer, users);
      return buildCohortOverview({ cohort, histories, packs, defaultPackId, now: clock.now(), periodDays });
    },

    async roster(viewer, channel, periodDays) {
      assertPeriod(periodDays);
      await visibleCohort(viewer, channel);
      return rosters.roster(viewerActor(viewer), channel, periodDays);
    },

    async rosterCsv(viewer, channel, periodDays) {
      assertPeriod(periodDays);
      await visibleCohort(viewer, channel);
      const { csv, filename } = await rosters.exportCsv(viewerActor(viewer), channel, { periodDays });
      return { csv, filename };
    },

    async member(viewer, channel, user, periodDays) {
      assertPeriod(periodDays);
      const cohort = await memberCohort(viewer, channel, user);
      const member = { platform: viewer.platform, tenant: viewer.tenant, user };
      const now = clock.now();
      const [history, settings, config] = await Promise.all([
        store.getHistory(member),
        store.getMemberSettings(member),
        store.getTenantConfig(viewer.platform, viewer.tenant),
      ]);
      // The member's days are their own: their timezone, else the cohort's, else the workspace's.
      const zone = [settings.timezone, cohort?.timezone, config.defaults.timezone].find(
        (candidate): candidate is string => typeof candidate === 'string' && isValidTimeZone(candidate),
      );
      const logged = await store.loggedAnswers(member, now - periodDays * dayMs);
      return buildMemberPage({
        user,
        cohort: cohort?.drillChannel ?? null,
        history,
        logged,
        packs,
        timezone: zone ?? 'UTC',
        now,
        periodDays,
      });
    },
  };

  /**
   * Whose page `user` is to this viewer: their own (with the cohort named, when they are in it), or a
   * member of a cohort the viewer teaches and the link covers. Anything else is the one refusal.
   */
  async function memberCohort(viewer: DashboardViewer, channel: string | null, user: string) {
    if (viewer.user === user) {
      if (channel === null) return null;
      const config = await store.getTenantConfig(viewer.platform, viewer.tenant);
      const cohort = Object.hasOwn(config.cohorts, channel) ? config.cohorts[channel] : undefined;
      if (!cohort) return null;
      const members = await cohorts.membersOf(viewer.platform, viewer.tenant, cohort);
      return members.includes(user) ? cohort : null;
    }
    if (channel === null) throw notFound();
    const cohort = await visibleCohort(viewer, channel);
    const members = await cohorts.membersOf(viewer.platform, viewer.tenant, cohort);
    if (!members.includes(user)) throw notFound();
    return cohort;
  }

  /**
   * A signed link for `actor`: admins see every cohort, instructors the ones they teach, and anyone else
   * only their own page. Without a signer (no STARCOACH_WEB_SECRET) the dashboard is off.
   */
  async function dashboardLink(actor: Actor): Promise<DashboardLink> {
    if (!links) throw new UserFacingError('DASHBOARD_OFF', messages.dashboardOff());
    const config = await store.getTenantConfig(actor.platform, actor.tenant);
    const taught = teachableCohorts(actor, Object.values(config.cohorts)).map(
      (cohort) => cohort.drillChannel,
    );
    const role: DashboardViewer['role'] = actor.roles?.includes('admin')
      ? 'admin'
      : taught.length > 0
        ? 'instructor'
        : 'member';
    const viewer: DashboardViewer = {
      platform: actor.platform,
      tenant: actor.tenant,
      user: actor.user,
      role,
      cohorts: role === 'member' ? [] : taught.sort(),
    };
    return links.sign(viewer, clock.now());
  }

  return { ...reads, dashboardLink };
}

export type Dashboard = ReturnType<typeof createDashboard>;
