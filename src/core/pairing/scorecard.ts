import { z } from 'zod';
import type { Question } from '../../content/pack-schema.ts';

export const pointMarks = ['covered', 'partly', 'missed'] as const;
export type PointMark = (typeof pointMarks)[number];

/** What the interviewer marked so far: a mark per key point, heard or not per red flag, an overall 1–5. */
export const scorecardSchema = z.object({
  points: z.array(z.enum(pointMarks).nullable()),
  flags: z.array(z.boolean()),
  overall: z.number().int().min(1).max(5).nullable(),
});
export type Scorecard = z.infer<typeof scorecardSchema>;

export type ScorecardMark =
  | { kind: 'point'; index: number; mark: PointMark }
  | { kind: 'flag'; index: number; heard: boolean }
  | { kind: 'overall'; score: number };

/** The interviewer's private card for one question, as adapters render it (buttons per line). */
export interface ScorecardView {
  pairId: string;
  round: 0 | 1;
  candidate: string;
  question: string;
  checking: string;
  keyPoints: { index: number; label: string; mark: PointMark | null }[];
  redFlags: { index: number; label: string; why: string; heard: boolean }[];
  followUps: string[];
  overall: number | null;
  /** Every key point marked and an overall score given: the card can be submitted. */
  complete: boolean;
}

export function emptyScorecard(question: Question): Scorecard {
  return {
    points: question.keyPoints.map(() => null),
    flags: question.redFlags.map(() => false),
    overall: null,
  };
}

/** The card with one mark applied; null when the mark names no line of this question. */
export function applyMark(card: Scorecard, mark: ScorecardMark): Scorecard | null {
  if (mark.kind === 'overall') {
    if (!Number.isInteger(mark.score) || mark.score < 1 || mark.score > 5) return null;
    return { ...card, overall: mark.score };
  }
  if (mark.kind === 'point') {
    if (!(mark.index in card.points)) return null;
    return { ...card, points: card.points.map((value, index) => (index === mark.index ? mark.mark : value)) };
  }
  if (!(mark.index in card.flags)) return null;
  return { ...card, flags: card.flags.map((value, index) => (index === mark.index ? mark.heard : value)) };
}

export function isComplete(card: Scorecard): boolean {
  return card.overall !== null && card.points.every((mark) => mark !== null);
}

export function scorecardView(
  pairId: string,
  round: 0 | 1,
  candidate: string,
  question: Question,
  card: Scorecard,
): ScorecardView {
  return {
    pairId,
    round,
    candidate,
    question: question.text,
    checking: question.checking,
    keyPoints: question.keyPoints.map((point, index) => ({
      index,
      label: point.label,
      mark: card.points[index] ?? null,
    })),
    redFlags: question.redFlags.map((flag, index) => ({
      index,
      label: flag.label,
      why: flag.why,
      heard: card.flags[index] ?? false,
    })),
    followUps: [
      ...(question.followUps ?? []),
      ...question.keyPoints.flatMap((point) => (point.probe ? [point.probe] : [])),
    ].slice(0, 4),
    overall: card.overall,
    complete: isComplete(card),
  };
}

/** Covered, partly and missed key points, and red flags heard, in plain words for a summary. */
export function scorecardLines(question: Question, card: Scorecard): string[] {
  const named = (mark: PointMark) =>
    question.keyPoints.filter((_, index) => card.points[index] === mark).map((point) => point.label);
  const heard = question.redFlags.filter((_, index) => card.flags[index]).map((flag) => flag.label);
  return [
    ...(named('covered').length ? [`Covered: ${named('covered').join('; ')}`] : []),
    ...(named('partly').length ? [`Partly: ${named('partly').join('; ')}`] : []),
    ...(named('missed').length ? [`Missed: ${named('missed').join('; ')}`] : []),
    ...(heard.length ? [`Red flags heard: ${heard.join('; ')}`] : []),
  ];
}
