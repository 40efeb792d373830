import { UserFacingError } from '../errors.ts';
import { isValidTimeZone, localDate } from './daily-question.ts';
import { messages } from './messages.ts';
import type { Actor } from './ports.ts';
import type { TenantConfig } from './records.ts';

export interface TenantConfigChange {
  drillChannel?: string | null;
  drillTime?: string;
  timezone?: string;
  packId?: string | null;
  /** 0 = Sunday … 6 = Saturday. */
  weekdays?: number[];
  level?: TenantConfig['level'];
  paused?: boolean;
  /** A local date (YYYY-MM-DD) to skip, added to the list; `today` is today in the workspace's timezone. */
  skipDate?: string;
  instructorRole?: string | null;
}

/** A workspace's or server's settings as the core shows them. */
export interface TenantConfigView extends TenantConfig {
  /** `skipDates` from today on, today being the coach's (its clock) in the tenant's timezone. */
  upcomingSkipDates: string[];
}

/** The settings with the skipped dates still to come, so adapters only list what the core decided. */
export function viewTenantConfig(config: TenantConfig, now: number): TenantConfigView {
  const today = isValidTimeZone(config.timezone) ? localDate(now, config.timezone) : localDate(now, 'UTC');
  return { ...config, upcomingSkipDates: config.skipDates.filter((date) => date >= today) };
}

/** Admins and instructors configure a workspace or server; the adapter says who is which. */
export function assertCanConfigure(actor: Actor): void {
  if (!actor.roles?.some((role) => role === 'admin' || role === 'instructor')) {
    throw new UserFacingError('NOT_ALLOWED', messages.notAllowedToConfigure());
  }
}

/** Applies a change after checking every field; the first bad one is named in the error. */
export function applyTenantConfigChange(
  current: TenantConfig,
  requested: TenantConfigChange,
  knownPacks: string[],
  now: number,
): TenantConfig {
  const timezone = requested.timezone ?? current.timezone;
  // "today" is resolved here, with the coach's clock, so adapters never read the time themselves.
  const change =
    requested.skipDate === 'today' && isValidTimeZone(timezone)
      ? { ...requested, skipDate: localDate(now, timezone) }
      : requested;
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
  const { skipDate, ...rest } = change;
  const skipDates = skipDate
    ? [...new Set([...current.skipDates, skipDate])].sort().slice(-60)
    : current.skipDates;
  return { ...current, ...rest, skipDates };
}
