import type { Question, QuestionPack } from '../content/pack-schema.ts';

/** The calendar date (YYYY-MM-DD) at `now` in an IANA timezone. */
export function localDate(now: number, timeZone: string): string {
  const parts = dateFormatter(timeZone).formatToParts(new Date(now));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

// Building an Intl formatter costs far more than using one, and every answer needs the member's date.
const formatters = new Map<string, Intl.DateTimeFormat>();

function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    // Intl throws RangeError for an unknown zone; that is the answer, not a failure.
    return false;
  }
}

/**
 * The question of the day: the same for everyone in a workspace or server on a local date, different
 * across workspaces, and walking through the whole pack before any question repeats.
 */
export function dailyQuestion(
  pack: QuestionPack,
  tenantKey: string,
  date: string,
  level: Question['level'] | null = null,
): Question {
  const atLevel = level ? pack.questions.filter((question) => question.level === level) : [];
  // A level with no questions in this pack falls back to the whole pack rather than to nothing.
  const questions = atLevel.length > 0 ? atLevel : pack.questions;
  const day = Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  const offset = hash(`${tenantKey}|${pack.id}`) % questions.length;
  // A fixed stride coprime with the pack size visits every question once per cycle.
  const stride = coprimeStride(questions.length, hash(tenantKey));
  return questions[(offset + day * stride) % questions.length]!;
}

function coprimeStride(size: number, seed: number): number {
  if (size <= 2) return 1;
  for (let candidate = (seed % (size - 1)) + 1; ; candidate = (candidate % (size - 1)) + 1) {
    if (gcd(candidate, size) === 1) return candidate;
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** FNV-1a: small, stable across runs and machines. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/** The workspace's drill pack while it is still installed, else the default pack. */
export function drillPackId(
  configured: string | null,
  packs: ReadonlyMap<string, QuestionPack>,
  fallback: string,
): string {
  return configured && packs.has(configured) ? configured : fallback;
}
