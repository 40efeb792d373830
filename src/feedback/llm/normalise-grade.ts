/**
 * Turns what the model returned (shape-checked, values unchecked) into a `GradeResult` that the
 * rest of starcoach can trust, using the pack and the offline grader's guards:
 *
 * - score: rounded and clamped to 1–5; then the rubric's mechanical caps (a missing STAR part caps
 *   at 3, any red flag at 2); then the injection guard: when the offline grader found an instruction to
 *   the grader in the answer, the score may not exceed the offline score (which gave that part no
 *   credit). If the guard had to lower the score, the model was probably steered by the answer, so the
 *   offline grade's content is used as a whole (source stays 'llm': the call was made and paid for).
 * - labels: only the question's own key point and red flag labels survive (matched ignoring case
 *   and spacing, written back in the pack's spelling). A key point counts only with a quote that
 *   asserts it (not negated, not raising a red flag: `assertion.ts`); the offline grader's red flags
 *   are always kept, and a keyword list is capped near its offline score; missingPoints is
 *   recomputed as the key points not covered.
 * - evidence: a quote survives only if it occurs verbatim in the answer text sent (ignoring case and
 *   whitespace) and `for` names a key point or, for behavioral questions, a STAR part.
 * - star: null unless the question is behavioral (then the offline detection if the model gave none).
 * - followUp: asked exactly when the answer is thin, by the offline grader's rule (`isThin`). A thin
 *   answer keeps the model's follow-up unless it is empty or was already asked; otherwise the first
 *   target in the offline order (whole story, STAR result > action > task > situation, missing key
 *   points with their probe, red flags, the question's follow-ups, generic) not asked yet.
 * - reasons: the offline guard reasons, with `red-flag` set from the final red flags. The quality
 *   reasons (too-short, repeats-question, keyword-stuffing) explain a low offline score; when the model
 *   scored the answer higher, they are dropped rather than contradict the grade shown.
 */
import type { Question } from '../../content/pack-schema.ts';
import {
  type GradeReasonCode,
  type GradeResult,
  gradeReasonCodes,
  gradeResultSchema,
  type StarPart,
  starParts,
} from '../../core/grade-types.ts';
import { quoteAsserts } from '../assertion.ts';
import { followUpText } from '../feedback-text.ts';
import { isThin } from '../score.ts';
import type { LlmGrade } from './llm-schemas.ts';

/** Offline reasons that explain a low score; dropped when the model scored higher. */
const QUALITY_REASONS: readonly GradeReasonCode[] = ['too-short', 'repeats-question', 'keyword-stuffing'];
const STAR_PRIORITY: readonly StarPart[] = ['result', 'action', 'task', 'situation'];
const MAX_FOLLOW_UP_CHARS = 400;

