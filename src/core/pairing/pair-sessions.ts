import type { Question, QuestionPack } from '../../content/pack-schema.ts';
import { UserFacingError } from '../../errors.ts';
import type { CoachContext } from '../coach-context.ts';
import type { Actor } from '../ports.ts';
import { maxPeerKept } from '../records.ts';
import { pairMessages } from './pair-messages.ts';
import type { PairMatch } from './pair-queue.ts';
import { candidateOf, interviewerOf, type PairSession, type PeerAttempt } from './pair-records.ts';
import type { PairRequest } from './pair-request.ts';
import type { PairRooms } from './pair-rooms.ts';
import {
  applyMark,
  emptyScorecard,
  isComplete,
  type Scorecard,
  type ScorecardMark,
  type ScorecardView,
  scorecardView,
} from './scorecard.ts';

/** A session nobody has touched for this long ends, with a note to both. */
export const pairIdleMs = 10 * 60 * 1000;

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

/**
 * Peer mock interviews once two members are matched: the private space, who interviews first, the
 * interviewer's scorecard (marked line by line), the swap, the record of each finished round in the
 * candidate's history, and the summaries. Either member can end it; the idle sweep ends it after ten
 * minutes without a mark. A round counts only once its card is submitted, so an ended session leaves
 * whole rounds or nothing.
 */
