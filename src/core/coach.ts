import type { QuestionPack } from '../content/pack-schema.ts';
import type { Leaderboard } from '../drills/leaderboard.ts';
import { UserFacingError } from '../errors.ts';
import { createAnswerGrading } from './answer-grading.ts';
import type { CoachContext } from './coach-context.ts';
import type { CohortReport } from './cohort-report.ts';
import { createDrillSessions } from './drill-sessions.ts';
import type { FeedbackModel } from './feedback-model.ts';
import { Gate } from './gate.ts';
import { createEventHandler } from './handle-event.ts';
import type { Logger } from './logger.ts';
import { messages } from './messages.ts';
import type { Actor, Clock, InboundEvent, Outbox, SessionStore } from './ports.ts';
import type { ProgressReport } from './progress.ts';
import type { MemberSettings } from './records.ts';
import { createReports } from './reports.ts';
import { createSessionSteps } from './session-steps.ts';
import { createSessions } from './sessions.ts';
import { createSettings, type MemberSettingsChange } from './settings.ts';
import { createSettingsCache } from './settings-cache.ts';
import type { TenantConfigChange, TenantConfigView } from './tenant-settings.ts';

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
}

export interface Coach {
  /** The inbound port: adapters hand every event here and render what comes back through `out`. */
  handle(event: InboundEvent, out: Outbox): Promise<void>;
  progress(actor: Actor): Promise<ProgressReport>;
  forget(actor: Actor): Promise<number>;
  /**
   * The workspace's or server's settings (defaults until an admin sets them), as of the coach's clock,
   * for the adapter's own use (a timezone, the instructor role). Never show it to a member: see
   * `showTenantConfig`.
   */
  tenantConfig(platform: string, tenant: string): Promise<TenantConfigView>;
  /**
   * The settings for `actor` to see: one rule on every platform, the same as for changing them (admins
   * and instructors, per `actor.roles`). Throws UserFacingError for anyone else.
   */
  showTenantConfig(actor: Actor): Promise<TenantConfigView>;
  /** Changes settings; only admins and instructors (per `actor.roles`) may. Throws UserFacingError. */
  configureTenant(actor: Actor, change: TenantConfigChange): Promise<TenantConfigView>;
  memberSettings(actor: Actor): Promise<MemberSettings>;
  /** A member's own timezone and leaderboard opt-in. Throws UserFacingError on a bad timezone. */
  updateMemberSettings(actor: Actor, change: MemberSettingsChange): Promise<MemberSettings>;
  /** This week's points for members who opted in, with the asker's own row. */
  leaderboard(actor: Actor): Promise<Leaderboard>;
  /** The group's participation and weak spots; admins and instructors only. Throws UserFacingError. */
  cohortReport(actor: Actor): Promise<CohortReport>;
  readonly packs: Map<string, QuestionPack>;
  /** The coach's clock: adapters time their own caches with it and never read the machine's time. */
  readonly clock: Clock;
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
  const sessions = createSessions(context, steps, grading);
  const drills = createDrillSessions(context, caches, steps, sessions);

  return {
    packs,
    clock,
    handle: createEventHandler(context, { sessions, grading, drills, steps }),
    forget: (actor) => store.forgetUser(actor),
    ...createReports(context, caches),
    ...createSettings(context, caches),
  };
}
