import { UserFacingError } from '../errors.ts';
import type { CoachContext } from './coach-context.ts';
import { assertCanConfigure, assertCanTeach, teachableCohorts } from './cohort-access.ts';
import type { Cohort } from './cohort-records.ts';
import {
  applyCohortChange,
  type CohortView,
  changesCohort,
  newCohort,
  type TenantConfigChange,
  type TenantConfigView,
  viewCohort,
  viewTenant,
} from './cohort-settings.ts';
import { messages } from './messages.ts';
import type { Actor } from './ports.ts';
import type { TenantConfig } from './records.ts';
import type { SettingsCache } from './settings-cache.ts';

/** Enough for any bootcamp; a bound keeps the workspace's record (every cohort in it) small. */
export const maxCohorts = 200;

/** What `configureCohort` did: the cohort as it is now, or the one it removed. */
export interface ConfigOutcome {
  tenant: TenantConfigView;
  cohort: CohortView | null;
  removed: string | null;
}

/** Cohorts: configured per channel, listed for staff, joined by members; see cohort-access.ts for who may. */
export function createCohorts(context: CoachContext, caches: SettingsCache) {
  const { store, packs, clock } = context;

  /**
   * Who belongs to a cohort. The cohort migrated from a workspace's single configuration (createdAt 0)
   * also counts everyone on the workspace's roster, as the one configuration did.
   */
  async function membersOf(platform: string, tenant: string, cohort: Cohort): Promise<string[]> {
    const members = await store.cohortMembers(platform, tenant, cohort.drillChannel);
    if (cohort.createdAt !== 0) return members;
    return [...new Set([...members, ...(await store.getRoster(platform, tenant))])];
  }

  async function view(actor: Actor, cohort: Cohort): Promise<CohortView> {
    const members = await membersOf(actor.platform, actor.tenant, cohort);
    return viewCohort(cohort, clock.now(), members.length);
  }

  /**
   * The cohort a staff command is about: the one in `channel`; else (a DM, another channel) the one
   * cohort the actor teaches. Throws a UserFacingError that says which to name.
   */
  async function cohortFor(actor: Actor, channel: string | null): Promise<Cohort> {
    const config = await store.getTenantConfig(actor.platform, actor.tenant);
    const here = channel === null ? undefined : config.cohorts[channel];
    if (here) {
      assertCanTeach(actor, here);
      return here;
    }
    // Not run in a cohort's channel: the one cohort the actor teaches, if there is just one.
    const mine = teachableCohorts(actor, Object.values(config.cohorts));
    if (mine.length === 1) return mine[0]!;
    if (mine.length === 0) assertCanConfigure(actor);
    const listed = mine.map((cohort) => cohort.drillChannel);
    if (channel !== null && listed.length === 0) {
      throw new UserFacingError('NO_COHORT', messages.noCohortHere(channel));
    }
    throw new UserFacingError('NO_COHORT', messages.nameACohort(listed));
  }

  /**
   * Whose figures a staff report covers: a cohort's members; or, in a workspace with no cohort at all,
   * everyone on its roster (as before cohorts existed), for admins and instructors.
   */
  async function reportScope(actor: Actor, channel: string | null) {
    const config = await store.getTenantConfig(actor.platform, actor.tenant);
    if (Object.keys(config.cohorts).length === 0) {
      assertCanConfigure(actor);
      return { cohort: null, users: await store.getRoster(actor.platform, actor.tenant) };
    }
    const cohort = await cohortFor(actor, channel);
    return { cohort: cohort.drillChannel, users: await membersOf(actor.platform, actor.tenant, cohort) };
  }

  /** Changes one cohort (made on first configuration) and the workspace's instructor role. */
  async function configureCohort(
    actor: Actor,
    channel: string | null,
    change: TenantConfigChange,
  ): Promise<ConfigOutcome> {
    assertCanConfigure(actor);
    const target = change.drillChannel ?? channel;
    if (changesCohort(change) && target === null) {
      throw new UserFacingError('NO_CHANNEL', messages.configureWhere());
    }
    const now = clock.now();
    let removed: string | null = null;
    const next = await store.updateTenantConfig(actor.platform, actor.tenant, (current) => {
      removed = null;
      let config: TenantConfig =
        change.instructorRole === undefined ? current : { ...current, instructorRole: change.instructorRole };
      if (target === null || !changesCohort(change)) return config;
      const existing = config.cohorts[target];
      if (existing) assertCanTeach(actor, existing);
      if (change.drillChannel === null) {
        if (!existing) throw new UserFacingError('NO_COHORT', messages.noCohortHere(target));
        const { [target]: _gone, ...rest } = config.cohorts;
        removed = target;
        return { ...config, cohorts: rest };
      }
      if (!existing && Object.keys(config.cohorts).length >= maxCohorts) {
        throw new UserFacingError('TOO_MANY_COHORTS', messages.tooManyCohorts(maxCohorts));
      }
      const base = existing ?? newCohort(target, config.defaults, actor.user, now);
      const cohort = applyCohortChange(base, change, [...packs.keys()], now);
      config = { ...config, cohorts: { ...config.cohorts, [target]: cohort } };
      return config;
    });
    await store.markScheduled(actor.platform, actor.tenant, Object.keys(next.cohorts).length > 0);
    caches.forgetTenant(actor.platform, actor.tenant);
    const cohort = target !== null && !removed ? next.cohorts[target] : undefined;
    return {
      tenant: viewTenant(next),
      cohort: cohort ? await view(actor, cohort) : null,
      removed,
    };
  }

  /** Adds members or instructors to a cohort; a member added this way is in it like one who answered there. */
  async function addCohortMembers(
    actor: Actor,
    channel: string | null,
    users: string[],
    role: 'member' | 'instructor',
  ): Promise<CohortView> {
    if (users.length === 0) throw new UserFacingError('NO_MEMBERS', messages.noMembersNamed());
    const cohort = await cohortFor(actor, channel);
    if (role === 'instructor') {
      const next = await changeCohort(actor, cohort.drillChannel, (current) => ({
        ...current,
        instructors: [...new Set([...current.instructors, ...users])],
      }));
      return view(actor, next);
    }
    for (const user of users) await store.joinCohort({ ...actor, user, roles: [] }, cohort.drillChannel);
    return view(actor, cohort);
  }

  async function removeCohortMember(actor: Actor, channel: string | null, user: string): Promise<CohortView> {
    const cohort = await cohortFor(actor, channel);
    await store.leaveCohort({ ...actor, user, roles: [] }, cohort.drillChannel);
    const next = cohort.instructors.includes(user)
      ? await changeCohort(actor, cohort.drillChannel, (current) => ({
          ...current,
          instructors: current.instructors.filter((instructor) => instructor !== user),
        }))
      : cohort;
    return view(actor, next);
  }

  /** A change to one cohort with compare-and-set on the workspace's record; the cohort must still exist. */
  async function changeCohort(actor: Actor, channel: string, change: (cohort: Cohort) => Cohort) {
    const next = await store.updateTenantConfig(actor.platform, actor.tenant, (current) => {
      const cohort = current.cohorts[channel];
      if (!cohort) throw new UserFacingError('NO_COHORT', messages.noCohortHere(channel));
      assertCanTeach(actor, cohort);
      return { ...current, cohorts: { ...current.cohorts, [channel]: change(cohort) } };
    });
    caches.forgetTenant(actor.platform, actor.tenant);
    return next.cohorts[channel]!;
  }

  return {
    membersOf,
    cohortFor,
    reportScope,
    changeCohort,
    configureCohort,
    addCohortMembers,
    removeCohortMember,
    tenantConfig: async (platform: string, tenant: string) =>
      viewTenant(await store.getTenantConfig(platform, tenant)),
    /** The workspace's settings and every cohort, for admins and instructors. */
    async showTenantConfig(actor: Actor): Promise<TenantConfigView> {
      assertCanConfigure(actor);
      return viewTenant(await store.getTenantConfig(actor.platform, actor.tenant));
    },
    /** One cohort's settings, for whoever teaches it. */
    async showCohort(actor: Actor, channel: string | null): Promise<CohortView> {
      return view(actor, await cohortFor(actor, channel));
    },
    /** The cohorts the actor teaches (every one, for an admin). Members are refused. */
    async listCohorts(actor: Actor): Promise<CohortView[]> {
      const config = await store.getTenantConfig(actor.platform, actor.tenant);
      const cohorts = teachableCohorts(actor, viewTenant(config).cohorts);
      if (cohorts.length === 0) assertCanConfigure(actor);
      return Promise.all(cohorts.map((cohort) => view(actor, cohort)));
    },
  };
}

export type Cohorts = ReturnType<typeof createCohorts>;
