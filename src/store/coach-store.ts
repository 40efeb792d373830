import type Keyv from 'keyv';
import { actorKey, tenantKey } from '../core/actor-key.ts';
import type { Actor, Clock, SessionStore } from '../core/ports.ts';
import {
  defaultTenantConfig,
  emptyHistory,
  type HistoryRecord,
  type MemberSettings,
  type SessionRecord,
  type TenantConfig,
  type ThreadRecord,
} from '../core/records.ts';
import type { UsageLedger } from '../feedback/usage-ledger.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { openBackend } from './open-backend.ts';
import {
  historyRecord,
  memberSettingsRecord,
  rosterRecord,
  sessionRecord,
  tenantConfigRecord,
  threadRecord,
  type UserIndex,
  userIndexRecord,
} from './records.ts';
import type { StoreBackend } from './store-backend.ts';
import { parseStoreUrl } from './store-url.ts';
import { type RecordType, readRecord } from './versioned-record.ts';

export const namespaces = [
  'sessions',
  'threads',
  'history',
  'usage',
  'members',
  'rosters',
  'tenants',
  'index',
] as const;
type Namespace = (typeof namespaces)[number];

/** A delivery id is remembered this long; platforms re-deliver within minutes, not weeks. */
const claimTtlMs = 7 * 24 * 60 * 60 * 1000;
/** History keeps the most recent attempts only; enough for weak areas and progress. */
const maxAttempts = 200;
const maxSessions = 200;
const maxActiveDays = 400;
const maxWeeks = 12;
const indexCacheMs = 60_000;
/** The workspaces with a drill schedule, so the scheduler need not list keys (Keyv cannot everywhere). */
const scheduledKey = '__scheduled__';
const indexCacheLimit = 50_000;
/** A day's token count matters only for that day's budget. */
const usageTtlMs = 3 * 24 * 60 * 60 * 1000;

export interface OpenStoreOptions {
  url: string;
  cwd: string;
  clock: Clock;
  /** Tables, namespaces and key prefix; tests give each file its own. */
  prefix?: string;
}

/**
 * Per-user state on Keyv. Every key is scoped by actor, so one user's calls can never read another's
 * records, and every key a user owns is listed in their index so `forget` can delete it on any backend.
 */
export class CoachStore implements SessionStore {
  readonly #backend: StoreBackend;
  readonly #clock: Clock;
  readonly #keyvs: Record<Namespace, Keyv>;
  readonly #queue = new KeyedQueue();
  /** Index entries known to be written, so a hot path does not re-read the index on every write. */
  readonly #indexed = new Map<string, number>();
  readonly #rosterJoins = new Map<string, { users: Set<string>; written: Promise<void> }>();

  constructor(backend: StoreBackend, clock: Clock) {
    this.#backend = backend;
    this.#clock = clock;
    this.#keyvs = Object.fromEntries(namespaces.map((name) => [name, backend.keyv(name)])) as Record<
      Namespace,
      Keyv
    >;
  }

  static async open(options: OpenStoreOptions): Promise<CoachStore> {
    const location = parseStoreUrl(options.url, options.cwd);
    const backend = await openBackend(location, {
      prefix: options.prefix ?? 'starcoach',
      now: () => options.clock.now(),
    });
    return new CoachStore(backend, options.clock);
  }

  get backendKind(): StoreBackend['kind'] {
    return this.#backend.kind;
  }

  /** Serializes a read-modify-write for one user inside this process. */
  withUser<T>(actor: Actor, task: () => Promise<T>): Promise<T> {
    return this.#queue.run(actorKey(actor), task);
  }

  /** True the first time a platform delivery is seen, false for every re-delivery, on every instance. */
  claimDelivery(platform: string, deliveryId: string): Promise<boolean> {
    return this.#backend.claim(`delivery:${platform}:${deliveryId}`, claimTtlMs);
  }

  getSession(owner: Actor, channel: string): Promise<SessionRecord | undefined> {
    return this.#read('sessions', sessionKey(owner, channel), sessionRecord);
  }

  async putSession(session: SessionRecord): Promise<void> {
    await this.#write(session.owner, 'sessions', sessionKey(session.owner, session.channel), session);
  }

  async deleteSession(owner: Actor, channel: string): Promise<void> {
    await this.#keyvs.sessions.delete(sessionKey(owner, channel));
  }

