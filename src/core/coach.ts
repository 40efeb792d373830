import type { QuestionPack } from '../content/pack-schema.ts';
import type { Leaderboard } from '../drills/leaderboard.ts';
import { UserFacingError } from '../errors.ts';
import { createAnswerGrading } from './answer-grading.ts';
import type { CoachContext } from './coach-context.ts';
import {
  type AssignmentView,
  type AssignRequest,
  createAssignments,
  type MemberAssignment,
} from './cohort-assignments.ts';
import type { CohortReport } from './cohort-report.ts';
import { type CohortExport, createCohortRosters, type ExportOptions } from './cohort-rosters.ts';
import type { CohortView, TenantConfigChange, TenantConfigView } from './cohort-settings.ts';
import { type ConfigOutcome, createCohorts } from './cohorts.ts';
import { createDashboard } from './dashboard.ts';
import type { DashboardLink, DashboardLinkSigner, DashboardReads } from './dashboard-types.ts';
import { createDrillSessions } from './drill-sessions.ts';
import type { FeedbackModel } from './feedback-model.ts';
import { Gate } from './gate.ts';
import { createEventHandler } from './handle-event.ts';
import type { Logger } from './logger.ts';
import { messages } from './messages.ts';
import { createPairing, defaultPairWaitMinutes, type Pairing } from './pairing/pairing.ts';
import type { Actor, Clock, InboundEvent, Outbox, SessionStore } from './ports.ts';
import type { ProgressReport } from './progress.ts';
import type { MemberSettings } from './records.ts';
import { createReports } from './reports.ts';
import type { Roster } from './roster.ts';
import { createSessionSteps } from './session-steps.ts';
import { createSessions } from './sessions.ts';
import { createSettings, type MemberSettingsChange } from './settings.ts';
import { createSettingsCache } from './settings-cache.ts';
import { createTenantLifecycle, defaultRetentionDays, type TenantRemovalReason } from './tenant-lifecycle.ts';
import type { Transcriber } from './transcriber.ts';
import { createVoiceAnswers } from './voice-answers.ts';

export const defaultMaxAudioSeconds = 300;

export interface CoachDependencies {
  store: SessionStore;
  packs: Map<string, QuestionPack>;
  feedback: FeedbackModel;
  clock: Clock;
  logger: Logger;
  defaultPackId?: string;
  random?: () => number;
  newId?: () => string;
  /** Events worked on at once; more wait their turn (see Gate). */
  maxConcurrentEvents?: number;
  /** Signs dashboard links (the web adapter, when STARCOACH_WEB_SECRET is set); without it the dashboard is off. */
  dashboardLinks?: DashboardLinkSigner;
  /** Speech to text for spoken answers; without it members are told how to turn voice answers on. */
  transcriber?: Transcriber | null;
  /** The longest recording transcribed, in seconds (STARCOACH_MAX_AUDIO_SECONDS); 300 by default. */
  maxAudioSeconds?: number;
  /** How long a member waits in the peer-pairing queue (STARCOACH_PAIR_WAIT_MINUTES); 15 by default. */
  pairWaitMinutes?: number;
  /** Days a removed workspace's or server's data is kept before it is deleted (STARCOACH_RETENTION_DAYS); 30 by default. */
  retentionDays?: number;
}

