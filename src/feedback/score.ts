/**
 * The score (1–5) and the thin rule, each in one place.
 *
 * Score: quality q in [0, 1] is the share of key points covered; for behavioral questions it is
 * half STAR (present 1, thin ½, missing 0, averaged over the four parts) and half key points.
 * q ≥ 0.8 → 5, ≥ 0.55 → 4, ≥ 0.3 → 3, ≥ 0.1 → 2, else 1. Then: a missing action or result caps at 3;
 * fewer than 35 words of real sentences caps at 3 and fewer than 50 at 4 (a hire-level answer needs
 * room for specifics);
 * each red flag takes a point off and any red flag caps at 2; under 12 words of real sentences, or an
 * answer that only repeats the question, scores 1. A dismissed key point ("I don't query") costs half
 * a covered one, and two dismissals (or as many as the points covered) cap at 2. An answer of 25+ words
 * that covers something, dismisses nothing and stays on the question (60% of its real sentences use
 * the rubric's words) scores at least 3 before the word-count and red-flag caps.
 *
 * Thin (the answer gets a follow-up): score ≤ 3, or any STAR part not present, or more than half
 * the key points missing.
 */
import type { StarPart, StarPartState } from '../core/grade-types.ts';

export interface ScoreInput {
  behavioral: boolean;
  covered: number;
  total: number;
  star: Record<StarPart, StarPartState> | null;
  redFlags: number;
  /** Key points the candidate negated or waved away ("I don't query"). */
  dismissed: number;
  /** Share (0–1) of the real sentences that use the rubric's words: an answer that stays on the question. */
  onTopic: number;
  /** Words in sentences that earn credit (real, not restating the question, not instructions). */
  realWords: number;
  repeatsQuestion: boolean;
}

export const MIN_REAL_WORDS = 12;
const SHORT_WORDS = 35;
const MEDIUM_WORDS = 50;
const RED_FLAG_CAP = 2;
/** A story without an action or without a result is acceptable at best. */
const MISSING_STAR_CAP = 3;
const STAR_WEIGHT = 0.5;
/** Share of on-topic sentences from which an answer that covers something is at least acceptable. */
const ON_TOPIC_FLOOR = 0.6;
/** …and says enough to judge: a one-line platitude stays where coverage puts it. */
const FLOOR_MIN_WORDS = 25;
/** A key point waved away costs this much of a covered one. */
const DISMISSED_WEIGHT = 0.5;
/** Dismissing a practice the question is about, more than once or as often as covering any: weak at best. */
const DISMISSAL_CAP = 2;

const STATE_VALUE: Record<StarPartState, number> = { present: 1, thin: 0.5, missing: 0 };

/** Average STAR value in [0, 1]. */
export function starValue(star: Record<StarPart, StarPartState>): number {
  return (
    (STATE_VALUE[star.situation] +
      STATE_VALUE[star.task] +
      STATE_VALUE[star.action] +
      STATE_VALUE[star.result]) /
    4
  );
}

/** Answer quality in [0, 1] before caps. */
export function quality(input: ScoreInput): number {
  const points =
    input.total === 0 ? 0 : Math.max(0, input.covered - DISMISSED_WEIGHT * input.dismissed) / input.total;
  if (!input.behavioral || input.star === null) return points;
  return STAR_WEIGHT * starValue(input.star) + (1 - STAR_WEIGHT) * points;
}

export function computeScore(input: ScoreInput): number {
  if (input.realWords < MIN_REAL_WORDS || input.repeatsQuestion) return 1;
  const q = quality(input);
  let score = q >= 0.8 ? 5 : q >= 0.55 ? 4 : q >= 0.3 ? 3 : q >= 0.1 ? 2 : 1;
  if (input.star && (input.star.action === 'missing' || input.star.result === 'missing')) {
    score = Math.min(score, MISSING_STAR_CAP);
  }
  // Right direction, nothing wrong, on the question throughout: acceptable with gaps, at least.
  if (
    input.covered > 0 &&
    input.dismissed === 0 &&
    input.onTopic >= ON_TOPIC_FLOOR &&
    input.realWords >= FLOOR_MIN_WORDS
  )
    score = Math.max(score, 3);
  if (input.realWords < SHORT_WORDS) score = Math.min(score, 3);
  else if (input.realWords < MEDIUM_WORDS) score = Math.min(score, 4);
  if (input.dismissed >= 2 || (input.dismissed > 0 && input.dismissed >= input.covered))
    score = Math.min(score, DISMISSAL_CAP);
  if (input.redFlags > 0) score = Math.min(score - input.redFlags, RED_FLAG_CAP);
  return Math.max(1, Math.min(5, score));
}

/** The one thin rule: thin answers, and only they, get a follow-up. */
export function isThin(
  score: number,
  star: Record<StarPart, StarPartState> | null,
  missing: number,
  total: number,
): boolean {
  if (score <= 3) return true;
  if (star && Object.values(star).some((state) => state !== 'present')) return true;
  return missing > total / 2;
}