export function createPairSessions(context: CoachContext) {
  const { store, clock, newId, logger } = context;

  function questionOf(session: PairSession, round: 0 | 1): Question {
    const pack = context.packOf(session.packId);
    const id = session.questionIds[round];
    const question = pack.questions.find((candidate) => candidate.id === id);
    if (!question) throw new UserFacingError('PAIR_QUESTION_GONE', pairMessages.questionGone);
    return question;
  }

  function viewOf(session: PairSession): ScorecardView {
    const card = session.cards[session.round] as Scorecard;
    return scorecardView(
      session.id,
      session.round,
      candidateOf(session),
      questionOf(session, session.round),
      card,
    );
  }

  async function sendCard(session: PairSession, rooms: PairRooms) {
    const card = viewOf(session);
    await rooms.sendPrivately(session.tenant, session.space ?? '', interviewerOf(session), {
      type: 'scorecard',
      card,
      text: pairMessages.scorecard(card),
    });
  }

  async function load(actor: Actor, id: string): Promise<PairSession> {
    const session = await store.getPairSession(actor.platform, actor.tenant, id);
    if (!session?.members.includes(actor.user))
      throw new UserFacingError('PAIR_SESSION_GONE', pairMessages.sessionGone);
    return session;
  }

  /** The candidate's history gains the round, once however often a submit is retried. */
  async function recordRound(session: PairSession, round: 0 | 1) {
    const question = questionOf(session, round);
    const card = session.cards[round] as Scorecard;
    const count = (mark: string) => card.points.filter((value) => value === mark).length;
    const candidate = session.members[round === 0 ? 1 : 0];
    const attempt: PeerAttempt = {
      at: clock.now(),
      packId: session.packId,
      questionId: question.id,
      kind: question.kind,
      competencies: question.competencies,
      score: card.overall ?? 1,
      covered: count('covered'),
      partly: count('partly'),
      missed: count('missed'),
      flags: card.flags.filter(Boolean).length,
      partner: session.members[round],
    };
    await store.updateHistory(
      { platform: session.platform, tenant: session.tenant, user: candidate },
      (history) => ({ ...history, peer: [...history.peer, attempt].slice(-maxPeerKept) }),
      `peer:${session.id}:${round}`,
    );
  }

  async function finish(session: PairSession, rooms: PairRooms) {
    await store.deletePairSession(session.platform, session.tenant, session.id);
    for (const [index, user] of session.members.entries()) {
      const asCandidate = (index === 0 ? 1 : 0) as 0 | 1;
      const text = pairMessages.summary({
        partner: session.members[index === 0 ? 1 : 0],
        answered: questionOf(session, asCandidate),
        card: session.cards[asCandidate] as Scorecard,
        asked: questionOf(session, index as 0 | 1),
        gave: (session.cards[index] as Scorecard).overall,
      });
      await rooms.sendPrivately(session.tenant, session.space ?? '', user, { type: 'pair-summary', text });
    }
  }

  async function end(session: PairSession, rooms: PairRooms, code: string, text: string) {
    await store.deletePairSession(session.platform, session.tenant, session.id);
    if (session.space) await rooms.post(session.tenant, session.space, { type: 'pair-notice', code, text });
  }

  return {
    /** Opens the space for a match, says who interviews first, and gives the interviewer the card. */
    async start(match: PairMatch, rooms: PairRooms): Promise<PairSession> {
      const pack = context.packOf(match.request.packId);
      const questions = pairQuestions(pack, match.request, context.random);
      const now = clock.now();
      const members: [string, string] = [match.first.user, match.second.user];
      const space = await rooms.open(match.tenant, match.cohort, members);
      const session: PairSession = {
        v: 1,
        id: newId(),
        platform: match.platform,
        tenant: match.tenant,
        cohort: match.cohort,
        space,
        members,
        packId: pack.id,
        questionIds: [questions[0].id, questions[1].id],
        round: 0,
        cards: [emptyScorecard(questions[0])],
        startedAt: now,
        lastActivityAt: now,
      };
      await store.updatePairSession(session.platform, session.tenant, session.id, () => session);
      await rooms.post(session.tenant, space, {
        type: 'pair-notice',
        code: 'PAIR_STARTED',
        text: pairMessages.started(members, pack.roleTitle, questions[0].text),
      });
      await sendCard(session, rooms);
      return session;
    },

    /** The interviewer marks one line of the card; returns the card as it now stands. */
    async mark(actor: Actor, id: string, round: 0 | 1, mark: ScorecardMark): Promise<ScorecardView> {
      const current = await load(actor, id);
      if (current.round !== round) throw new UserFacingError('PAIR_ROUND_OVER', pairMessages.roundOver);
      if (interviewerOf(current) !== actor.user)
        throw new UserFacingError('PAIR_NOT_INTERVIEWER', pairMessages.notInterviewer);
      const updated = await store.updatePairSession(actor.platform, actor.tenant, id, (session) => {
        if (!session || session.round !== round) return null;
        const card = applyMark(session.cards[round] as Scorecard, mark);
        if (!card) return null;
        const cards = session.cards.map((existing, index) => (index === round ? card : existing));
        return { ...session, cards, lastActivityAt: clock.now() };
      });
      if (!updated || updated.round !== round)
        throw new UserFacingError('PAIR_ROUND_OVER', pairMessages.roundOver);
      return viewOf(updated);
    },

    /**
     * The interviewer submits the card: the round is recorded for the candidate, then roles swap on a new
     * question, or after the second round both get their summary and the session ends.
     */
    async submit(actor: Actor, id: string, round: 0 | 1, rooms: PairRooms): Promise<'swapped' | 'finished'> {
      const current = await load(actor, id);
      if (current.round !== round) throw new UserFacingError('PAIR_ROUND_OVER', pairMessages.roundOver);
      if (interviewerOf(current) !== actor.user)
        throw new UserFacingError('PAIR_NOT_INTERVIEWER', pairMessages.notInterviewer);
      if (!isComplete(current.cards[round] as Scorecard))
        throw new UserFacingError('PAIR_CARD_INCOMPLETE', pairMessages.incomplete);
      await recordRound(current, round);
      if (round === 1) {
        // A double click or a retried delivery: the summaries go out once.
        if (await store.claim(`pair-finish:${current.id}`, pairIdleMs)) await finish(current, rooms);
        return 'finished';
      }
      const next = await store.updatePairSession(actor.platform, actor.tenant, id, (session) =>
        session && session.round === 0
          ? {
              ...session,
              round: 1,
              cards: [session.cards[0] as Scorecard, emptyScorecard(questionOf(session, 1))],
              lastActivityAt: clock.now(),
            }
          : null,
      );
      if (next?.round !== 1) return 'swapped';
      await rooms.post(next.tenant, next.space ?? '', {
        type: 'pair-notice',
        code: 'PAIR_SWAPPED',
        text: pairMessages.swapped(interviewerOf(next), candidateOf(next), questionOf(next, 1).text),
      });
      await sendCard(next, rooms);
      return 'swapped';
    },

    /** Either member ends the session (or leaves its space); the other is told. */
    async end(actor: Actor, id: string, rooms: PairRooms, left = false): Promise<void> {
      const session = await load(actor, id);
      await end(
        session,
        rooms,
        left ? 'PAIR_LEFT' : 'PAIR_ENDED',
        left ? pairMessages.left(actor.user) : pairMessages.ended(actor.user),
      );
    },

    /** Ends sessions idle for ten minutes; every instance may run it, each session ends once. */
    async sweepIdle(roomsFor: (platform: string) => PairRooms | undefined): Promise<number> {
      let ended = 0;
      for (const { platform, tenant, id } of await store.activePairSessions()) {
        const session = await store.getPairSession(platform, tenant, id);
        if (!session) {
          await store.deletePairSession(platform, tenant, id);
          continue;
        }
        const rooms = roomsFor(platform);
        if (!rooms || clock.now() - session.lastActivityAt < pairIdleMs) continue;
        if (!(await store.claim(`pair-idle:${platform}:${tenant}:${id}`, pairIdleMs))) continue;
        await end(session, rooms, 'PAIR_IDLE', pairMessages.idle).catch((error: unknown) =>
          logger.warn('pair-end-failed', { platform, tenant, error }),
        );
        ended += 1;
      }
      return ended;
    },
  };
}

export type PairSessions = ReturnType<typeof createPairSessions>;
