import { UserFacingError } from '../../errors.ts';
import type { CoachContext } from '../coach-context.ts';
import type { Actor } from '../ports.ts';
import type { SettingsCache } from '../settings-cache.ts';
import { createPairLookup } from './pair-lookup.ts';
import { pairMessages } from './pair-messages.ts';
import { pairQuestions, questionOf as roundQuestion } from './pair-questions.ts';
import type { PairMatch } from './pair-queue.ts';
import { candidateOf, interviewerOf, type PairSession } from './pair-records.ts';
import type { PairMessage, PairRooms } from './pair-rooms.ts';
import { createPeerRounds } from './peer-rounds.ts';
import {
  applyMark,
  emptyScorecard,
  isComplete,
  type Scorecard,
  type ScorecardMark,
  type ScorecardView,
  scorecardView,
} from './scorecard.ts';
import { createTypedAnswers } from './typed-answers.ts';

/** A session nobody has touched for this long ends, with a note to both. */
export const pairIdleMs = 10 * 60 * 1000;

/**
 * Peer mock interviews once two members are matched: the private space, who interviews first, the
 * interviewer's scorecard (marked line by line), the swap, the record of each finished round in the
 * candidate's history, and the summaries. Either member can end it; the idle sweep ends it after ten
 * minutes without a mark. A round counts only once its card is submitted, so an ended session leaves
 * whole rounds or nothing.
 */
export function createPairSessions(context: CoachContext, caches: Pick<SettingsCache, 'memberTimeZone'>) {
  const { store, clock, newId, logger } = context;
  const lookup = createPairLookup(store);
  const { load, inSpace, activeOf } = lookup;
  const typed = createTypedAnswers(context, lookup);
  const { recordRound } = createPeerRounds(context, caches);
  const questionOf = (session: PairSession, round: 0 | 1) => roundQuestion(context, session, round);

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

  function asInterviewer(session: PairSession, actor: Actor): PairSession {
    if (interviewerOf(session) !== actor.user)
      throw new UserFacingError('PAIR_NOT_INTERVIEWER', pairMessages.notInterviewer);
    return session;
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
        bot: session.typed[asCandidate]?.grade ?? null,
      });
      await rooms.sendPrivately(session.tenant, session.space ?? '', user, { type: 'pair-summary', text });
    }
  }

  /** Ends the session once, however many members, instances or deliveries ask at the same moment. */
  async function end(session: PairSession, rooms: PairRooms, code: string, text: string) {
    if (!(await store.claim(`pair-end:${session.platform}:${session.tenant}:${session.id}`, pairIdleMs)))
      return false;
    await store.deletePairSession(session.platform, session.tenant, session.id);
    if (session.space) await rooms.post(session.tenant, session.space, { type: 'pair-notice', code, text });
    return true;
  }

  async function openSpace(match: PairMatch, rooms: PairRooms, members: readonly [string, string]) {
    try {
      return await rooms.open(match.tenant, { cohort: match.cohort, channel: match.channel }, members);
    } catch (error) {
      // Nothing is stored yet: both can join again. The one who waited has no command to answer, so is told.
      logger.warn('pair-open-failed', { platform: match.platform, tenant: match.tenant, error });
      const notice: PairMessage = {
        type: 'pair-notice',
        code: 'PAIR_OPEN_FAILED',
        text: pairMessages.openFailed(members[1]),
      };
      await rooms.notify(match.tenant, members[0], notice).catch((notifyError: unknown) =>
        logger.warn('pair-notice-failed', {
          platform: match.platform,
          tenant: match.tenant,
          error: notifyError,
        }),
      );
      throw new UserFacingError('PAIR_OPEN_FAILED', pairMessages.openFailed(members[0]), { cause: error });
    }
  }

  return {
    /** Opens the space for a match, says who interviews first, and gives the interviewer the card. */
    async start(match: PairMatch, rooms: PairRooms): Promise<PairSession> {
      const pack = context.packOf(match.request.packId);
      const questions = pairQuestions(pack, match.request, context.random);
      const now = clock.now();
      const members: [string, string] = [match.first.user, match.second.user];
      const space = await openSpace(match, rooms, members);
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
        typed: [],
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
      const graded = await typed.grade(current, round);
      await recordRound(graded, round);
      if (round === 1) {
        // A double click or a retried delivery: the summaries go out once.
        if (await store.claim(`pair-finish:${current.id}`, pairIdleMs)) await finish(graded, rooms);
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

    /** Either member ends the session; the other is told. */
    async end(actor: Actor, id: string, rooms: PairRooms): Promise<void> {
      const session = await load(actor, id);
      await end(session, rooms, 'PAIR_ENDED', pairMessages.ended(actor.user));
    },

    /** A member left the space (or the workspace): the session ends, the other is told. */
    async left(platform: string, tenant: string, space: string, user: string, rooms: PairRooms) {
      const session = await inSpace(platform, tenant, space);
      if (!session?.members.includes(user)) return false;
      return end(session, rooms, 'PAIR_LEFT', pairMessages.left(user));
    },

    /** A member left the workspace or server: each of their sessions ends, the partner is told. */
    async memberGone(actor: Actor, rooms: PairRooms): Promise<number> {
      let ended = 0;
      for (const id of await store.pairSessionsBy(actor.platform, actor.tenant, { member: actor.user })) {
        const session = await store.getPairSession(actor.platform, actor.tenant, id);
        if (
          session?.members.includes(actor.user) &&
          (await end(session, rooms, 'PAIR_LEFT', pairMessages.left(actor.user)))
        )
          ended += 1;
      }
      return ended;
    },

    /** The session held in a space, if any: adapters ask before treating a message there as their own. */
    inSpace,

    /** The interviewer's card as it stands, by session id or, without one, their running session. */
    async card(actor: Actor, id?: string): Promise<ScorecardView> {
      const session = id === undefined ? await activeOf(actor) : await load(actor, id);
      return viewOf(asInterviewer(session, actor));
    },

    /** Sends the interviewer's card again, privately in the space (an ephemeral card gets lost). */
    async resendCard(actor: Actor, rooms: PairRooms): Promise<void> {
      await sendCard(asInterviewer(await activeOf(actor), actor), rooms);
    },

    /**
     * A message the candidate typed in the space, stored at once and graded when the card is submitted;
     * 'none' when no peer session is held there, so the adapter handles the message as before.
     */
    answer: typed.take,

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
