import { z } from 'zod';

/** How well one STAR part shows in an answer. */
export const starPartStates = ['present', 'thin', 'missing'] as const;
export type StarPartState = (typeof starPartStates)[number];

export const starParts = ['situation', 'task', 'action', 'result'] as const;
export type StarPart = (typeof starParts)[number];

/**
 * Why a grade came out as it did, as stable codes; `core/messages.ts` holds their wording.
 * - too-short: too little text to judge
 * - repeats-question: the answer mostly restates the question
 * - keyword-stuffing: terms listed without sentences; they earn nothing
 * - instruction-ignored: the answer told the grader what to do; that part earned nothing
 * - red-flag: something an interviewer would worry about
 */
export const gradeReasonCodes = [
  'too-short',
  'repeats-question',
  'keyword-stuffing',
  'instruction-ignored',
  'red-flag',
] as const;
export type GradeReasonCode = (typeof gradeReasonCodes)[number];

const starStateSchema = z.enum(starPartStates);

/** The grader's result: the shape every grader (offline or LLM) returns and `starcoach grade --json` prints. */
export const gradeResultSchema = z.object({
  /** 5 = hire-level answer, 3 = acceptable with gaps, 1 = would worry an interviewer. */
  score: z.number().int().min(1).max(5),
  /** null unless the question is behavioral. */
  star: z
    .object({
      situation: starStateSchema,
      task: starStateSchema,
      action: starStateSchema,
      result: starStateSchema,
    })
    .nullable(),
  /** The sentences behind each STAR part (`for` = the part's name) or key point (`for` = its label). */
  evidence: z.array(z.object({ for: z.string(), quote: z.string() })),
  /** Key point labels from the pack that the answer covers. */
  coveredPoints: z.array(z.string()),
  /** Key point labels from the pack that the answer misses. */
  missingPoints: z.array(z.string()),
  /** Red flag labels from the pack that the answer raises. */
  redFlags: z.array(z.string()),
  /** Asked exactly when the answer is thin: one question aimed at its weakest part. */
  followUp: z.string().nullable(),
  /** Two or three sentences a coach would say. */
  feedback: z.string(),
  reasons: z.array(z.enum(gradeReasonCodes)),
});

export type GradeResult = z.infer<typeof gradeResultSchema>;
