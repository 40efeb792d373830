import { Cron } from 'croner';
import type { Cohort } from './cohort-records.ts';
import { localDate } from './daily-question.ts';

/** The parts of a cohort its drill schedule reads. */
export type DrillSchedule = Pick<Cohort, 'drillTime' | 'timezone' | 'weekdays' | 'paused' | 'skipDates'>;

/** Whether the cohort posts drills at all: not paused, some weekdays. */
export function isScheduled(config: DrillSchedule): boolean {
  return !config.paused && config.weekdays.length > 0;
}

/**
 * The next post time after `after`, computed in the cohort's timezone by croner, so 09:00 stays
 * 09:00 local across daylight-saving changes (adding 24 hours would drift by an hour twice a year).
 */
export function nextDrillPost(config: DrillSchedule, after: number): { at: number; date: string } | null {
  if (!isScheduled(config)) return null;
  const [hour, minute] = config.drillTime.split(':').map(Number);
  const cron = new Cron(`${minute} ${hour} * * ${[...config.weekdays].sort().join(',')}`, {
    timezone: config.timezone,
    paused: true,
  });
  let from = new Date(after);
  // Skipped dates are rare; a few dozen steps cover any realistic list.
  for (let step = 0; step < 60; step += 1) {
    const next = cron.nextRun(from);
    if (!next) return null;
    const date = localDate(next.getTime(), config.timezone);
    if (!config.skipDates.includes(date)) return { at: next.getTime(), date };
    from = next;
  }
  return null;
}

/**
 * Today's post when it is due: a scheduled weekday, not skipped, and the local post time has passed
 * while it is still the same local day. Used on every tick and at start-up, so a post missed while the
 * bot was down still goes out that day; the store's claim makes sure it goes out once.
 */
export function duePostToday(config: DrillSchedule, now: number): { date: string } | null {
  if (!isScheduled(config)) return null;
  const date = localDate(now, config.timezone);
  if (config.skipDates.includes(date)) return null;
  const { weekday, time } = localWeekdayAndTime(now, config.timezone);
  if (!config.weekdays.includes(weekday)) return null;
  return time >= config.drillTime ? { date } : null;
}

const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function localWeekdayAndTime(now: number, timeZone: string): { weekday: number; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return { weekday: weekdayIndex[get('weekday')] ?? 0, time: `${get('hour')}:${get('minute')}` };
}
