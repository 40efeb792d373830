/**
 * What the model is asked to return, as zod schemas for OpenAI structured output (`strict: true`).
 *
 * Loose on purpose: every field is required (`.nullable()`, never `.optional()`, which strict mode
 * rejects), but values are not range-checked here. A score of 6 or 3.7 must be clamped afterwards,
 * not turned into a schema error and a fallback (see `normalise-grade.ts`).
 *
 * Field order is the order the model writes in: the analysis first, then the score, then the
 * feedback (which streams to the user) and the follow-up.
 */
import { z } from 'zod';
import { starPartStates } from '../../core/grade-types.ts';

const starState = z.enum(starPartStates);

export const LlmGradeSchema = z.object({
  evidence: z.array(z.object({ for: z.string(), quote: z.string() })),
  coveredPoints: z.array(z.string()),
  missingPoints: z.array(z.string()),
  redFlags: z.array(z.string()),
  star: z.object({ situation: starState, task: starState, action: starState, result: starState }).nullable(),
  score: z.number(),
  feedback: z.string(),
  followUp: z.string().nullable(),
});

export type LlmGrade = z.infer<typeof LlmGradeSchema>;

export const LlmSummarySchema = z.object({
  strengths: z.array(z.string()),
  workOn: z.array(z.string()),
  nextPractice: z.string(),
});

export type LlmSummary = z.infer<typeof LlmSummarySchema>;
