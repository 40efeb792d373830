import type Keyv from 'keyv';
import { actorKey, tenantKey } from '../core/actor-key.ts';
import type { Actor, Clock } from '../core/ports.ts';
import { rosterRecord } from './records.ts';
import type { StoreBackend } from './store-backend.ts';
import { readRecord } from './versioned-record.ts';

/** A member who joined is not added again by this process for this long. */
const joinCacheMs = 60_000;
const cacheLimit = 50_000;
const scheduledSet = 'scheduled';
/** Where the list of scheduled workspaces was kept, as one record, before it was a set. */
const scheduledKey = '__scheduled__';

/**
 * Who practises in each workspace (its roster), and which workspaces have a drill schedule. Each is a
 * set on the backend with every member stored on its own, so two instances adding two members at
 * once keep both (the scheduler need not list keys either, which Keyv cannot do everywhere).
 */
export class MemberSets {
  readonly #backend: StoreBackend;
  readonly #rosters: Keyv;
  readonly #tenants: Keyv;
  readonly #clock: Clock;
  readonly #joined = new Map<string, number>();
  /** Sets whose earlier one-record form was already moved in. */
  readonly #adopted = new Set<string>();

  constructor(backend: StoreBackend, keyvs: { rosters: Keyv; tenants: Keyv }, clock: Clock) {
    this.#backend = backend;
    this.#rosters = keyvs.rosters;
    this.#tenants = keyvs.tenants;
    this.#clock = clock;
  }

  async roster(platform: string, tenant: string): Promise<string[]> {
    await this.#adoptRoster(platform, tenant);
    return this.#backend.members(rosterSet(platform, tenant));
  }

  /** Adds the user to their workspace's roster once; cheap to call on every answer. */
  async join(actor: Actor): Promise<void> {
    const key = actorKey(actor);
    if ((this.#joined.get(key) ?? 0) > this.#clock.now()) return;
    await this.#backend.addMember(rosterSet(actor.platform, actor.tenant), actor.user);
    if (this.#joined.size >= cacheLimit) this.#joined.clear();
    this.#joined.set(key, this.#clock.now() + joinCacheMs);
  }

  async leave(actor: Actor): Promise<void> {
    await this.#adoptRoster(actor.platform, actor.tenant);
    await this.#backend.removeMember(rosterSet(actor.platform, actor.tenant), actor.user);
    this.#joined.delete(actorKey(actor));
  }

  cohort(platform: string, tenant: string, channel: string): Promise<string[]> {
    return this.#backend.members(cohortSet(platform, tenant, channel));
  }

  /** True when this call added the member (this process had not seen them join lately). */
  async joinCohort(actor: Actor, channel: string): Promise<boolean> {
    const key = `${actorKey(actor)}#${channel}`;
    if ((this.#joined.get(key) ?? 0) > this.#clock.now()) return false;
    await this.#backend.addMember(cohortSet(actor.platform, actor.tenant, channel), actor.user);
    if (this.#joined.size >= cacheLimit) this.#joined.clear();
    this.#joined.set(key, this.#clock.now() + joinCacheMs);
    return true;
  }

  async leaveCohort(actor: Actor, channel: string): Promise<void> {
    await this.#backend.removeMember(cohortSet(actor.platform, actor.tenant, channel), actor.user);
    this.#joined.delete(`${actorKey(actor)}#${channel}`);
  }

  async scheduled(): Promise<string[]> {
    await this.#adoptScheduled();
    return this.#backend.members(scheduledSet);
  }

  async schedule(platform: string, tenant: string, scheduled: boolean): Promise<void> {
    const key = tenantKey(platform, tenant);
    if (scheduled) return this.#backend.addMember(scheduledSet, key);
    await this.#adoptScheduled();
    await this.#backend.removeMember(scheduledSet, key);
  }

  /** Drops what this process remembers of a purged tenant's members and sets, so they join afresh. */
  forgetTenant(isTenants: (key: string) => boolean): void {
    for (const key of this.#joined.keys()) if (isTenants(key)) this.#joined.delete(key);
    for (const set of this.#adopted)
      if (isTenants(set.slice(set.indexOf(':') + 1))) this.#adopted.delete(set);
  }

  /**
   * Rosters and the list of scheduled workspaces used to be one record each, rewritten on every change
   * (two instances adding at once lost one). Such a record is moved into its set when first seen.
   */
  #adoptRoster(platform: string, tenant: string): Promise<void> {
    return this.#adopt(
      rosterSet(platform, tenant),
      this.#rosters,
      tenantKey(platform, tenant),
      (raw) => readRecord(rosterRecord, raw).users,
    );
  }

  #adoptScheduled(): Promise<void> {
    return this.#adopt(scheduledSet, this.#tenants, scheduledKey, (raw) =>
      Array.isArray(raw) ? raw.filter((key): key is string => typeof key === 'string') : [],
    );
  }

  async #adopt(set: string, keyv: Keyv, key: string, members: (raw: unknown) => string[]) {
    if (this.#adopted.has(set)) return;
    const raw: unknown = await keyv.get(key);
    if (raw !== undefined) {
      for (const member of members(raw)) await this.#backend.addMember(set, member);
      await keyv.delete(key);
    }
    if (this.#adopted.size >= cacheLimit) this.#adopted.clear();
    this.#adopted.add(set);
  }
}

function rosterSet(platform: string, tenant: string): string {
  return `roster:${tenantKey(platform, tenant)}`;
}

function cohortSet(platform: string, tenant: string, channel: string): string {
  return `cohort:${tenantKey(platform, tenant)}:${encodeURIComponent(channel)}`;
}