export interface NormaliseInput {
  question: Question;
  /** The answer text as sent to the model (all parts), for checking quotes. */
  answerText: string;
  llm: LlmGrade;
  offline: GradeResult;
  followUpsAsked: readonly string[];
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Maps a label the model wrote to the pack's spelling, or null when it is not one of the pack's. */
function labelIndex(labels: readonly string[]): (label: string) => string | null {
  const byKey = new Map(labels.map((label) => [squash(label), label]));
  return (label) => byKey.get(squash(label)) ?? null;
}

function keepLabels(given: readonly string[], packLabels: readonly string[]): string[] {
  const find = labelIndex(packLabels);
  const kept = new Set(given.map(find).filter((label): label is string => label !== null));
  return packLabels.filter((label) => kept.has(label));
}

export function clampScore(score: number): number {
  if (!Number.isFinite(score)) return 1;
  return Math.min(5, Math.max(1, Math.round(score)));
}

function nextFollowUp(
  question: Question,
  star: GradeResult['star'],
  missing: readonly string[],
  redFlags: readonly string[],
  asked: ReadonlySet<string>,
): string {
  const candidates: string[] = [];
  if (star) {
    const notPresent = STAR_PRIORITY.filter((part) => star[part] !== 'present');
    if (STAR_PRIORITY.filter((part) => star[part] === 'missing').length >= 3) {
      candidates.push(followUpText.story);
    }
    for (const part of notPresent) candidates.push(followUpText.star[part]);
  }
  for (const label of missing) {
    const kp = question.keyPoints.find((k) => k.label === label);
    candidates.push(kp?.probe ?? followUpText.keyPoint(label));
  }
  for (const label of redFlags) candidates.push(followUpText.redFlag(label));
  candidates.push(...(question.followUps ?? []), ...followUpText.generic);
  return candidates.find((text) => !asked.has(squash(text))) ?? candidates[candidates.length - 1]!;
}

export function normaliseGrade({
  question,
  answerText,
  llm,
  offline,
  followUpsAsked,
}: NormaliseInput): GradeResult {
  const keyLabels = question.keyPoints.map((kp) => kp.label);
  const flagLabels = question.redFlags.map((rf) => rf.label);
  const behavioral = question.kind === 'behavioral';

  const star = behavioral ? (llm.star ?? offline.star) : null;

  // Evidence: verbatim quotes for known targets, once each; a key point's quote must assert it.
  const haystack = squash(answerText);
  const findKey = labelIndex([...keyLabels, ...(behavioral ? starParts : [])]);
  const seen = new Set<string>();
  const evidence: GradeResult['evidence'] = [];
  for (const item of llm.evidence) {
    const target = findKey(item.for);
    const quote = item.quote.replace(/\s+/g, ' ').trim();
    const needle = squash(quote);
    if (!target || needle.length === 0 || !haystack.includes(needle)) continue;
    if (keyLabels.includes(target) && !quoteAsserts(question, target, quote)) continue;
    const key = `${target}\u0000${needle}`;
    if (seen.has(key)) continue;
    seen.add(key);
    evidence.push({ for: target, quote });
  }

  // A key point counts only with a quote that asserts it.
  const quoted = new Set(evidence.map((e) => e.for));
  const coveredPoints = keepLabels(llm.coveredPoints, keyLabels).filter((label) => quoted.has(label));
  const missingPoints = keyLabels.filter((label) => !coveredPoints.includes(label));
  // The offline grader's red flags stand whatever the model says: it cannot talk an unsafe practice away.
  const redFlags = keepLabels([...llm.redFlags, ...offline.redFlags], flagLabels);

  // Score: clamp, rubric caps, then the offline guards.
  let score = clampScore(llm.score);
  if (star && Object.values(star).includes('missing')) score = Math.min(score, 3);
  if (redFlags.length > 0) score = Math.min(score, 2);
  // A keyword list earns at most a little more than the offline grade gave it.
  if (offline.reasons.includes('keyword-stuffing')) score = Math.min(score, Math.max(offline.score, 2));
  const injected = offline.reasons.includes('instruction-ignored');
  const steered = injected && score > offline.score;
  if (injected) score = Math.min(score, offline.score);

  const reasonSet = new Set<GradeReasonCode>(offline.reasons.filter((r) => r !== 'red-flag'));
  if (score > offline.score) for (const reason of QUALITY_REASONS) reasonSet.delete(reason);
  if ((steered ? offline.redFlags : redFlags).length > 0) reasonSet.add('red-flag');
  const reasons = gradeReasonCodes.filter((code) => reasonSet.has(code));

  if (steered) return gradeResultSchema.parse({ ...offline, score, reasons });

  const asked = new Set(followUpsAsked.map(squash));
  let followUp: string | null = null;
  if (isThin(score, star, missingPoints.length, keyLabels.length)) {
    const proposed = llm.followUp?.replace(/\s+/g, ' ').trim() ?? '';
    followUp =
      proposed.length > 0 && proposed.length <= MAX_FOLLOW_UP_CHARS && !asked.has(squash(proposed))
        ? proposed
        : nextFollowUp(question, star, missingPoints, redFlags, asked);
  }

  const feedback = llm.feedback.trim().length > 0 ? llm.feedback.trim() : offline.feedback;

  return gradeResultSchema.parse({
    score,
    star,
    evidence,
    coveredPoints,
    missingPoints,
    redFlags,
    followUp,
    feedback,
    reasons,
  });
}
