import { UserFacingError } from '../errors.ts';
import type { TenantConfig } from '../store/records.ts';
import { isValidTimeZone } from './daily-question.ts';
import { messages } from './messages.ts';
import type { Actor } from './ports.ts';

export interface TenantConfigChange {
  drillChannel?: string | null;
  drillTime?: string;
  timezone?: string;
  packId?: string | null;
  /** 0 = Sunday … 6 = Saturday. */
  weekdays?: number[];
  level?: TenantConfig['level'];
  paused?: boolean;
  /** A local date (YYYY-MM-DD) to skip; added to the list. */
  skipDate?: string;
  instructorRole?: string | null;
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
  change: TenantConfigChange,
  knownPacks: string[],
): TenantConfig {
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
