import type { PeerAttempt } from '../../src/core/pairing/pair-records.ts';
import { miniPack } from './core-harness.ts';

/**
 * A peer-scored round as the pair sessions record it: on a question of the mini pack (its kind and
 * competencies; a technical documentation question for ids not in it), one key point covered and one
 * missed, no red flag heard, typed answer not graded. `extra` changes any of it.
 */
export function peerAttempt(
  at: number | string,
  questionId: string,
  score: number,
  extra: Partial<PeerAttempt> = {},
): PeerAttempt {
  const question = miniPack.questions.find((candidate) => candidate.id === questionId);
  return {
    source: 'peer',
    at: typeof at === 'string' ? Date.parse(at) : at,
    packId: miniPack.id,
    questionId,
    kind: question?.kind ?? 'technical',
    competencies: question?.competencies ?? ['documentation'],
    score,
    covered: 1,
    partly: 0,
    missed: 1,
    flags: 0,
    partner: 'U-partner',
    botScore: null,
    ...extra,
  };
}
