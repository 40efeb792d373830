import type Keyv from 'keyv';
import { actorKey, tenantKey } from '../core/actor-key.ts';
import type { InstallationRecords } from '../core/installations.ts';
import type { PairSession } from '../core/pairing/pair-records.ts';
import type { Actor, Clock, SessionStore } from '../core/ports.ts';
import {
  type AnswerLog,
  type AnswerLogEntry,
  defaultMemberSettings,
  defaultTenantConfig,
  emptyHistory,
  type HistoryRecord,
  type MemberSettings,
  type SessionRecord,
  type TenantConfig,
  type ThreadRecord,
} from '../core/records.ts';
import type { PairSessionLookup, TenantDeletionDue } from '../core/store-port.ts';
import type { UsageLedger } from '../feedback/usage-ledger.ts';
import { DecodedMemo } from './decoded-memo.ts';
import { createInstallationRecords } from './installation-records.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { MemberSets } from './member-sets.ts';
import { openBackend } from './open-backend.ts';
import { pauseAfterConflict, StoreConflictError, stampOf, VersionedRecords } from './record-cas.ts';
import {
  answerLogRecord,
  historyRecord,
  memberSettingsRecord,
  pairSessionRecord,
  tenantConfigRecord,
  threadRecord,
  type UserIndex,
  userIndexRecord,
} from './records.ts';
import { SessionRecords } from './session-records.ts';
import type { StoreBackend } from './store-backend.ts';
import { ownerKey, sessionKey, threadKey, usageKey } from './store-keys.ts';
import { parseStoreUrl } from './store-url.ts';
import { TenantDeletions } from './tenant-deletions.ts';
import { belongsToTenant, purgeTenantData } from './tenant-purge.ts';
import { type RecordType, readRecord } from './versioned-record.ts';

const pairQueuesSet = 'pairqueues';
const pairSessionsSet = 'pairsessions';
const pairSessionKey = (platform: string, tenant: string, id: string) =>
  [platform, tenant, id].map(encodeURIComponent).join(':');
/** Named from the tenant key onward, so a tenant's purge finds them too. */
const pairIndexSet = (platform: string, tenant: string, by: PairSessionLookup) =>
  'space' in by
    ? `pairidx:${tenantKey(platform, tenant)}:space:${encodeURIComponent(by.space)}`
    : `pairidx:${tenantKey(platform, tenant)}:member:${encodeURIComponent(by.member)}`;
const pairLookups = (session: PairSession): PairSessionLookup[] => [
  ...(session.space ? [{ space: session.space }] : []),
  ...session.members.map((member) => ({ member })),
];
/** A queue's name starts with its tenant's key, so a tenant's purge finds its queues too. */
const pairQueueSet = (queue: string) => `pairq:${queue}`;

export const namespaces = [
  'sessions',
  'threads',
  'history',
  'usage',
  'members',
  'rosters',
  'tenants',
  'index',
  'answers',
  'deletions',
  'installations',
  'pairs',
] as const;
type Namespace = (typeof namespaces)[number];
/**
 * Records that are read, changed and written back, so written with compare-and-set. Threads are only
 * ever set; rosters and the list of scheduled workspaces are sets (see member-sets.ts).
 */
const versioned: ReadonlySet<Namespace> = new Set([
  'sessions',
  'history',
  'usage',
  'members',
  'tenants',
  'index',
  'answers',
  'deletions',
  'pairs',
]);

/**
 * Records read far more often than written, and in bulk (rosters, reminder ticks, every turn's
 * settings): kept decoded in memory, checked against the stored text on each read (decoded-memo.ts).
 * Values read from them are frozen; changes go through update functions that return new values.
 */
const memoized: ReadonlySet<Namespace> = new Set(['history', 'members', 'tenants']);
/** Stored text kept decoded, in characters: about 2,000 full histories. */
const memoBudgetChars = 96 * 1024 * 1024;

