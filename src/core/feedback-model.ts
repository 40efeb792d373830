import type { Question } from '../content/pack-schema.ts';
import type { GradeResult } from './grade-types.ts';
import type { FeedbackSource } from './ports.ts';

export interface GradeRequest {
  question: Question;
  /** The redacted answer to grade now. */
  answer: string;
  /** Earlier redacted answers to the same question: a follow-up answer is graded together with them. */
  previous: string[];
  /** Follow-up questions already asked for this question, so the next one probes something new. */
  followUpsAsked: string[];
  /** Whose answer it is, for per-user budgets; never sent to a model. */
  userKey: string;
}

export interface GradeListener {
  /** Partial feedback text while an LLM streams; offline grading never calls it. */
  onFeedbackText?(text: string): void;
}

export interface GradeOutcome extends FeedbackSource {
  result: GradeResult;
  /** Set when an LLM was meant to grade but the offline grader answered instead. */
  fallback: 'llm-failed' | 'budget-exhausted' | null;
}

/** What an end-of-session summary is written from: scores and gaps, never answer text. */
export interface SummaryRequest {
  packTitle: string;
  userKey: string;
  results: {
    questionText: string;
    kind: string;
    competencies: string[];
    score: number | null;
    missingPoints: string[];
    redFlags: string[];
    starGaps: string[];
  }[];
  /** The offline summary: the fallback, and what an LLM summary improves on. */
  offline: { strengths: string[]; workOn: string[]; nextPractice: string };
}

export interface SummaryOutcome extends FeedbackSource {
  strengths: string[];
  workOn: string[];
  nextPractice: string;
}

/** The port every grader implements: the offline rubric grader, and the LLM behind the same interface. */
export interface FeedbackModel {
  grade(request: GradeRequest, listener?: GradeListener): Promise<GradeOutcome>;
  /** Rewrites the offline summary in a coach's words; absent on the offline grader. Never throws. */
  summarize?(request: SummaryRequest): Promise<SummaryOutcome>;
}
