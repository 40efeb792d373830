import type { Question, QuestionPack } from '../../content/pack-schema.ts';
import { UserFacingError } from '../../errors.ts';
import type { CoachContext } from '../coach-context.ts';
import { pairMessages } from './pair-messages.ts';
import type { PairSession } from './pair-records.ts';
import type { PairRequest } from './pair-request.ts';

/** Two different questions for the pair: the request's kind and level where the pack has enough. */
export function pairQuestions(
  pack: QuestionPack,
  request: PairRequest,
  random: () => number,
): [Question, Question] {
  const suits = (question: Question) =>
    (!request.kind || question.kind === request.kind) && (!request.level || question.level === request.level);
  const preferred = pack.questions.filter(suits);
  const pool = preferred.length >= 2 ? preferred : pack.questions;
  const first = pool[Math.floor(random() * pool.length)]!;
  const rest = pool.filter((question) => question.id !== first.id);
  const second = rest.length ? rest[Math.floor(random() * rest.length)]! : first;
  return [first, second];
}

/** The question of a session's round, from its pack as installed now. */
export function questionOf(
  context: Pick<CoachContext, 'packOf'>,
  session: PairSession,
  round: 0 | 1,
): Question {
  const pack = context.packOf(session.packId);
  const id = session.questionIds[round];
  const question = pack.questions.find((candidate) => candidate.id === id);
  if (!question) throw new UserFacingError('PAIR_QUESTION_GONE', pairMessages.questionGone);
  return question;
}
