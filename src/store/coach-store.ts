import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import type { Actor, Clock } from '../core/ports.ts';
import type { UsageLedger } from '../feedback/usage-ledger.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { openBackend } from './open-backend.ts';
import {
  type Change,
  pauseAfterConflict,
  type Stamp,
  StoreConflictError,
  stampOf,
  VersionedRecords,
  withStamp,
} from './record-cas.ts';
import {
  defaultTenantConfig,
  emptyHistory,
  type HistoryRecord,
  historyRecord,
  type MemberSettings,
  memberSettingsRecord,
  rosterRecord,
  type SessionRecord,
  sessionRecord,
  type TenantConfig,
  type ThreadRecord,
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
/**
 * Records read, changed and written back, so written with compare-and-set. Threads are only ever set;
 * rosters (and the list of scheduled workspaces in `tenants`) are sets with a row per member now.
 */
const versioned: ReadonlySet<Namespace> = new Set([
  'sessions',
  'history',
  'usage',
  'members',
  'tenants',
  'index',
]);

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
const scheduledSet = 'scheduled';
const indexCacheLimit = 50_000;
/** A day's token count matters only for that day's budget. */
const usageTtlMs = 3 * 24 * 60 * 60 * 1000;
/** Offline grading takes milliseconds; this covers a busy instance's queue too. */
const defaultAnswerLeaseMs = 10_000;
/** A task that lost a race re-runs; more losses than this in a row point at a bug, not at load. */
const maxTaskRuns = 20;

export function actorKey(actor: Actor): string {
  return [actor.platform, actor.tenant, actor.user].map(encodeURIComponent).join(':');
}

export interface OpenStoreOptions {
  url: string;
  cwd: string;
  clock: Clock;
  /** Tables, namespaces and key prefix; tests give each file its own. */
  prefix?: string;
  /**
   * How long an answer being graded belongs to the instance grading it: another instance that finds
   * it pending waits this long before it takes it over (that instance may have died). Longer than a
   * whole grade, LLM retries included.
   */
  answerLeaseMs?: number;
}

/**
 * Per-user state on Keyv's tables and keys. Every key is scoped by actor, so one user's calls can
 * never read another's records, and every key a user owns is listed in their index so `forget` can
 * delete it on any backend. Records that are read and written back carry a version: a write lands
 * only if nobody wrote since the read (see record-cas.ts), on every backend and across instances.
 */
export class CoachStore {
  readonly #backend: StoreBackend;
  readonly #clock: Clock;
  readonly #keyvs: Record<Namespace, Keyv>;
  readonly #records: VersionedRecords;
  readonly #queue = new KeyedQueue();
  /** Index entries known to be written, so a hot path does not re-read the index on every write. */
  readonly #indexed = new Map<string, number>();
  /** Sets whose pre-set record (one list rewritten on every change) was already moved into the set. */
  readonly #adopted = new Set<string>();
  /** This instance, as the holder of answer leases. */
  readonly #id = randomUUID();
  readonly #answerLeaseMs: number;
  /** Sessions whose pending answer this instance accepted and has not finished grading. */
  readonly #leased = new Set<string>();

  constructor(backend: StoreBackend, clock: Clock, answerLeaseMs = defaultAnswerLeaseMs) {
    this.#backend = backend;
    this.#clock = clock;
    this.#answerLeaseMs = answerLeaseMs;
    this.#records = new VersionedRecords(backend, () => clock.now());
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
    return new CoachStore(backend, options.clock, options.answerLeaseMs);
  }

  get backendKind(): StoreBackend['kind'] {
    return this.#backend.kind;
  }

  /**
   * Runs a read-modify-write for one user: in arrival order inside this process, and once more from
   * fresh reads whenever a write finds that another instance changed the record since it was read
   * (a StoreConflictError). A task therefore writes what it read before it talks to anyone; what it
   * writes after that goes through update methods that re-apply their change instead of failing.
   */
  withUser<T>(actor: Actor, task: () => Promise<T>): Promise<T> {
    return this.#queue.run(actorKey(actor), async () => {
      for (let run = 1; ; run += 1) {
        try {
          return await task();
        } catch (error) {
          if (!(error instanceof StoreConflictError) || run >= maxTaskRuns) throw error;
          await pauseAfterConflict(run);
        }
      }
    });
  }

  /** True the first time a platform delivery is seen, false for every re-delivery, on every instance. */
  claimDelivery(platform: string, deliveryId: string): Promise<boolean> {
    return this.#backend.claim(`delivery:${platform}:${deliveryId}`, claimTtlMs);
  }

  /**
   * The session in a place. While another instance holds the lease on its pending answer (it is
   * grading it), this waits for that grade, up to the lease: then the answer is this one's to pick up.
   */
  async getSession(owner: Actor, channel: string): Promise<SessionRecord | undefined> {
    const key = sessionKey(owner, channel);
    for (let waited = 0; ; ) {
      const session = await this.#read('sessions', key, sessionRecord);
      if (!session || waited >= this.#answerLeaseMs || !this.#gradedElsewhere(session)) return session;
      const pause = Math.min(200, 20 + waited / 10);
      await new Promise((resolve) => setTimeout(resolve, pause));
      waited += pause;
    }
  }

  /**
   * Writes a session. One read from the store is written only if the session is unchanged since
   * (else StoreConflictError); a new session replaces whatever is in its place.
   */
  async putSession(session: SessionRecord): Promise<void> {
    const key = sessionKey(session.owner, session.channel);
    const pending = session.turn?.pending;
    await this.#put(session.owner, 'sessions', key, session, (stamp) => ({
      value: session,
      keys: stamp.keys,
      lease: pending ? stamp.lease : null,
    }));
    if (!pending) this.#leased.delete(key);
  }

  /**
   * Stores a session whose turn now holds a new pending answer: the answer and its delivery id go in
   * one compare-and-set, which is the delivery's claim. False when this delivery's answer was stored
   * in this place before (a re-delivery): nothing is written then. While this instance grades the
   * answer it holds a lease on it, so other instances wait for the grade instead of grading it too.
   */
  async acceptAnswer(session: SessionRecord): Promise<boolean> {
    const deliveryId = session.turn?.pending?.deliveryId;
    const stamp = stampOf(session);
    if (!deliveryId || !stamp)
      throw new Error('acceptAnswer needs a session read from the store, with a pending answer');
    if (stamp.keys.includes(deliveryId)) return false;
    const key = sessionKey(session.owner, session.channel);
    const lease = { holder: this.#id, until: this.#clock.now() + this.#answerLeaseMs };
    await this.#put(session.owner, 'sessions', key, session, () => ({
      value: session,
      keys: [...stamp.keys, deliveryId],
      lease,
    }));
    this.#leased.add(key);
    return true;
  }

  async deleteSession(owner: Actor, channel: string): Promise<void> {
    const key = sessionKey(owner, channel);
    await this.#records.delete('sessions', key);
    this.#leased.delete(key);
  }

  findThread(platform: string, tenant: string, thread: string): Promise<ThreadRecord | undefined> {
    return this.#readKeyv('threads', threadKey(platform, tenant, thread), threadRecord);
  }

  async bindThread(owner: Actor, channel: string, thread: string): Promise<void> {
    const record: ThreadRecord = { v: 2, kind: 'session', owner, channel };
    await this.#write(owner, 'threads', threadKey(owner.platform, owner.tenant, thread), record);
  }

  /**
   * Binds a thread to a session and notes it on the session, whatever else changed there since: a
   * question has already been posted in that thread, so this never fails for a conflict.
   */
  async bindSessionThread(session: SessionRecord, thread: string): Promise<void> {
    await this.bindThread(session.owner, session.channel, thread);
    const key = sessionKey(session.owner, session.channel);
    await this.#records.update('sessions', key, (raw) => {
      if (raw === undefined) return null;
      const current = readRecord(sessionRecord, raw);
      if (current.id !== session.id || current.thread === thread) return null;
      return { value: { ...current, thread } };
    });
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
    await this.#adoptScheduled();
    return this.#backend.members(scheduledSet);
  }

  /** Each scheduled workspace is a member of its own: two instances marking two at once keep both. */
  async markScheduled(platform: string, tenant: string, scheduled: boolean): Promise<void> {
    const key = tenantKey(platform, tenant);
    if (scheduled) {
      await this.#backend.addMember(scheduledSet, key);
      return;
    }
    await this.#adoptScheduled();
    await this.#backend.removeMember(scheduledSet, key);
  }

  async getHistory(actor: Actor): Promise<HistoryRecord> {
    return (await this.#readValue('history', actorKey(actor), historyRecord)) ?? emptyHistory();
  }

  /** Replaces the user's history; read-modify-write goes through updateHistory. */
  async putHistory(actor: Actor, history: HistoryRecord): Promise<void> {
    const trimmed = trimHistory(history);
    await this.#put(actor, 'history', actorKey(actor), trimmed, () => ({ value: trimmed }));
  }

  /**
   * Applies `change` to the user's current history, re-applied on the fresh one whenever another
   * instance wrote first. With a `key` (the delivery of the graded answer) it applies at most once,
   * however often it is retried, after a crash too. Returns the history as it was before the change.
   */
  async updateHistory(
    actor: Actor,
    change: (history: HistoryRecord) => HistoryRecord,
    key?: string,
  ): Promise<HistoryRecord> {
    const recordKey = actorKey(actor);
    await this.#remember(actor, 'history', recordKey);
    const { before } = await this.#records.update('history', recordKey, (raw, stamp) => {
      if (key !== undefined && stamp.keys.includes(key)) return null;
      const current = raw === undefined ? emptyHistory() : readRecord(historyRecord, raw);
      return {
        value: trimHistory(change(current)),
        keys: key === undefined ? stamp.keys : [...stamp.keys, key],
      };
    });
    return before === undefined ? emptyHistory() : readRecord(historyRecord, before);
  }

  async getMemberSettings(actor: Actor): Promise<MemberSettings> {
    return (
      (await this.#readValue('members', actorKey(actor), memberSettingsRecord)) ?? defaultMemberSettings()
    );
  }

  async putMemberSettings(actor: Actor, settings: MemberSettings): Promise<void> {
    await this.#put(actor, 'members', actorKey(actor), settings, () => ({ value: settings }));
  }

  /** Applies `change` to the member's current settings, re-applied when another change landed first. */
  async updateMemberSettings(
    actor: Actor,
    change: (settings: MemberSettings) => MemberSettings,
  ): Promise<MemberSettings> {
    const key = actorKey(actor);
    await this.#remember(actor, 'members', key);
    let next = defaultMemberSettings();
    await this.#records.update('members', key, (raw) => {
      next = change(raw === undefined ? defaultMemberSettings() : readRecord(memberSettingsRecord, raw));
      return { value: next };
    });
    return next;
  }

  async getRoster(platform: string, tenant: string): Promise<string[]> {
    const set = rosterSet(platform, tenant);
    await this.#adoptRoster(platform, tenant, set);
    return this.#backend.members(set);
  }

  /**
   * Adds the user to their workspace's roster once; cheap to call on every answer. Each member is a
   * member of a set of its own, so two instances adding two members at once keep both.
   */
  async joinRoster(actor: Actor): Promise<void> {
    const cacheKey = `roster\n${actorKey(actor)}`;
    if ((this.#indexed.get(cacheKey) ?? 0) > this.#clock.now()) return;
    await this.#backend.addMember(rosterSet(actor.platform, actor.tenant), actor.user);
    this.#indexed.set(cacheKey, this.#clock.now() + indexCacheMs);
  }

  async getTenantConfig(platform: string, tenant: string): Promise<TenantConfig> {
    return (
      (await this.#readValue('tenants', tenantKey(platform, tenant), tenantConfigRecord)) ??
      defaultTenantConfig()
    );
  }

  /** Tenant settings belong to the workspace or server, not to the admin who set them: forget keeps them. */
  async putTenantConfig(platform: string, tenant: string, config: TenantConfig): Promise<void> {
    await this.#put(null, 'tenants', tenantKey(platform, tenant), config, () => ({ value: config }));
  }

  /** Applies `change` to the current settings, re-applied when another admin's change landed first. */
  async updateTenantConfig(
    platform: string,
    tenant: string,
    change: (config: TenantConfig) => TenantConfig,
  ): Promise<TenantConfig> {
    let next = defaultTenantConfig();
    await this.#records.update('tenants', tenantKey(platform, tenant), (raw) => {
      next = change(raw === undefined ? defaultTenantConfig() : readRecord(tenantConfigRecord, raw));
      return { value: next };
    });
    return next;
  }

  /** Deletes every record the user owns, in every namespace; returns how many were removed. */
  forgetUser(actor: Actor): Promise<number> {
    return this.withUser(actor, async () => {
      const index = await this.#readIndex(actor);
      let removed = 0;
      for (const entry of index.entries) {
        const namespace = entry.namespace as Namespace;
        if (versioned.has(namespace)) {
          if (await this.#records.delete(namespace, entry.key)) removed += 1;
        } else if (await this.#keyvs[namespace]?.delete(entry.key)) removed += 1;
      }
      await this.#records.delete('index', actorKey(actor));
      const roster = rosterSet(actor.platform, actor.tenant);
      await this.#adoptRoster(actor.platform, actor.tenant, roster);
      await this.#backend.removeMember(roster, actor.user);
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
      const { value } = await this.#records.read('usage', usageKey(userKey, day));
      return typeof value === 'number' ? value : 0;
    },
    add: (userKey, day, tokens) =>
      // Its own queue key: grading, which adds usage, already runs inside the user's queue.
      this.#queue.run(`usage:${userKey}`, async () => {
        const key = usageKey(userKey, day);
        await this.#remember(userKey, 'usage', key);
        const add = (spent: unknown) => ({ value: (typeof spent === 'number' ? spent : 0) + tokens });
        await this.#records.update('usage', key, add, usageTtlMs);
      }),
  };

  /** Gives up the leases of answers still being graded here, so another instance picks them up at once. */
  async close(): Promise<void> {
    for (const key of this.#leased) {
      await this.#records
        .update('sessions', key, (raw, stamp) =>
          stamp.lease?.holder === this.#id ? { value: raw, lease: null } : null,
        )
        .catch(() => undefined);
    }
    this.#leased.clear();
    await this.#backend.close();
  }

  #gradedElsewhere(session: SessionRecord): boolean {
    const lease = stampOf(session)?.lease;
    return Boolean(
      session.turn?.pending && lease && lease.holder !== this.#id && lease.until > this.#clock.now(),
    );
  }

  /** A versioned record, parsed and stamped with the version it was read at (for sessions). */
  async #read<T extends { v: number }>(
    namespace: Namespace,
    key: string,
    type: RecordType<T>,
  ): Promise<T | undefined> {
    const { value, stamp } = await this.#records.read(namespace, key);
    return value === undefined ? undefined : withStamp(readRecord(type, value), stamp);
  }

  /** A versioned record, parsed; writing it back replaces whatever is there by then. */
  async #readValue<T extends { v: number }>(
    namespace: Namespace,
    key: string,
    type: RecordType<T>,
  ): Promise<T | undefined> {
    const { value } = await this.#records.read(namespace, key);
    return value === undefined ? undefined : readRecord(type, value);
  }

  async #readKeyv<T extends { v: number }>(
    namespace: Namespace,
    key: string,
    type: RecordType<T>,
  ): Promise<T | undefined> {
    const raw: unknown = await this.#keyvs[namespace].get(key);
    return raw === undefined ? undefined : readRecord(type, raw);
  }

  /**
   * Writes a versioned record. One that was read from the store (it carries a stamp) is written only
   * if unchanged since, else StoreConflictError; one made afresh replaces whatever is there. Either
   * way the record is stamped with its new version, so the caller can change and write it again.
   */
  async #put(
    owner: Actor | null,
    namespace: Namespace,
    key: string,
    record: object,
    change: (stamp: Stamp) => Change,
  ): Promise<void> {
    if (owner) await this.#remember(owner, namespace, key);
    const stamp = stampOf(record);
    if (stamp) {
      const written = await this.#records.write(namespace, key, change(stamp), stamp);
      if (!written) throw new StoreConflictError(namespace);
      withStamp(record, written);
      return;
    }
    const { stamp: written } = await this.#records.update(namespace, key, (_raw, current) => change(current));
    withStamp(record, written);
  }

  async #write(owner: Actor | string, namespace: Namespace, key: string, value: unknown) {
    await this.#remember(owner, namespace, key);
    await this.#keyvs[namespace].set(key, value);
  }

  // The index is written before the record it lists, so a crash between the two leaves nothing unlisted.
  // The cache is per process and short-lived: a forget on another instance is seen within a minute.
  async #remember(owner: Actor | string, namespace: Namespace, key: string): Promise<void> {
    const cacheKey = `${ownerKey(owner)}\n${namespace}\n${key}`;
    const now = this.#clock.now();
    if ((this.#indexed.get(cacheKey) ?? 0) > now) return;
    await this.#records.update('index', ownerKey(owner), (raw) => {
      const index = raw === undefined ? { v: 1 as const, entries: [] } : readRecord(userIndexRecord, raw);
      if (index.entries.some((entry) => entry.namespace === namespace && entry.key === key)) return null;
      const next: UserIndex = { v: 1, entries: [...index.entries, { namespace, key }] };
      return { value: next };
    });
    if (this.#indexed.size >= indexCacheLimit) this.#indexed.delete(this.#indexed.keys().next().value!);
    this.#indexed.set(cacheKey, now + indexCacheMs);
  }

  async #readIndex(owner: Actor | string): Promise<UserIndex> {
    return (await this.#readValue('index', ownerKey(owner), userIndexRecord)) ?? { v: 1, entries: [] };
  }

  /**
   * Rosters and the list of scheduled workspaces used to be one record, rewritten on every change (two
   * instances adding at once lost one). Such a record is moved into its set the first time it is seen.
   */
  async #adoptRoster(platform: string, tenant: string, set: string): Promise<void> {
    await this.#adopt(
      set,
      'rosters',
      tenantKey(platform, tenant),
      (raw) => readRecord(rosterRecord, raw).users,
    );
  }

  async #adoptScheduled(): Promise<void> {
    await this.#adopt(scheduledSet, 'tenants', scheduledKey, (raw) =>
      Array.isArray(raw) ? raw.filter((key): key is string => typeof key === 'string') : [],
    );
  }

  async #adopt(set: string, namespace: Namespace, key: string, members: (raw: unknown) => string[]) {
    if (this.#adopted.has(set)) return;
    const raw: unknown = await this.#keyvs[namespace].get(key);
    if (raw !== undefined) {
      for (const member of members(raw)) await this.#backend.addMember(set, member);
      await this.#keyvs[namespace].delete(key);
    }
    if (this.#adopted.size >= indexCacheLimit) this.#adopted.clear();
    this.#adopted.add(set);
  }
}

function defaultMemberSettings(): MemberSettings {
  return { v: 1, timezone: null, leaderboard: false };
}

function trimHistory(history: HistoryRecord): HistoryRecord {
  return {
    ...history,
    attempts: history.attempts.slice(-maxAttempts),
    sessions: history.sessions.slice(-maxSessions),
    seen: history.seen.slice(-maxAttempts),
    activeDays: history.activeDays.slice(-maxActiveDays),
    weeklyPoints: Object.fromEntries(Object.entries(history.weeklyPoints).sort().slice(-maxWeeks)),
  };
}

export function tenantKey(platform: string, tenant: string): string {
  return [platform, tenant].map(encodeURIComponent).join(':');
}

function rosterSet(platform: string, tenant: string): string {
  return `roster:${tenantKey(platform, tenant)}`;
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
