/**
 * A labelled evaluation set for the grader: answers ranked the way a hiring manager would rank them
 * (3 strong, 2 partial, 1 weak), compared only within a question. The project's own sets live in
 * `test/eval/sets/`; `../shared/grader-dev/` uses the same shape.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { starPartStates } from '../core/grade-types.ts';

export const evalStyles = [
  'paraphrase',
  'dense',
  'partial',
  'fluent-wrong',
  'negation',
  'stuffing',
  'rambling',
] as const;

const starState = z.enum(starPartStates);

export const labelledAnswerSchema = z.object({
  id: z.string().min(1),
  /** Overrides the file's pack, for sets that mix packs. */
  pack: z.string().min(1).optional(),
  question: z.string().min(1),
  answer: z.string().min(1),
  rank: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  style: z.enum(evalStyles),
  unsafe: z.boolean(),
  starParts: z
    .object({ situation: starState, task: starState, action: starState, result: starState })
    .optional(),
  why: z.string().optional(),
});

export const evalSetSchema = z.object({
  about: z.string().optional(),
  pack: z.string().min(1),
  answers: z.array(labelledAnswerSchema).min(1),
});

export type LabelledAnswer = z.infer<typeof labelledAnswerSchema> & { pack: string };
export type EvalSet = z.infer<typeof evalSetSchema>;

/** Reads a set file; every answer carries its pack id. Throws with the file and field on bad input. */
export function readEvalSet(path: string): LabelledAnswer[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot read it as JSON (${(error as Error).message})`);
  }
  const parsed = evalSetSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: field ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return parsed.data.answers.map((a) => ({ ...a, pack: a.pack ?? parsed.data.pack }));
}
