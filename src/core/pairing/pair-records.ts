import { z } from 'zod';
import { scorecardSchema } from './scorecard.ts';

/**
 * What the candidate typed in the space during one round, redacted on arrival and stored before it is
 * graded; graded once, when the interviewer submits the round's card.
 */
export const typedAnswerSchema = z.object({
  /** The answer's messages in order, and the deliveries they came in (a re-delivery is not added twice). */
  parts: z.array(z.string()),
  deliveries: z.array(z.string()),
  grade: z
    .object({
      score: z.number().int().min(1).max(5),
      feedback: z.string(),
      source: z.enum(['llm', 'offline']),
    })
    .nullable(),
});
export type TypedAnswer = z.infer<typeof typedAnswerSchema>;

/**
 * A peer mock interview while it runs. Round 0: `members[0]` (who waited) interviews `members[1]` on
 * `questionIds[0]`; round 1 swaps roles on `questionIds[1]`. A finished round is recorded in the
 * candidate's history at once; the record itself is deleted when the session ends, so nothing of it
 * outlives the session but the two members' own histories.
 */
export const pairSessionSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  platform: z.string(),
  tenant: z.string(),
  cohort: z.string().nullable(),
  /** The private space (Discord thread, Slack group DM), once opened. */
  space: z.string().nullable(),
  members: z.tuple([z.string(), z.string()]),
  packId: z.string(),
  questionIds: z.tuple([z.string(), z.string()]),
  round: z.union([z.literal(0), z.literal(1)]),
  /** The scorecard of each round started, in round order. */
  cards: z.array(scorecardSchema),
  /** The candidate's typed answer of each round, by round; null for a round answered out loud only. */
  typed: z.array(typedAnswerSchema.nullable()).default([]),
  startedAt: z.number(),
  lastActivityAt: z.number(),
});
export type PairSession = z.infer<typeof pairSessionSchema>;

/** One peer-scored answer in the candidate's history, apart from graded attempts. */
export const peerAttemptSchema = z.object({
  /** Who scored it: always a peer here; graded attempts say llm or offline in their own records. */
  source: z.literal('peer').default('peer'),
  at: z.number(),
  packId: z.string(),
  questionId: z.string(),
  kind: z.string(),
  competencies: z.array(z.string()),
  /** The interviewer's overall score, 1–5. */
  score: z.number().int().min(1).max(5),
  /** Key points marked covered, partly and missed, and red flags heard. */
  covered: z.number().int(),
  partly: z.number().int(),
  missed: z.number().int(),
  flags: z.number().int(),
  partner: z.string(),
  /** The bot's score of the answer the candidate typed in the space, when they typed one. */
  botScore: z.number().int().min(1).max(5).nullable().default(null),
});
export type PeerAttempt = z.infer<typeof peerAttemptSchema>;

export function interviewerOf(session: PairSession): string {
  return session.members[session.round];
}

export function candidateOf(session: PairSession): string {
  return session.members[session.round === 0 ? 1 : 0];
}