  findThread(platform: string, tenant: string, thread: string): Promise<ThreadRecord | undefined> {
    return this.#read('threads', threadKey(platform, tenant, thread), threadRecord);
  }

  async bindThread(owner: Actor, channel: string, thread: string): Promise<void> {
    const record: ThreadRecord = { v: 2, kind: 'session', owner, channel };
    await this.#write(owner, 'threads', threadKey(owner.platform, owner.tenant, thread), record);
  }

  /** The thread under a posted daily drill: workspace data, so forget leaves it. */
  async bindDrillThread(platform: string, tenant: string, thread: string, channel: string, date: string) {
    const record: ThreadRecord = { v: 2, kind: 'drill', channel, date };
    await this.#keyvs.threads.set(threadKey(platform, tenant, thread), record);
  }

  /** A claim on any key (a drill post, a job): true for exactly one caller until `ttlMs` passes. */
  claim(key: string, ttlMs: number): Promise<boolean> {
    return this.#backend.claim(key, ttlMs);
  }

  /** Gives up a claim, so work that failed after claiming can be tried again. */
  releaseClaim(key: string): Promise<void> {
    return this.#backend.release(key);
  }

  async getScheduledTenants(): Promise<string[]> {
    const raw: unknown = await this.#keyvs.tenants.get(scheduledKey);
    return Array.isArray(raw) ? raw.filter((key): key is string => typeof key === 'string') : [];
  }

