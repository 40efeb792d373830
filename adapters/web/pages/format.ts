import type { PeriodName } from '../query.ts';

const dayMs = 86_400_000;

/** A time as the pages show it: `2026-11-23 14:05 UTC` (the server does not know the reader's zone). */
export function dateTime(at: number): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The same words `/coach roster` uses for when a member was last active. */
export function lastActiveText(lastActive: number | null, now: number): string {
  if (lastActive === null) return 'never active';
  const days = Math.floor((now - lastActive) / dayMs);
  if (days <= 0) return 'in the last 24 hours';
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** An average with one decimal, or a dash when there is none. */
export function average(value: number | null): string {
  return value === null ? '–' : value.toFixed(1);
}

/** A trend as `/coach roster` shows it: +0.4, -0.2, = or a dash. */
export function trend(value: number | null): string {
  if (value === null) return '–';
  if (value === 0) return '=';
  return value > 0 ? `+${value.toFixed(1)}` : value.toFixed(1);
}

export function periodName(days: number): PeriodName {
  return days === 7 ? '7d' : days === 90 ? '90d' : '30d';
}

/** A path with its query, leaving out empty values. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A path segment from an id, encoded so it always stays one segment. */
export function segment(id: string): string {
  return encodeURIComponent(id);
}
