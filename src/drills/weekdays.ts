/** Day-of-week settings as people type and read them; 0 = Sunday … 6 = Saturday, as croner counts. */
/** Sunday first, as the core numbers them (0 = Sunday … 6 = Saturday). */
export const weekdayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const fullDayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const everyDay = [0, 1, 2, 3, 4, 5, 6];
const dayPresets: Record<string, number[]> = {
  weekdays: [1, 2, 3, 4, 5],
  weekends: [0, 6],
  weekend: [0, 6],
  daily: everyDay,
  everyday: everyDay,
  all: everyDay,
};

/** `mon,wed,fri`, `monday, tue`, `mon-fri`, `1,3,5`, `weekdays`, `weekends` or `daily`; null if any part is not a day. */
export function parseWeekdays(value: string): number[] | null {
  const lower = value.toLowerCase().replace(/\s+/g, '');
  const preset = dayPresets[lower];
  if (preset) return [...preset];
  const days = new Set<number>();
  for (const part of lower.split(',').filter(Boolean)) {
    const [from, to, ...extra] = part.split('-').map(dayOf);
    if (from === undefined || from === null || to === null || extra.length > 0) return null;
    if (to === undefined) {
      days.add(from);
      continue;
    }
    // A range wraps past Saturday: `fri-mon` is Friday to Monday.
    for (let day = from; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === to) break;
    }
  }
  return days.size > 0 ? [...days].sort((a, b) => a - b) : null;
}

function dayOf(token: string): number | null {
  if (/^[0-6]$/.test(token)) return Number(token);
  if (token.length < 2) return null;
  const index = fullDayNames.findIndex((name) => name.startsWith(token));
  return index === -1 ? null : index;
}

/** `Mon–Fri` for the usual week, `every day`, or the days by name. */
export function describeWeekdays(days: readonly number[]): string {
  const sorted = [...days].sort((a, b) => a - b);
  if (sorted.join() === '1,2,3,4,5') return 'Mon–Fri';
  if (sorted.length === 7) return 'every day';
  return sorted.map((day) => weekdayNames[day] ?? String(day)).join(', ') || '–';
}