  async markScheduled(platform: string, tenant: string, scheduled: boolean): Promise<void> {
    await this.#queue.run(scheduledKey, async () => {
      const key = tenantKey(platform, tenant);
      const current = await this.getScheduledTenants();
      const next = scheduled ? [...new Set([...current, key])] : current.filter((entry) => entry !== key);
      await this.#keyvs.tenants.set(scheduledKey, next);
    });
  }

  async getHistory(actor: Actor): Promise<HistoryRecord> {
    return (await this.#read('history', actorKey(actor), historyRecord)) ?? emptyHistory();
  }

  async putHistory(actor: Actor, history: HistoryRecord): Promise<void> {
    const trimmed: HistoryRecord = {
      ...history,
      attempts: history.attempts.slice(-maxAttempts),
      sessions: history.sessions.slice(-maxSessions),
      seen: history.seen.slice(-maxAttempts),
      activeDays: history.activeDays.slice(-maxActiveDays),
      weeklyPoints: Object.fromEntries(Object.entries(history.weeklyPoints).sort().slice(-maxWeeks)),
    };
    await this.#write(actor, 'history', actorKey(actor), trimmed);
  }

  async getMemberSettings(actor: Actor): Promise<MemberSettings> {
    return (
      (await this.#read('members', actorKey(actor), memberSettingsRecord)) ?? {
        v: 1,
        timezone: null,
        leaderboard: false,
      }
    );
  }

  async putMemberSettings(actor: Actor, settings: MemberSettings): Promise<void> {
    await this.#write(actor, 'members', actorKey(actor), settings);
  }

  async getRoster(platform: string, tenant: string): Promise<string[]> {
    return (await this.#read('rosters', tenantKey(platform, tenant), rosterRecord))?.users ?? [];
  }

  /** Adds the user to their workspace's roster once; cheap to call on every answer. */
  async joinRoster(actor: Actor): Promise<void> {
    const cacheKey = `roster\n${actorKey(actor)}`;
    if ((this.#indexed.get(cacheKey) ?? 0) > this.#clock.now()) return;
    const key = tenantKey(actor.platform, actor.tenant);
    let pending = this.#rosterJoins.get(key);
    if (!pending) {
      // Joins that arrive while a roster write is under way go out together in the next one: a
      // thousand members answering at once cost a few writes, not a thousand in a row.
      const users = new Set<string>();
      const written = this.#updateRoster(actor, (current) => {
        this.#rosterJoins.delete(key);
        const fresh = [...users].filter((user) => !current.includes(user));
        return fresh.length ? [...current, ...fresh] : current;
      });
      pending = { users, written };
      this.#rosterJoins.set(key, pending);
    }
    pending.users.add(actor.user);
    await pending.written;
    this.#indexed.set(cacheKey, this.#clock.now() + indexCacheMs);
  }

  async #updateRoster(actor: Actor, change: (users: string[]) => string[]): Promise<void> {
    const key = tenantKey(actor.platform, actor.tenant);
    await this.#queue.run(`roster:${key}`, async () => {
      const users = await this.getRoster(actor.platform, actor.tenant);
      const next = change(users);
      if (next !== users) await this.#keyvs.rosters.set(key, { v: 1, users: next });
    });
  }

  async getTenantConfig(platform: string, tenant: string): Promise<TenantConfig> {
    return (
      (await this.#read('tenants', tenantKey(platform, tenant), tenantConfigRecord)) ?? defaultTenantConfig()
    );
  }

  /** Tenant settings belong to the workspace or server, not to the admin who set them: forget keeps them. */
  async putTenantConfig(platform: string, tenant: string, config: TenantConfig): Promise<void> {
    await this.#keyvs.tenants.set(tenantKey(platform, tenant), config);
  }

  /** Deletes every record the user owns, in every namespace; returns how many were removed. */
  forgetUser(actor: Actor): Promise<number> {
    return this.withUser(actor, async () => {
      const index = await this.#readIndex(actor);
      let removed = 0;
      for (const entry of index.entries) {
        const keyv = this.#keyvs[entry.namespace as Namespace];
        if (keyv && (await keyv.delete(entry.key))) removed += 1;
      }
      await this.#keyvs.index.delete(actorKey(actor));
      await this.#updateRoster(actor, (users) => users.filter((user) => user !== actor.user));
      this.#indexed.delete(`roster\n${actorKey(actor)}`);
      const prefix = `${actorKey(actor)}\n`;
      for (const cacheKey of this.#indexed.keys())
        if (cacheKey.startsWith(prefix)) this.#indexed.delete(cacheKey);
      return removed;
    });
  }

  /** The daily LLM token ledger, kept per user so forget removes it too. */
  readonly usage: UsageLedger = {
    spent: async (userKey, day) => {
      const raw: unknown = await this.#keyvs.usage.get(usageKey(userKey, day));
      return typeof raw === 'number' ? raw : 0;
    },
    add: (userKey, day, tokens) =>
      // Its own queue key: grading, which adds usage, already runs inside the user's queue.
      this.#queue.run(`usage:${userKey}`, async () => {
        const spent = await this.usage.spent(userKey, day);
        await this.#write(userKey, 'usage', usageKey(userKey, day), spent + tokens, usageTtlMs);
      }),
  };

  async close(): Promise<void> {
    await this.#backend.close();
  }

  async #read<T extends { v: number }>(
    namespace: Namespace,
    key: string,
    type: RecordType<T>,
  ): Promise<T | undefined> {
    const raw: unknown = await this.#keyvs[namespace].get(key);
    return raw === undefined ? undefined : readRecord(type, raw);
  }

  async #write(owner: Actor | string, namespace: Namespace, key: string, value: unknown, ttlMs?: number) {
    await this.#remember(owner, namespace, key);
    await this.#keyvs[namespace].set(key, value, ttlMs);
  }

  // The index is written before the record it lists, so a crash between the two leaves nothing unlisted.
  // The cache is per process and short-lived: a forget on another instance is seen within a minute.
  async #remember(owner: Actor | string, namespace: Namespace, key: string): Promise<void> {
    const cacheKey = `${ownerKey(owner)}\n${namespace}\n${key}`;
    const now = this.#clock.now();
    if ((this.#indexed.get(cacheKey) ?? 0) > now) return;
    const index = await this.#readIndex(owner);
    if (!index.entries.some((entry) => entry.namespace === namespace && entry.key === key)) {
      const next: UserIndex = { v: 1, entries: [...index.entries, { namespace, key }] };
      await this.#keyvs.index.set(ownerKey(owner), next);
    }
    if (this.#indexed.size >= indexCacheLimit) this.#indexed.delete(this.#indexed.keys().next().value!);
    this.#indexed.set(cacheKey, now + indexCacheMs);
  }

  async #readIndex(owner: Actor | string): Promise<UserIndex> {
    return (await this.#read('index', ownerKey(owner), userIndexRecord)) ?? { v: 1, entries: [] };
  }
}

function ownerKey(owner: Actor | string): string {
  return typeof owner === 'string' ? owner : actorKey(owner);
}

function usageKey(userKey: string, day: string): string {
  return `${userKey}|${day}`;
}

function sessionKey(owner: Actor, channel: string): string {
  return `${actorKey(owner)}|${encodeURIComponent(channel)}`;
}

function threadKey(platform: string, tenant: string, thread: string): string {
  return [platform, tenant, thread].map(encodeURIComponent).join(':');
}