/** A delivery id is remembered this long; platforms re-deliver within minutes, not weeks. */
const claimTtlMs = 7 * 24 * 60 * 60 * 1000;
/** History keeps the most recent attempts only; enough for weak areas and progress. */
const maxAttempts = 200;
const maxSessions = 200;
const maxActiveDays = 400;
const maxWeeks = 12;
const indexCacheMs = 60_000;
const indexCacheLimit = 50_000;
/** A day's token count matters only for that day's budget. */
const usageTtlMs = 3 * 24 * 60 * 60 * 1000;
/** Offline grading takes milliseconds; this covers a busy instance's queue too. */
const defaultAnswerLeaseMs = 10_000;
/** A task that lost a race runs again; this many losses in a row point at a bug, not at load. */
const maxTaskRuns = 20;

export interface OpenStoreOptions {
  url: string;
  cwd: string;
  clock: Clock;
  /** Tables, namespaces and key prefix; tests give each file its own. */
  prefix?: string;
  /** How long opening a server store may take; 5 s when unset. */
  connectTimeoutMs?: number;
  /**
   * How long an answer being graded belongs to the instance grading it: another instance that finds
   * it pending waits this long before it takes it over (that instance may have died). Longer than a
   * whole grade, LLM retries included.
   */
  answerLeaseMs?: number;
  /** Wraps the backend once it is open (metrics time each round trip). */
  wrapBackend?: (backend: StoreBackend) => StoreBackend;
}

/**
 * Per-user state on Keyv's tables and keys. Every key is scoped by actor, so one user's calls can
 * never read another's records, and every key a user owns is listed in their index so `forget` can
 * delete it on any backend. Records that are read and written back carry a version and are written
 * with compare-and-set (record-cas.ts), so no update is lost between processes or instances.
 */
export class CoachStore implements SessionStore {
  readonly #backend: StoreBackend;
  readonly #clock: Clock;
  readonly #keyvs: Record<Namespace, Keyv>;
  readonly #records: VersionedRecords;
  readonly #sessions: SessionRecords;
  readonly #sets: MemberSets;
  readonly #deletions: TenantDeletions;
  /** Platform apps installed per workspace (Slack's OAuth installs), with their tokens: secrets. */
  readonly installations: InstallationRecords;
  readonly #queue = new KeyedQueue();
  /** Index entries known to be written, so a hot path does not re-read the index on every write. */
  readonly #indexed = new Map<string, number>();

