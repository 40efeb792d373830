import { redactIdentifiers } from '../privacy/index.ts';
import type { GradeResult } from './grade-types.ts';

/** Long enough for the coach's two or three sentences and the points named; a bound keeps a month's log small. */
const maxFeedbackLength = 2000;

/**
 * The feedback a member was given on an answer, as the plain text the answer log keeps for their page:
 * the coach's sentences, then the key points missed and the red flags raised, in the pack's words.
 * The grader only ever saw the redacted answer, but its feedback quotes that answer and an LLM may
 * echo more than it was given, so the text is redacted again before it is stored. Pure.
 */
export function loggedFeedback(grade: GradeResult | null): string | null {
  if (!grade) return null;
  const lines = [grade.feedback.trim()];
  if (grade.missingPoints.length > 0) lines.push(`Missing: ${grade.missingPoints.join('; ')}.`);
  if (grade.redFlags.length > 0) lines.push(`Red flags: ${grade.redFlags.join('; ')}.`);
  const text = lines.filter((line) => line.length > 0).join('\n');
  if (text.length === 0) return null;
  // Redact before cutting, so a cut never splits an identifier into a piece the redactor misses.
  return redactIdentifiers(text).text.slice(0, maxFeedbackLength);
}