export interface Coach {
  /** The inbound port: adapters hand every event here and render what comes back through `out`. */
  handle(event: InboundEvent, out: Outbox): Promise<void>;
  /** The member's own figures, with their assignments (open ones first). */
  progress(actor: Actor): Promise<ProgressReport & { assignments: MemberAssignment[] }>;
  forget(actor: Actor): Promise<number>;
  /**
   * The workspace's or server's settings and cohorts (defaults until an admin sets them), for the
   * adapter's own use (a timezone, the instructor role). Never show it to a member: see
   * `showTenantConfig`.
   */
  tenantConfig(platform: string, tenant: string): Promise<TenantConfigView>;
  /** The same for `actor` to see: admins and instructors (per `actor.roles`). Throws UserFacingError. */
  showTenantConfig(actor: Actor): Promise<TenantConfigView>;
  /**
   * Changes the cohort in `channel` (or the one `change.drillChannel` names; null removes it), making it
   * on first configuration, and the workspace's instructor role. Admins and instructors only; a cohort
   * someone else teaches only by them or an admin. Throws UserFacingError.
   */
  configureCohort(actor: Actor, channel: string | null, change: TenantConfigChange): Promise<ConfigOutcome>;
  /** One cohort's settings: the one in `channel`, or with null the one cohort the actor teaches. */
  showCohort(actor: Actor, channel: string | null): Promise<CohortView>;
  /** The cohorts the actor teaches; every one for an admin. Throws UserFacingError for members. */
  listCohorts(actor: Actor): Promise<CohortView[]>;
  addCohortMembers(
    actor: Actor,
    channel: string | null,
    users: string[],
    role: 'member' | 'instructor',
  ): Promise<CohortView>;
  removeCohortMember(actor: Actor, channel: string | null, user: string): Promise<CohortView>;
  /** Sets a cohort work due by a date; its instructors and admins only. Throws UserFacingError. */
  assign(actor: Actor, channel: string | null, request: AssignRequest): Promise<AssignmentView>;
  /** The member's own assignments with their status, open ones first. */
  assignments(actor: Actor): Promise<MemberAssignment[]>;
  memberSettings(actor: Actor): Promise<MemberSettings>;
  /** A member's own timezone, leaderboard opt-in and reminders. Throws UserFacingError on a bad value. */
  updateMemberSettings(actor: Actor, change: MemberSettingsChange): Promise<MemberSettings>;
  /** This week's points for members who opted in, with the asker's own row. */
  leaderboard(actor: Actor): Promise<Leaderboard>;
  /**
   * A cohort's participation and weak spots over `periodDays` (30 by default): its instructors and
   * admins only. Throws UserFacingError.
   */
  cohortReport(
    actor: Actor,
    channel?: string | null,
    periodDays?: number,
  ): Promise<CohortReport & { cohort: string | null }>;
  /**
   * Per member of a cohort over the last `periodDays` (7, 30 or 90): last active, answers, average,
   * trend, streak, assignments; least active first. Its instructors and admins only.
   */
  roster(actor: Actor, channel: string | null, periodDays?: number): Promise<Roster>;
  /** One CSV row per graded answer in a cohort since a date (or over a period); as `roster` for who may. */
  exportCsv(actor: Actor, channel: string | null, options?: ExportOptions): Promise<CohortExport>;
  /** The web dashboard's reads; each checks the signed link's viewer again. Throws UserFacingError. */
  readonly dashboard: DashboardReads;
  /**
   * A private dashboard link for `actor`: admins' and instructors' cover the cohorts they may see,
   * anyone else's only their own page. Throws UserFacingError DASHBOARD_OFF without a signer.
   */
  dashboardLink(actor: Actor): Promise<DashboardLink>;
  readonly packs: Map<string, QuestionPack>;
  /** The coach's clock: adapters time their own caches with it and never read the machine's time. */
  readonly clock: Clock;
  /** Events being worked on and events waiting at the gate, now (for metrics). */
  load(): { active: number; waiting: number };
  /**
   * The app was removed from a workspace or server (uninstalled, its tokens revoked, the bot removed):
   * every record of that tenant is deleted once the retention period has passed.
   */
  tenantRemoved(platform: string, tenant: string, reason: TenantRemovalReason): Promise<void>;
  /** The app was installed again: a pending deletion is called off. */
  tenantRestored(platform: string, tenant: string): Promise<void>;
  /** Peer mock interviews: the pairing queue, blocks, and the sweep every instance runs. */
  readonly pairing: Pairing;
}

/**
 * Builds the platform-free coach from its parts: sessions, answer grading, daily drills, settings,
 * reports and the settings cache, all sharing one context; `handle` routes each event to them.
 */
export function createCoach(deps: CoachDependencies): Coach {
  const { store, packs, feedback, clock, logger } = deps;
  const random = deps.random ?? Math.random;
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const gate = new Gate(deps.maxConcurrentEvents ?? 32);
  const defaultPackId = deps.defaultPackId ?? packs.keys().next().value ?? 'medical-coding';

  function packOf(id: string): QuestionPack {
    const pack = packs.get(id);
    if (!pack) throw new UserFacingError('UNKNOWN_PACK', messages.unknownPack(id, [...packs.keys()]));
    return pack;
  }

  const context: CoachContext = {
    store,
    packs,
    feedback,
    clock,
    logger,
    random,
    newId,
    gate,
    defaultPackId,
    packOf,
  };
  const caches = createSettingsCache(context);
  const steps = createSessionSteps(context, caches);
  const grading = createAnswerGrading(context, steps);
  const voice = createVoiceAnswers(context, grading, {
    transcriber: deps.transcriber ?? null,
    maxSeconds: deps.maxAudioSeconds ?? defaultMaxAudioSeconds,
  });
  const sessions = createSessions(context, steps, grading);
  const cohorts = createCohorts(context, caches);
  const assignments = createAssignments(context, cohorts);
  const drills = createDrillSessions(context, caches, steps, sessions, assignments);
  const rosters = createCohortRosters(context, cohorts);
  const { dashboardLink, ...dashboard } = createDashboard(context, cohorts, rosters, deps.dashboardLinks);

  return {
    packs,
    clock,
    load: () => gate.load,
    handle: createEventHandler(context, { sessions, grading, drills, steps, voice }),
    forget: (actor) => store.forgetUser(actor),
    ...createReports(context, caches, cohorts, assignments),
    ...createSettings(context, caches),
    tenantConfig: cohorts.tenantConfig,
    showTenantConfig: cohorts.showTenantConfig,
    configureCohort: cohorts.configureCohort,
    showCohort: cohorts.showCohort,
    listCohorts: cohorts.listCohorts,
    addCohortMembers: cohorts.addCohortMembers,
    removeCohortMember: cohorts.removeCohortMember,
    assign: assignments.assign,
    assignments: (actor) => assignments.memberAssignments(actor),
    ...rosters,
    dashboard,
    dashboardLink,
    ...createTenantLifecycle(context, deps.retentionDays ?? defaultRetentionDays),
    pairing: createPairing(context, caches, deps.pairWaitMinutes ?? defaultPairWaitMinutes),
  };
}
