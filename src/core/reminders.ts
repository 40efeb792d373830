import { addDays, computeStreak } from '../drills/streak.ts';
import { answeredQuestions, assignmentProgress } from './assignments.ts';
import type { Assignment, Cohort } from './cohort-records.ts';
import { isValidTimeZone, localDate } from './daily-question.ts';
import { type DrillSchedule, isScheduled } from './drill-schedule.ts';
import type { HistoryRecord, MemberSettings } from './records.ts';

/**
 * Which reminders are due for one member now. Pure: the reminder scheduler reads the records, asks
 * here, and sends at most one direct message a day holding every item due. `reminderChances` needs no
 * history, so members for whom nothing can be due are skipped before their history is read.
 */

/** One thing a reminder says. */
export type ReminderItem =
  | { kind: 'daily'; cohort: string }
  | { kind: 'streak'; streak: number }
  | { kind: 'assignment'; cohort: string; assignment: Assignment; remaining: number };

/** From this member-local time the streak-at-risk note may go out. */
export const streakEveningTime = '19:00';

/** The parts of a member's settings reminders read. */
export type ReminderMember = Pick<MemberSettings, 'timezone' | 'cohorts' | 'remind' | 'streakAlert'>;

/**
 * The member's zone: their own, else that of their first cohort (in the order they joined), else the
 * workspace's. The same whichever cohort the scheduler found them in, so the day's claim is one key.
 */
export function reminderTimeZone(member: ReminderMember, cohorts: Cohort[], workspaceZone: string): string {
  const joined = member.cohorts
    .map((channel) => cohorts.find((cohort) => cohort.drillChannel === channel))
    .find((cohort) => cohort !== undefined);
  const candidates = [member.timezone, (joined ?? cohorts[0])?.timezone, workspaceZone];
  return candidates.find((zone): zone is string => !!zone && isValidTimeZone(zone)) ?? 'UTC';
}

/** Local date, weekday and HH:MM at `now` in a zone. */
export function localMoment(now: number, timeZone: string): { date: string; weekday: number; time: string } {
  const parts = momentFormatter(timeZone).formatToParts(new Date(now));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const date = localDate(now, timeZone);
  return { date, weekday: weekdays.indexOf(get('weekday')), time: `${get('hour')}:${get('minute')}` };
}

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const momentFormatters = new Map<string, Intl.DateTimeFormat>();

function momentFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = momentFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    momentFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether the cohort posts a drill on its local day at `now` (its time of day aside). */
export function postsDrillToday(cohort: DrillSchedule, now: number): boolean {
  if (!isScheduled(cohort) || !isValidTimeZone(cohort.timezone)) return false;
  const local = localMoment(now, cohort.timezone);
  return cohort.weekdays.includes(local.weekday) && !cohort.skipDates.includes(local.date);
}

/** What could be due from the settings and the clock alone; the history then decides. */
export interface ReminderChances {
  /** The cohort whose drill today the daily reminder is about. */
  daily: string | null;
  streak: boolean;
  /** Assignments due tomorrow (cohort-local) whose reminder time has come, with their cohort. */
  assignments: { cohort: string; assignment: Assignment }[];
}

export function reminderChances(
  member: ReminderMember,
  cohorts: Cohort[],
  now: number,
  timeZone: string,
): ReminderChances {
  const none: ReminderChances = { daily: null, streak: false, assignments: [] };
  if (member.remind === 'off') return none;
  const local = localMoment(now, timeZone);
  const daily =
    member.remind !== null && local.time >= member.remind
      ? (cohorts.find((cohort) => postsDrillToday(cohort, now))?.drillChannel ?? null)
      : null;
  return {
    daily,
    streak: member.streakAlert && local.time >= streakEveningTime,
    assignments: cohorts.flatMap((cohort) =>
      assignmentsDueTomorrow(cohort, now).map((assignment) => ({ cohort: cohort.drillChannel, assignment })),
    ),
  };
}

/** Assignments due on the cohort's next local day, once the cohort's drill time has come today. */
export function assignmentsDueTomorrow(cohort: Cohort, now: number): Assignment[] {
  if (cohort.assignments.length === 0 || !isValidTimeZone(cohort.timezone)) return [];
  const local = localMoment(now, cohort.timezone);
  if (local.time < cohort.drillTime) return [];
  const tomorrow = addDays(local.date, 1);
  return cohort.assignments.filter((assignment) => assignment.due === tomorrow);
}

export function hasChances(chances: ReminderChances): boolean {
  return chances.daily !== null || chances.streak || chances.assignments.length > 0;
}

/**
 * The items due now: the daily reminder and the streak note when the member has not practised today
 * (member-local; a graded or a peer-scored answer), the streak note only for a run of two days or
 * more; an assignment reminder for each assignment due tomorrow that the member has not finished
 * (peer-scored answers count).
 */
export function dueReminders(
  chances: ReminderChances,
  history: HistoryRecord,
  cohorts: Cohort[],
  now: number,
  timeZone: string,
): ReminderItem[] {
  const today = localDate(now, timeZone);
  // activeDays were written in the zone the coach used then; the answers say it in this one too. A
  // peer-scored round is practice as much as a graded answer.
  const practisedToday =
    history.activeDays.includes(today) ||
    answeredQuestions(history).some(
      (attempt) => attempt.at > now - 2 * 86_400_000 && localDate(attempt.at, timeZone) === today,
    );
  const items: ReminderItem[] = [];
  for (const { cohort, assignment } of chances.assignments) {
    const zone = cohorts.find((candidate) => candidate.drillChannel === cohort)?.timezone ?? timeZone;
    const progress = assignmentProgress(assignment, cohort, answeredQuestions(history), localDate(now, zone));
    if (progress.status !== 'done') {
      items.push({ kind: 'assignment', cohort, assignment, remaining: progress.remaining.length });
    }
  }
  if (practisedToday) return items;
  if (chances.streak) {
    const streak = computeStreak(history.activeDays, today);
    if (streak.current >= 2) items.push({ kind: 'streak', streak: streak.current });
  }
  if (chances.daily !== null) items.push({ kind: 'daily', cohort: chances.daily });
  return items;
}