  constructor(backend: StoreBackend, clock: Clock, answerLeaseMs = defaultAnswerLeaseMs) {
    this.#backend = backend;
    this.#clock = clock;
    this.#keyvs = Object.fromEntries(namespaces.map((name) => [name, backend.keyv(name)])) as Record<
      Namespace,
      Keyv
    >;
    this.#records = new VersionedRecords(backend, () => clock.now(), {
      memo: new DecodedMemo(memoBudgetChars),
      namespaces: memoized,
    });
    this.#sessions = new SessionRecords(this.#records, clock, answerLeaseMs);
    this.#sets = new MemberSets(backend, this.#keyvs, clock);
    this.#deletions = new TenantDeletions(backend, this.#records);
    this.installations = createInstallationRecords(this.#keyvs.installations);
  }

  static async open(options: OpenStoreOptions): Promise<CoachStore> {
    const location = parseStoreUrl(options.url, options.cwd);
    const backend = await openBackend(location, {
      prefix: options.prefix ?? 'starcoach',
      now: () => options.clock.now(),
      connectTimeoutMs: options.connectTimeoutMs,
    });
    const wrapped = options.wrapBackend ? options.wrapBackend(backend) : backend;
    return new CoachStore(wrapped, options.clock, options.answerLeaseMs);
  }

  get backendKind(): StoreBackend['kind'] {
    return this.#backend.kind;
  }

  /**
   * Runs a read-modify-write for one user: in arrival order inside this process, and again from fresh
   * reads whenever a session write finds that another instance changed the session since it was read
   * (StoreConflictError). So a task writes the session it read before it talks to anyone; what it
   * writes after that goes through methods that re-apply their change instead of failing.
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
   * The session in a place. While another instance grades its pending answer (it holds the answer's
   * lease), this waits for that grade, up to the lease: then the answer is this instance's to pick up.
   */
  getSession(owner: Actor, channel: string): Promise<SessionRecord | undefined> {
    return this.#sessions.get(sessionKey(owner, channel));
  }

  /**
   * Writes a session. One read from the store is written only if nobody wrote it since (else a
   * StoreConflictError, which makes withUser run its task again); a new session replaces the place's.
   */
  async putSession(session: SessionRecord): Promise<void> {
    const key = sessionKey(session.owner, session.channel);
    await this.#remember(session.owner, 'sessions', key);
    await this.#sessions.put(key, session);
  }

  /**
   * Stores a session whose turn now holds a new pending answer. The answer and its delivery id go in
   * one compare-and-set, which is the delivery's claim: false, and nothing written, when this
   * delivery's answer was stored in this place before. Other instances wait for its grade.
   */
  async acceptAnswer(session: SessionRecord): Promise<boolean> {
    const key = sessionKey(session.owner, session.channel);
    await this.#remember(session.owner, 'sessions', key);
    return this.#sessions.accept(key, session);
  }

  storedAnswer(session: SessionRecord, deliveryId: string): boolean {
    return stampOf(session)?.keys.includes(deliveryId) ?? false;
  }

  async deleteSession(owner: Actor, channel: string): Promise<void> {
    await this.#sessions.delete(sessionKey(owner, channel));
  }

  findThread(platform: string, tenant: string, thread: string): Promise<ThreadRecord | undefined> {
    return this.#readKeyv('threads', threadKey(platform, tenant, thread), threadRecord);
  }

  async bindThread(owner: Actor, channel: string, thread: string): Promise<void> {
    const record: ThreadRecord = { v: 2, kind: 'session', owner, channel };
    await this.#remember(owner, 'threads', threadKey(owner.platform, owner.tenant, thread));
    await this.#keyvs.threads.set(threadKey(owner.platform, owner.tenant, thread), record);
  }

  /**
   * Binds a thread to a session and notes it on the session, whatever else changed there since: its
   * question is already posted in that thread, so this never fails for a conflict.
   */
  async bindSessionThread(session: SessionRecord, thread: string): Promise<void> {
    await this.bindThread(session.owner, session.channel, thread);
    await this.#sessions.setThread(sessionKey(session.owner, session.channel), session.id, thread);
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

  getScheduledTenants(): Promise<string[]> {
    return this.#sets.scheduled();
  }

  /** Each workspace is a set member of its own: two instances scheduling two at once keep both. */
  markScheduled(platform: string, tenant: string, scheduled: boolean): Promise<void> {
    return this.#sets.schedule(platform, tenant, scheduled);
  }

  async getHistory(actor: Actor): Promise<HistoryRecord> {
    return (await this.#read('history', actorKey(actor), historyRecord)) ?? emptyHistory();
  }

  /** Several members' histories in a few round trips (a roster, an export), in the actors' order. */
  async getHistories(actors: readonly Actor[]): Promise<HistoryRecord[]> {
    const found = await this.#readMany('history', actors.map(actorKey), historyRecord);
    return found.map((history) => history ?? emptyHistory());
  }

  /** Replaces the user's history; a change to it goes through updateHistory. */
  async putHistory(actor: Actor, history: HistoryRecord): Promise<void> {
    await this.#replace(actor, 'history', actorKey(actor), trimHistory(history));
  }

  /**
   * Applies `change` to the user's current history, again on the fresh one whenever another instance
   * wrote first. With a `key` (the delivery of a graded answer) it applies once, however often it is
   * retried, after a crash too. Returns the history as it was before the change.
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
      const keys = key === undefined ? stamp.keys : [...stamp.keys, key];
      return { value: trimHistory(change(current)), keys };
    });
    return before === undefined ? emptyHistory() : readRecord(historyRecord, before);
  }

  async getMemberSettings(actor: Actor): Promise<MemberSettings> {
    return (await this.#read('members', actorKey(actor), memberSettingsRecord)) ?? defaultMemberSettings();
  }

  /** Several members' settings in a few round trips, in the actors' order. */
  async getMemberSettingsMany(actors: readonly Actor[]): Promise<MemberSettings[]> {
    const found = await this.#readMany('members', actors.map(actorKey), memberSettingsRecord);
    return found.map((settings) => settings ?? defaultMemberSettings());
  }

  async putMemberSettings(actor: Actor, settings: MemberSettings): Promise<void> {
    await this.#replace(actor, 'members', actorKey(actor), settings);
  }

  /** Applies `change` to the member's current settings, again if another change landed first. */
  async updateMemberSettings(
    actor: Actor,
    change: (settings: MemberSettings) => MemberSettings,
  ): Promise<MemberSettings> {
    await this.#remember(actor, 'members', actorKey(actor));
    return this.#change('members', actorKey(actor), memberSettingsRecord, defaultMemberSettings, change);
  }

  getRoster(platform: string, tenant: string): Promise<string[]> {
    return this.#sets.roster(platform, tenant);
  }

  /** Adds the user to their workspace's roster; cheap to call on every answer. */
  joinRoster(actor: Actor): Promise<void> {
    return this.#sets.join(actor);
  }

  cohortMembers(platform: string, tenant: string, channel: string): Promise<string[]> {
    return this.#sets.cohort(platform, tenant, channel);
  }

  /** Adds the user to the cohort's set and notes the cohort in their settings, so their own views find it. */
  async joinCohort(actor: Actor, channel: string): Promise<void> {
    if (!(await this.#sets.joinCohort(actor, channel))) return;
    const settings = await this.getMemberSettings(actor);
    if (settings.cohorts.includes(channel)) return;
    await this.updateMemberSettings(actor, (current) =>
      current.cohorts.includes(channel) ? current : { ...current, cohorts: [...current.cohorts, channel] },
    );
  }

  async leaveCohort(actor: Actor, channel: string): Promise<void> {
    await this.#sets.leaveCohort(actor, channel);
    const settings = await this.getMemberSettings(actor);
    if (!settings.cohorts.includes(channel)) return;
    await this.updateMemberSettings(actor, (current) => ({
      ...current,
      cohorts: current.cohorts.filter((cohort) => cohort !== channel),
    }));
  }

  async logAnswers(actor: Actor, entries: AnswerLogEntry[], key?: string): Promise<void> {
    const byMonth = new Map<string, AnswerLogEntry[]>();
    for (const entry of entries) {
      const recordKey = answerLogKey(actor, entry.at);
      byMonth.set(recordKey, [...(byMonth.get(recordKey) ?? []), entry]);
    }
    for (const [recordKey, monthEntries] of byMonth) {
      await this.#remember(actor, 'answers', recordKey);
      await this.#records.update('answers', recordKey, (raw, stamp) => {
        if (key !== undefined && stamp.keys.includes(key)) return null;
        const current = raw === undefined ? { v: 2 as const, entries: [] } : readRecord(answerLogRecord, raw);
        const next: AnswerLog = {
          v: 2,
          entries: [...current.entries, ...monthEntries].slice(-maxLoggedPerMonth),
        };
        return { value: next, keys: key === undefined ? stamp.keys : [...stamp.keys, key] };
      });
    }
  }

  async loggedAnswers(actor: Actor, since: number): Promise<AnswerLogEntry[]> {
    const entries: AnswerLogEntry[] = [];
    for (const month of monthsFrom(since, this.#clock.now())) {
      const log = await this.#read('answers', `${actorKey(actor)}|${month}`, answerLogRecord);
      if (log) entries.push(...log.entries.filter((entry) => entry.at >= since));
    }
    return entries;
  }

  async getTenantConfig(platform: string, tenant: string): Promise<TenantConfig> {
    return (
      (await this.#read('tenants', tenantKey(platform, tenant), tenantConfigRecord)) ?? defaultTenantConfig()
    );
  }

  /** Tenant settings belong to the workspace or server, not to the admin who set them: forget keeps them. */
  async putTenantConfig(platform: string, tenant: string, config: TenantConfig): Promise<void> {
    await this.#replace(null, 'tenants', tenantKey(platform, tenant), config);
  }

  /** Applies `change` to the current settings, again if another admin's change landed first. */
  updateTenantConfig(
    platform: string,
    tenant: string,
    change: (config: TenantConfig) => TenantConfig,
  ): Promise<TenantConfig> {
    return this.#change(
      'tenants',
      tenantKey(platform, tenant),
      tenantConfigRecord,
      defaultTenantConfig,
      change,
    );
  }

  /** Deletes every record the user owns, in every namespace; returns how many were removed. */
  forgetUser(actor: Actor): Promise<number> {
    return this.withUser(actor, async () => {
      const index = await this.#readIndex(actor);
      // Read before the settings go: they name the cohorts whose sets hold this user.
      const { cohorts } = await this.getMemberSettings(actor);
      let removed = 0;
      for (const entry of index.entries) {
        const namespace = entry.namespace as Namespace;
        const deleted = versioned.has(namespace)
          ? await this.#records.delete(namespace, entry.key)
          : await this.#keyvs[namespace]?.delete(entry.key);
        if (deleted) removed += 1;
      }
      await this.#records.delete('index', actorKey(actor));
      await this.#sets.leave(actor);
      for (const channel of cohorts) await this.#sets.leaveCohort(actor, channel);
      const prefix = `${actorKey(actor)}\n`;
      for (const cacheKey of this.#indexed.keys())
        if (cacheKey.startsWith(prefix)) this.#indexed.delete(cacheKey);
      return removed;
    });
  }

  scheduleTenantDeletion(platform: string, tenant: string, dueAt: number, reason: string): Promise<void> {
    return this.#deletions.schedule(platform, tenant, dueAt, reason);
  }

  cancelTenantDeletion(platform: string, tenant: string): Promise<boolean> {
    return this.#deletions.cancel(platform, tenant);
  }

  dueTenantDeletions(now: number): Promise<TenantDeletionDue[]> {
    return this.#deletions.due(now);
  }

  /**
   * Deletes every record, set and set membership of a workspace or server, in every namespace (found
   * by scanning, so namespaces added later go too) and its pending deletion; returns how many were
   * removed. What this process keeps in memory about the tenant goes with them.
   */
  async purgeTenant(platform: string, tenant: string): Promise<number> {
    const key = tenantKey(platform, tenant);
    const removed = await purgeTenantData(this.#backend, key, {
      deleteRecord: (namespace, recordKey) =>
        namespace === 'sessions'
          ? this.#sessions.delete(recordKey)
          : this.#records.delete(namespace, recordKey),
    });
    for (const cacheKey of this.#indexed.keys())
      if (belongsToTenant(cacheKey.slice(0, cacheKey.indexOf('\n')), key)) this.#indexed.delete(cacheKey);
    // Joins are remembered as `<actor key>` and `<actor key>#<channel>`.
    this.#sets.forgetTenant((cached) => belongsToTenant(cached.split('#')[0]!, key));
    return removed;
  }

  pairQueue(queue: string): Promise<string[]> {
    return this.#backend.members(pairQueueSet(queue));
  }

  async joinPairQueue(queue: string, entry: string): Promise<void> {
    await this.#backend.addMember(pairQueueSet(queue), entry);
    await this.#backend.addMember(pairQueuesSet, queue);
  }

  leavePairQueue(queue: string, entry: string): Promise<void> {
    return this.#backend.removeMember(pairQueueSet(queue), entry);
  }

  pairQueues(): Promise<string[]> {
    return this.#backend.members(pairQueuesSet);
  }

  async dropPairQueue(queue: string): Promise<boolean> {
    await this.#backend.removeMember(pairQueuesSet, queue);
    // A join between the sweep's read and the removal listed the queue again before we removed it.
    if ((await this.#backend.members(pairQueueSet(queue))).length === 0) return true;
    await this.#backend.addMember(pairQueuesSet, queue);
    return false;
  }

  async getPairSession(platform: string, tenant: string, id: string): Promise<PairSession | undefined> {
    return this.#read('pairs', pairSessionKey(platform, tenant, id), pairSessionRecord);
  }

  async updatePairSession(
    platform: string,
    tenant: string,
    id: string,
    change: (current: PairSession | undefined) => PairSession | null,
  ): Promise<PairSession | undefined> {
    let after: PairSession | undefined;
    const { before } = await this.#records.update('pairs', pairSessionKey(platform, tenant, id), (raw) => {
      const current = raw === undefined ? undefined : readRecord(pairSessionRecord, raw);
      const next = change(current);
      after = next ?? current;
      return next ? { value: next } : null;
    });
    if (after && before === undefined) {
      await this.#backend.addMember(pairSessionsSet, pairSessionKey(platform, tenant, id));
      for (const by of pairLookups(after))
        await this.#backend.addMember(pairIndexSet(platform, tenant, by), id);
    }
    return after;
  }

  async deletePairSession(platform: string, tenant: string, id: string): Promise<void> {
    const key = pairSessionKey(platform, tenant, id);
    const session = await this.getPairSession(platform, tenant, id);
    await this.#records.delete('pairs', key);
    await this.#backend.removeMember(pairSessionsSet, key);
    for (const by of session ? pairLookups(session) : [])
      await this.#backend.removeMember(pairIndexSet(platform, tenant, by), id);
  }

  pairSessionsBy(platform: string, tenant: string, by: PairSessionLookup): Promise<string[]> {
    return this.#backend.members(pairIndexSet(platform, tenant, by));
  }

  async activePairSessions(): Promise<{ platform: string; tenant: string; id: string }[]> {
    return (await this.#backend.members(pairSessionsSet)).flatMap((key) => {
      const parts = key.split(':').map(decodeURIComponent);
      return parts.length === 3 ? [{ platform: parts[0]!, tenant: parts[1]!, id: parts[2]! }] : [];
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

  /** Hands answers still being graded here over to other instances, then closes the connection. */
  async close(): Promise<void> {
    await this.#sessions.releaseLeases();
    await this.#backend.close();
  }

  async #read<T extends { v: number }>(
    namespace: Namespace,
    key: string,
    type: RecordType<T>,
  ): Promise<T | undefined> {
    return (await this.#readMany(namespace, [key], type))[0];
  }

  #readMany<T extends { v: number }>(
    namespace: Namespace,
    keys: readonly string[],
    type: RecordType<T>,
  ): Promise<(T | undefined)[]> {
    return this.#records.readValues(namespace, keys, (value) => readRecord(type, value));
  }

  async #readKeyv<T extends { v: number }>(
    namespace: Namespace,
    key: string,
    type: RecordType<T>,
  ): Promise<T | undefined> {
    const raw: unknown = await this.#keyvs[namespace].get(key);
    return raw === undefined ? undefined : readRecord(type, raw);
  }

  /** Writes `value` over whatever the record holds by then (its version still moves on). */
  async #replace(owner: Actor | null, namespace: Namespace, key: string, value: unknown): Promise<void> {
    if (owner) await this.#remember(owner, namespace, key);
    await this.#records.update(namespace, key, () => ({ value }));
  }

  /** `change` applied to the current record (or its default) with compare-and-set; returns the result. */
  async #change<T extends { v: number }>(
    namespace: Namespace,
    key: string,
    type: RecordType<T>,
    fallback: () => T,
    change: (current: T) => T,
  ): Promise<T> {
    let next = fallback();
    await this.#records.update(namespace, key, (raw) => {
      next = change(raw === undefined ? fallback() : readRecord(type, raw));
      return { value: next };
    });
    return next;
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
    return (await this.#read('index', ownerKey(owner), userIndexRecord)) ?? { v: 1, entries: [] };
  }
}

/** A month's answers are kept up to this many; a month past it is a bot, not a member. */
const maxLoggedPerMonth = 1000;

function answerLogKey(actor: Actor, at: number): string {
  return `${actorKey(actor)}|${new Date(at).toISOString().slice(0, 7)}`;
}

/** YYYY-MM of every month from `since` to `now`, both included. */
function monthsFrom(since: number, now: number): string[] {
  const months: string[] = [];
  const cursor = new Date(Math.max(0, since));
  cursor.setUTCDate(1);
  cursor.setUTCHours(0, 0, 0, 0);
  while (cursor.getTime() <= now && months.length < 240) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
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
