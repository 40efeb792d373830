import type { PairSession } from './pairing/pair-records.ts';
import type { Actor } from './ports.ts';
import type {
  AnswerLogEntry,
  HistoryRecord,
  MemberSettings,
  SessionRecord,
  TenantConfig,
  ThreadRecord,
} from './records.ts';

/**
 * The store port: what the coach and the drill scheduler keep. Per-user records (sessions, history,
 * settings), workspace records (settings, rosters, posted drills' threads) and claims that hold
 * across every instance. `src/store/` implements it on Keyv.
 */
export interface SessionStore {
  /**
   * Runs a read-modify-write for one user: in arrival order inside this process, and again from fresh
   * reads when a session write finds that another instance changed the session since it was read.
   */
  withUser<T>(actor: Actor, task: () => Promise<T>): Promise<T>;
  /** True the first time a platform delivery is seen, false for every re-delivery, on every instance. */
  claimDelivery(platform: string, deliveryId: string): Promise<boolean>;
  /** A claim on any key (a drill post, a job): true for exactly one caller until `ttlMs` passes. */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives up a claim, so work that failed after claiming can be tried again. */
  releaseClaim(key: string): Promise<void>;
  getSession(owner: Actor, channel: string): Promise<SessionRecord | undefined>;
  /** Compare-and-set on a session read from the store: a conflict makes `withUser` run its task again. */
  putSession(session: SessionRecord): Promise<void>;
  /**
   * Stores a session whose turn holds a new pending answer; this is the answer delivery's claim: false,
   * and nothing written, when that delivery's answer was stored before.
   */
  acceptAnswer(session: SessionRecord): Promise<boolean>;
  /**
   * True when the answer of that delivery was stored in this session's place: the place keeps its
   * recent delivery ids (a new session there too), so a re-delivery is known without a claim of its own.
   */
  storedAnswer(session: SessionRecord, deliveryId: string): boolean;
  deleteSession(owner: Actor, channel: string): Promise<void>;
  /** Where a thread points: a member's own session, or a posted daily drill. */
  findThread(platform: string, tenant: string, thread: string): Promise<ThreadRecord | undefined>;
  /** Binds a thread to a session and notes it on the session, whatever else changed there since. */
  bindSessionThread(session: SessionRecord, thread: string): Promise<void>;
  /** The thread under a posted daily drill: workspace data, so forget leaves it. */
  bindDrillThread(
    platform: string,
    tenant: string,
    thread: string,
    channel: string,
    date: string,
  ): Promise<void>;
  getHistory(actor: Actor): Promise<HistoryRecord>;
  /** Many members' histories at once (a roster of thousands), in the actors' order. */
  getHistories(actors: readonly Actor[]): Promise<HistoryRecord[]>;
  /**
   * Applies `change` to the current history (again if another instance wrote first); with a `key` it
   * applies once however often it is retried. Returns the history as it was before.
   */
  updateHistory(
    actor: Actor,
    change: (history: HistoryRecord) => HistoryRecord,
    key?: string,
  ): Promise<HistoryRecord>;
  getMemberSettings(actor: Actor): Promise<MemberSettings>;
  /** Many members' settings at once, in the actors' order. */
  getMemberSettingsMany(actors: readonly Actor[]): Promise<MemberSettings[]>;
  /** Applies `change` to the member's current settings, again if another change landed first. */
  updateMemberSettings(
    actor: Actor,
    change: (settings: MemberSettings) => MemberSettings,
  ): Promise<MemberSettings>;
  /** Who practises in a workspace or server, for its leaderboard and cohort report. */
  getRoster(platform: string, tenant: string): Promise<string[]>;
  /** Adds the user to their workspace's roster once; cheap to call on every answer. */
  joinRoster(actor: Actor): Promise<void>;
  getTenantConfig(platform: string, tenant: string): Promise<TenantConfig>;
  /** Applies `change` to the current settings, again if another admin's change landed first. */
  updateTenantConfig(
    platform: string,
    tenant: string,
    change: (config: TenantConfig) => TenantConfig,
  ): Promise<TenantConfig>;
  /** The workspaces with a drill schedule, by tenant key, so the scheduler need not list keys. */
  getScheduledTenants(): Promise<string[]>;
  markScheduled(platform: string, tenant: string, scheduled: boolean): Promise<void>;
  /** Who belongs to a cohort (its channel) as a set of its own: two joining at once both land. */
  cohortMembers(platform: string, tenant: string, channel: string): Promise<string[]>;
  /** Adds the user to a cohort's set; cheap to call on every drill answer. */
  joinCohort(actor: Actor, channel: string): Promise<void>;
  leaveCohort(actor: Actor, channel: string): Promise<void>;
  /**
   * Keeps the redacted text of graded answers, by month, for exports and the member's own page. With a
   * `key` (the answer's delivery) it is kept once however often it is retried.
   */
  logAnswers(actor: Actor, entries: AnswerLogEntry[], key?: string): Promise<void>;
  /** The logged answers from `since` on (ms), oldest first. */
  loggedAnswers(actor: Actor, since: number): Promise<AnswerLogEntry[]>;
  /** Deletes every record the user owns, in every namespace; returns how many were removed. */
  forgetUser(actor: Actor): Promise<number>;
  /**
   * Marks a workspace's or server's data for deletion at `dueAt` (ms), seen by every instance; a later
   * call moves the date.
   */
  scheduleTenantDeletion(platform: string, tenant: string, dueAt: number, reason: string): Promise<void>;
  /** Calls off a pending deletion (the app was installed again); true when one was pending. */
  cancelTenantDeletion(platform: string, tenant: string): Promise<boolean>;
  /** Pending deletions whose date has come by `now`, earliest first. */
  dueTenantDeletions(now: number): Promise<TenantDeletionDue[]>;
  /**
   * Deletes everything a workspace or server left in the store (every record, its sets, its place in
   * shared sets, its pending deletion), whatever the namespace; returns how many were removed.
   */
  purgeTenant(platform: string, tenant: string): Promise<number>;
  /** The entries waiting in a peer-pairing queue (a workspace's, or a cohort's), as stored. */
  pairQueue(queue: string): Promise<string[]>;
  /** Adds an entry; each is a set member of its own, so members joining at once all land. */
  joinPairQueue(queue: string, entry: string): Promise<void>;
  leavePairQueue(queue: string, entry: string): Promise<void>;
  /** Queues that may have someone waiting, for the sweep that matches stragglers and ends long waits. */
  pairQueues(): Promise<string[]>;
  /** Forgets a queue the sweep found empty; false (and kept) when someone joined meanwhile. */
  dropPairQueue(queue: string): Promise<boolean>;
  getPairSession(platform: string, tenant: string, id: string): Promise<PairSession | undefined>;
  /**
   * Compare-and-set on a peer session: `change` sees the current record (again if another instance
   * wrote first) and returns the next one, or null to leave it. Returns the record as stored after.
   */
  updatePairSession(
    platform: string,
    tenant: string,
    id: string,
    change: (current: PairSession | undefined) => PairSession | null,
  ): Promise<PairSession | undefined>;
  deletePairSession(platform: string, tenant: string, id: string): Promise<void>;
  /** Peer sessions running on any instance, for the sweep that ends idle ones. */
  activePairSessions(): Promise<{ platform: string; tenant: string; id: string }[]>;
  /**
   * Ids of the tenant's peer sessions held in a space (a message or a member leaving there), or with a
   * member (a lost scorecard asked for again). Kept with the session by updatePairSession and
   * deletePairSession; may name a session just ended, so callers read each id.
   */
  pairSessionsBy(platform: string, tenant: string, by: PairSessionLookup): Promise<string[]>;
}

export type PairSessionLookup = { space: string } | { member: string };

export interface TenantDeletionDue {
  platform: string;
  tenant: string;
  dueAt: number;
  reason: string;
}
