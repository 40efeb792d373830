import { UserFacingError } from '../errors.ts';
import { messages } from './messages.ts';

/** The periods staff reports cover, in days. */
export const reportPeriods = [7, 30, 90] as const;

/** `7d`, `30d` or `90d` (or the bare number) as days; anything else is refused with the core's sentence. */
export function parsePeriod(text: string): number {
  const match = /^(\d{1,3})d?$/i.exec(text.trim());
  const days = match ? Number(match[1]) : Number.NaN;
  assertPeriod(days, text);
  return days;
}

export function assertPeriod(days: number, shown = `${days}d`): void {
  if (!(reportPeriods as readonly number[]).includes(days)) {
    throw new UserFacingError('INVALID_PERIOD', messages.invalidPeriod(shown));
  }
}
