import { z } from 'zod';

/** The three kinds of interview question; behavioral ones are graded on STAR. */
export const questionKinds = ['behavioral', 'technical', 'situational'] as const;
export const questionLevels = ['junior', 'mid', 'senior'] as const;

export type QuestionKind = (typeof questionKinds)[number];
export type QuestionLevel = (typeof questionLevels)[number];

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lowercase letters, digits and single dashes (like "chest-pain")');

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/**
 * A point a strong answer covers. `signals` are phrasings or concepts that show it;
 * each signal is matched on word stems inside a real sentence, and codes (R07.9, 99213, -25) exactly.
 */
export const keyPointSchema = z.strictObject({
  label: nonEmpty.max(80, 'keep a label under 80 characters: it is shown to users'),
  signals: z.array(nonEmpty).min(1, 'list at least one phrasing or concept that shows this point'),
  /** A follow-up question that probes this point when the answer misses it. */
  probe: nonEmpty.optional(),
});

/** Something an interviewer listens for that counts against the candidate. */
export const redFlagSchema = z.strictObject({
  label: nonEmpty.max(80, 'keep a label under 80 characters: it is shown to users'),
  signals: z.array(nonEmpty).min(1, 'list at least one phrasing that reveals this red flag'),
  /** Why an interviewer worries: the rule or risk behind it. */
  why: nonEmpty,
  /** What a strong candidate does instead; shown with the flag so feedback says how to fix it. */
  instead: nonEmpty.optional(),
  /** Set by the loader on a pack's common red flags copied into each question; not written in packs. */
  common: z.literal(true).optional(),
});

export const questionSchema = z.strictObject({
  id: slug,
  kind: z.enum(questionKinds),
  level: z.enum(questionLevels),
  competencies: z.array(slug).min(1, 'tag at least one competency'),
  text: nonEmpty,
  /** What the interviewer is really checking. */
  checking: nonEmpty,
  keyPoints: z.array(keyPointSchema).min(1, 'list the key points a strong answer covers'),
  redFlags: z.array(redFlagSchema).min(1, 'list at least one red flag'),
  sampleAnswer: nonEmpty,
  hints: z.array(nonEmpty).optional(),
  followUps: z.array(nonEmpty).optional(),
});

export const prepTipSchema = z.strictObject({
  title: nonEmpty,
  text: nonEmpty,
});

export const questionPackSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: slug,
    roleTitle: nonEmpty,
    description: nonEmpty,
    prepTips: z.array(prepTipSchema),
    /**
     * Wrong practices an interviewer listens for on any question of the pack (for medical coding:
     * billing what is not documented, modifiers to get past edits, defaulting a level…). Every
     * question is graded against them as well as its own.
     */
    commonRedFlags: z.array(redFlagSchema).optional(),
    questions: z.array(questionSchema).min(1, 'a pack needs at least one question'),
  })
  .superRefine((pack, ctx) => {
    const seen = new Set<string>();
    pack.questions.forEach((question, index) => {
      if (seen.has(question.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', index, 'id'],
          message: `duplicate question id "${question.id}": each id must be unique in its pack`,
        });
      }
      seen.add(question.id);
    });
  });

export type KeyPoint = z.infer<typeof keyPointSchema>;
export type RedFlag = z.infer<typeof redFlagSchema>;
export type Question = z.infer<typeof questionSchema>;
export type QuestionPack = z.infer<typeof questionPackSchema>;
