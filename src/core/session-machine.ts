import type { Question, QuestionPack } from '../content/pack-schema.ts';
import type { GradeResult } from './grade-types.ts';
import { actions, competencyName, messages } from './messages.ts';
import type { Actor, QuestionView, Reply, ReplyAction, SessionStartOptions } from './ports.ts';
import type { ResultRecord, SessionRecord, SpokenRecord, TurnRecord } from './records.ts';

/** A session idle this long expires with a notice. */
export const sessionIdleMs = 24 * 60 * 60 * 1000;

export type TurnPhase = 'awaiting-answer' | 'grading' | 'awaiting-follow-up' | 'done';

export interface Transition {
  session: SessionRecord;
  replies: Reply[];
}

export interface NewSession {
  id: string;
  owner: Actor;
  channel: string;
  pack: QuestionPack;
  questions: Question[];
  options: Required<Pick<SessionStartOptions, 'count' | 'followUps'>> &
    Pick<SessionStartOptions, 'kind' | 'level'>;
  now: number;
  /** The local date of a question-of-the-day session. */
  drillDate?: string;
  /** The cohort (its channel) a drill or assignment session belongs to. */
  cohort?: string;
}

export function createSession(input: NewSession): SessionRecord {
  const first = input.questions[0];
  if (!first) throw new Error('createSession needs at least one question');
  return {
    v: 1,
    id: input.id,
    owner: input.owner,
    channel: input.channel,
    thread: null,
    packId: input.pack.id,
    options: {
      kind: input.options.kind ?? null,
      level: input.options.level ?? null,
      count: input.questions.length,
      followUps: input.options.followUps,
    },
    questionIds: input.questions.map((question) => question.id),
    index: 0,
    status: 'active',
    turn: freshTurn(first.id),
    results: [],
    startedAt: input.now,
    updatedAt: input.now,
    drillDate: input.drillDate ?? null,
    cohort: input.cohort ?? null,
  };
}

function freshTurn(questionId: string): TurnRecord {
  return {
    questionId,
    answers: [],
    followUps: [],
    pending: null,
    grade: null,
    source: null,
    hintsShown: 0,
    sampleShown: false,
  };
}

export function turnPhase(turn: TurnRecord): TurnPhase {
  if (turn.pending) return 'grading';
  if (turn.answers.length === 0) return 'awaiting-answer';
  if (turn.followUps.length >= turn.answers.length) return 'awaiting-follow-up';
  return 'done';
}

export function isExpired(session: SessionRecord, now: number): boolean {
  return session.status === 'active' && now - session.updatedAt > sessionIdleMs;
}

export function findQuestion(pack: QuestionPack, id: string): Question | undefined {
  return pack.questions.find((question) => question.id === id);
}

export function currentQuestion(session: SessionRecord, pack: QuestionPack): Question {
  const id = session.turn?.questionId ?? session.questionIds[session.index];
  const question = id === undefined ? undefined : findQuestion(pack, id);
  if (!question) throw new Error(`Question ${id} of session ${session.id} is not in pack ${pack.id}`);
  return question;
}

export function questionReply(session: SessionRecord, pack: QuestionPack): Reply {
  const question = currentQuestion(session, pack);
  return {
    type: 'question',
    private: false,
    actions: forQuestion(question.id, actions('hint', 'skip', 'end')),
    number: session.index + 1,
    total: session.questionIds.length,
    packTitle: pack.roleTitle,
    drillDate: session.drillDate,
    question: questionView(question),
  };
}

/** What a reply shows of a question: never its rubric or sample answer. */
export function questionView(question: Question): QuestionView {
  const { id, text, kind, level, competencies } = question;
  return { id, text, kind, level, competencies: competencies.map(competencyName) };
}

/** The prompt the user owes an answer to: the question, or the follow-up asked last. */
export function promptReplies(session: SessionRecord, pack: QuestionPack): Reply[] {
  const turn = session.turn;
  const replies = [questionReply(session, pack)];
  const lastFollowUp = turn?.followUps.at(-1);
  if (turn && lastFollowUp && turnPhase(turn) === 'awaiting-follow-up')
    replies.push(followUpReply(lastFollowUp, turn.questionId));
  return replies;
}

export function followUpReply(text: string, questionId: string): Reply {
  const buttons = forQuestion(questionId, actions('hint', 'sample', 'next', 'end'));
  return { type: 'follow-up', private: false, actions: buttons, text };
}

/** Ties buttons to the question they were shown with, so a late press cannot act on the next one. */
export function forQuestion(questionId: string, buttons: ReplyAction[]): ReplyAction[] {
  return buttons.map((button) => ({ ...button, questionId }));
}

/** Stores the answer on the turn before anything grades it. */
export function acceptAnswer(
  session: SessionRecord,
  deliveryId: string,
  text: string,
  now: number,
  spoken: SpokenRecord | null = null,
): SessionRecord {
  const turn = session.turn;
  if (!turn) throw new Error('acceptAnswer needs an open turn');
  return { ...session, turn: { ...turn, pending: { deliveryId, text, at: now, spoken } }, updatedAt: now };
}

