/**
 * Streaks count consecutive local days with at least one graded answer or peer-scored round. One missed day per ISO week
 * is bridged automatically (a "freeze"), so a single busy day does not wipe out weeks of practice.
 * Dates are YYYY-MM-DD in the member's own timezone. Pure.
 */
export interface Streak {
  /** Days in the current run, today included when practised. */
  current: number;
  /** Whether today already counts. */
  practisedToday: boolean;
  /** Days bridged by freezes inside the current run. */
  frozenDays: string[];
}

export function computeStreak(activeDays: Iterable<string>, today: string): Streak {
  const active = new Set(activeDays);
  const frozenWeeks = new Set<string>();
  const frozenDays: string[] = [];
  const practisedToday = active.has(today);
  // Until today ends, not having practised yet today does not break the run.
  let day = practisedToday ? today : dayBefore(today);
  let current = 0;
  for (;;) {
    if (active.has(day)) {
      current += 1;
    } else {
      const week = isoWeek(day);
      const before = dayBefore(day);
      // A freeze bridges one missed day with practice on both sides (today, not over yet, counts as one).
      if (frozenWeeks.has(week) || !active.has(before)) break;
      frozenWeeks.add(week);
      frozenDays.push(day);
    }
    day = dayBefore(day);
  }
  return { current, practisedToday, frozenDays };
}

/**
 * `addDays(date, -1)` without going through Date: a roster walks back every member's streak day by
 * day, and parsing and formatting a Date for each step was most of its time.
 */
export function dayBefore(date: string): string {
  const day = Number(date.slice(8, 10));
  if (day <= 1 || date.length !== 10) return addDays(date, -1);
  return `${date.slice(0, 8)}${day <= 10 ? '0' : ''}${day - 1}`;
}

export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** ISO 8601 week of a date, as YYYY-Www (weeks start on Monday). */
export function isoWeek(date: string): string {
  const time = new Date(`${date}T00:00:00Z`);
  const weekday = (time.getUTCDay() + 6) % 7;
  // The Thursday of this week decides the ISO year.
  const thursday = new Date(time.getTime() + (3 - weekday) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / 86_400_000 / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
