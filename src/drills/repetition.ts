import { addDays } from './streak.ts';

/** Where one question stands in a member's review schedule (SM-2 on the 1–5 score). */
export interface ReviewState {
  reps: number;
  ease: number;
  intervalDays: number;
  /** Local date it is due again. */
  due: string;
}

export const initialEase = 2.5;

/**
 * The next review after a graded answer. A poor answer (below 3) comes back the next day and restarts
 * the ladder; good ones climb 1, 3, then interval × ease days, the ease rising with 5s and falling
 * with 3s (never under 1.3). Pure.
 */
export function nextReview(previous: ReviewState | undefined, score: number, today: string): ReviewState {
  const ease = Math.max(
    1.3,
    (previous?.ease ?? initialEase) + 0.1 - (5 - score) * (0.08 + (5 - score) * 0.02),
  );
  if (score < 3) return { reps: 0, ease, intervalDays: 1, due: addDays(today, 1) };
  const reps = (previous?.reps ?? 0) + 1;
  const intervalDays = reps === 1 ? 1 : reps === 2 ? 3 : Math.round((previous?.intervalDays ?? 1) * ease);
  return { reps, ease, intervalDays, due: addDays(today, intervalDays) };
}

/** Review keys due on or before `today`, most overdue first. */
export function dueReviews(reviews: Record<string, ReviewState>, today: string): string[] {
  return Object.entries(reviews)
    .filter(([, state]) => state.due <= today)
    .sort(([, a], [, b]) => a.due.localeCompare(b.due) || a.ease - b.ease)
    .map(([key]) => key);
}