/**
 * Applies a grade to the pending answer. A thin answer gets a follow-up while the per-question budget
 * lasts; otherwise the question is finished and the session moves on.
 */
export function applyGrade(
  session: SessionRecord,
  pack: QuestionPack,
  grade: GradeResult,
  source: 'llm' | 'offline',
  now: number,
): Transition {
  const turn = session.turn;
  if (!turn?.pending) throw new Error('applyGrade needs a pending answer');
  const graded: TurnRecord = {
    ...turn,
    answers: [...turn.answers, turn.pending.text],
    pending: null,
    grade,
    source,
  };
  if (grade.followUp && graded.followUps.length < session.options.followUps) {
    const withFollowUp = { ...graded, followUps: [...graded.followUps, grade.followUp] };
    return {
      session: { ...session, turn: withFollowUp, updatedAt: now },
      replies: [followUpReply(grade.followUp, turn.questionId)],
    };
  }
  return finishQuestion({ ...session, turn: graded }, pack, now);
}

/** Records the current question's result (null score when unanswered) and asks the next one. */
export function finishQuestion(session: SessionRecord, pack: QuestionPack, now: number): Transition {
  const turn = session.turn;
  if (!turn) return { session, replies: [] };
  const question = currentQuestion(session, pack);
  const result = resultOf(turn, question);
  const index = session.index + 1;
  const nextId = session.questionIds[index];
  const next: SessionRecord = {
    ...session,
    index,
    turn: nextId === undefined ? null : freshTurn(nextId),
    results: [...session.results, result],
    status: nextId === undefined ? 'ended' : 'active',
    updatedAt: now,
  };
  return { session: next, replies: nextId === undefined ? [] : [questionReply(next, pack)] };
}

function resultOf(turn: TurnRecord, question: Question): ResultRecord {
  const grade = turn.grade;
  return {
    questionId: question.id,
    kind: question.kind,
    competencies: question.competencies,
    score: grade?.score ?? null,
    missingPoints: grade?.missingPoints ?? [],
    redFlags: grade?.redFlags ?? [],
    starGaps: grade?.star
      ? Object.entries(grade.star)
          .filter(([, state]) => state !== 'present')
          .map(([part]) => part)
      : [],
    hinted: turn.hintsShown > 0,
  };
}

export function skipQuestion(session: SessionRecord, pack: QuestionPack, now: number): Transition {
  const turn = session.turn;
  // Skipping after an answer keeps its grade: the user only declines the follow-up.
  const cleared = turn && !turn.grade ? { ...turn, pending: null } : turn;
  const transition = finishQuestion({ ...session, turn: cleared }, pack, now);
  const notice: Reply = {
    type: 'notice',
    private: false,
    actions: [],
    code: 'skipped',
    text: messages.skipped(),
  };
  return {
    session: transition.session,
    replies: turn?.grade ? transition.replies : [notice, ...transition.replies],
  };
}

export function showHint(session: SessionRecord, pack: QuestionPack, now: number): Transition {
  const turn = session.turn;
  if (!turn) return { session, replies: [] };
  const question = currentQuestion(session, pack);
  const hints = [
    ...(question.hints ?? []),
    ...question.keyPoints.map((point) => messages.hintFromPoint(point.label)),
  ];
  const hint = hints[turn.hintsShown];
  const reply: Reply = {
    type: 'hint',
    private: true,
    actions: forQuestion(question.id, actions('sample', 'skip')),
    text: hint ?? messages.noMoreHints(),
  };
  if (!hint) return { session, replies: [reply] };
  return {
    session: { ...session, turn: { ...turn, hintsShown: turn.hintsShown + 1 }, updatedAt: now },
    replies: [reply],
  };
}

export function showSample(
  session: SessionRecord,
  pack: QuestionPack,
  now: number,
  questionId?: string,
): Transition {
  const turn = session.turn;
  const asked =
    questionId && session.questionIds.includes(questionId) ? findQuestion(pack, questionId) : undefined;
  const question = asked ?? (turn ? currentQuestion(session, pack) : undefined);
  if (!question) return { session, replies: [] };
  const reply: Reply = {
    type: 'sample-answer',
    private: true,
    actions: turn ? forQuestion(turn.questionId, actions('next', 'end')) : [],
    text: question.sampleAnswer,
  };
  const marked = turn && turn.questionId === question.id ? { ...turn, sampleShown: true } : turn;
  return { session: { ...session, turn: marked, updatedAt: now }, replies: [reply] };
}

/** Ends the session; a graded question still open counts, an unanswered one does not. */
export function endSession(session: SessionRecord, pack: QuestionPack, now: number): SessionRecord {
  const turn = session.turn;
  const results = turn?.grade
    ? [...session.results, resultOf(turn, currentQuestion(session, pack))]
    : session.results;
  return { ...session, turn: null, results, status: 'ended', updatedAt: now };
}
