import { UserFacingError } from '../errors.ts';
import type { Assignment, Cohort, DrillSettings } from './cohort-records.ts';
import { isValidTimeZone, localDate } from './daily-question.ts';
import { messages } from './messages.ts';
import type { TenantConfig } from './records.ts';

/** A change to a cohort's settings, or (instructorRole) to the workspace's. */
export interface TenantConfigChange {
  /** Which cohort (its channel); null removes the cohort the command names. */
  drillChannel?: string | null;
  drillTime?: string;
  timezone?: string;
  packId?: string | null;
  /** 0 = Sunday … 6 = Saturday. */
  weekdays?: number[];
  level?: Cohort['level'];
  paused?: boolean;
  /** A local date (YYYY-MM-DD) to skip, added to the list; `today` is today in the cohort's timezone. */
  skipDate?: string;
  instructorRole?: string | null;
}

/** A cohort as the core shows it. */
export interface CohortView extends Cohort {
  /** `skipDates` from today on, today being the coach's (its clock) in the cohort's timezone. */
  upcomingSkipDates: string[];
  /** Assignments not yet past their due day in the cohort's timezone, soonest due first. */
  openAssignments: Assignment[];
  members: number;
}

/** A workspace's or server's settings, for adapters' own use (the timezone, the instructor role). */
export interface TenantConfigView {
  /** The workspace's timezone: what members without their own or a cohort's use. */
  timezone: string;
  instructorRole: string | null;
  defaults: DrillSettings;
  cohorts: Cohort[];
}

export function viewTenant(config: TenantConfig): TenantConfigView {
  return {
    timezone: config.defaults.timezone,
    instructorRole: config.instructorRole,
    defaults: config.defaults,
    cohorts: Object.values(config.cohorts).sort((a, b) => a.drillChannel.localeCompare(b.drillChannel)),
  };
}

/** The cohort with the skipped dates still to come, so adapters only list what the core decided. */
export function viewCohort(cohort: Cohort, now: number, members: number): CohortView {
  const today = localDate(now, isValidTimeZone(cohort.timezone) ? cohort.timezone : 'UTC');
  return {
    ...cohort,
    upcomingSkipDates: cohort.skipDates.filter((date) => date >= today),
    openAssignments: cohort.assignments
      .filter((assignment) => assignment.due >= today)
      .sort((a, b) => a.due.localeCompare(b.due)),
    members,
  };
}

/** A new cohort in `channel`, starting from the workspace's defaults, taught by whoever made it. */
export function newCohort(channel: string, defaults: DrillSettings, creator: string, now: number): Cohort {
  return {
    ...defaults,
    drillChannel: channel,
    paused: false,
    skipDates: [],
    instructors: [creator],
    assignments: [],
    createdAt: now,
  };
}

/** Applies a change to a cohort after checking every field; the first bad one is named in the error. */
export function applyCohortChange(
  current: Cohort,
  requested: TenantConfigChange,
  knownPacks: string[],
  now: number,
): Cohort {
  const timezone = requested.timezone ?? current.timezone;
  // "today" is resolved here, with the coach's clock, so adapters never read the time themselves.
  const change =
    requested.skipDate === 'today' && isValidTimeZone(timezone)
      ? { ...requested, skipDate: localDate(now, timezone) }
      : requested;
  checkChange(change, knownPacks);
  const { skipDate, drillChannel: _channel, instructorRole: _role, ...rest } = change;
  const skipDates = skipDate
    ? [...new Set([...current.skipDates, skipDate])].sort().slice(-60)
    : current.skipDates;
  return { ...current, ...rest, skipDates };
}

function checkChange(change: TenantConfigChange, knownPacks: string[]): void {
  if (change.drillTime !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(change.drillTime)) {
    throw new UserFacingError('INVALID_TIME', messages.invalidDrillTime(change.drillTime));
  }
  if (change.timezone !== undefined && !isValidTimeZone(change.timezone)) {
    throw new UserFacingError('INVALID_TIMEZONE', messages.invalidTimeZone(change.timezone));
  }
  if (change.packId && !knownPacks.includes(change.packId)) {
    throw new UserFacingError('UNKNOWN_PACK', messages.unknownPack(change.packId, knownPacks));
  }
  if (change.weekdays?.some((day) => !Number.isInteger(day) || day < 0 || day > 6)) {
    throw new UserFacingError('INVALID_WEEKDAYS', messages.invalidWeekdays());
  }
  if (change.skipDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(change.skipDate)) {
    throw new UserFacingError('INVALID_DATE', messages.invalidDate(change.skipDate));
  }
}

/** Whether a change touches a cohort at all (else it is the workspace's instructor role alone). */
export function changesCohort(change: TenantConfigChange): boolean {
  return Object.keys(change).some((key) => key !== 'instructorRole');
}
