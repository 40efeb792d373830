import type { Question, QuestionPack } from '../../content/pack-schema.ts';
import { UserFacingError } from '../../errors.ts';
import { redactIdentifiers } from '../../privacy/index.ts';
import { actorKey } from '../actor-key.ts';
import { checkAnswerText, maxAnswerLength } from '../answer-limits.ts';
import { loggedFeedback } from '../answer-log-feedback.ts';
import type { CoachContext } from '../coach-context.ts';
import { localDate } from '../daily-question.ts';
import type { Actor } from '../ports.ts';
import { maxPeerKept } from '../records.ts';
import type { SettingsCache } from '../settings-cache.ts';
import { pairMessages } from './pair-messages.ts';
import type { PairMatch } from './pair-queue.ts';
import {
  candidateOf,
  interviewerOf,
  type PairSession,
  type PeerAttempt,
  type TypedAnswer,
} from './pair-records.ts';
import type { PairRequest } from './pair-request.ts';
import type { PairMessage, PairRooms } from './pair-rooms.ts';
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
export function createPairSessions(context: CoachContext, caches: Pick<SettingsCache, 'memberTimeZone'>) {
  const { store, clock, newId, logger, feedback } = context;

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

  /** The first of `ids` still running that passes `fits`; the index may name sessions just ended. */
  async function firstLive(
    platform: string,
    tenant: string,
    ids: string[],
    fits: (s: PairSession) => boolean,
  ) {
    for (const id of ids) {
      const session = await store.getPairSession(platform, tenant, id);
      if (session && fits(session)) return session;
    }
    return null;
  }

  async function inSpace(platform: string, tenant: string, space: string): Promise<PairSession | null> {
    const ids = await store.pairSessionsBy(platform, tenant, { space });
    return firstLive(platform, tenant, ids, (session) => session.space === space);
  }

  /** The member's running session, the newest when a race left two. */
  async function activeOf(actor: Actor): Promise<PairSession> {
    const ids = await store.pairSessionsBy(actor.platform, actor.tenant, { member: actor.user });
    const sessions: PairSession[] = [];
    for (const id of ids) {
      const session = await store.getPairSession(actor.platform, actor.tenant, id);
      if (session?.members.includes(actor.user)) sessions.push(session);
    }
    const newest = sessions.sort((a, b) => b.startedAt - a.startedAt)[0];
    if (!newest) throw new UserFacingError('PAIR_NO_SESSION', pairMessages.noSession);
    return newest;
  }

  function asInterviewer(session: PairSession, actor: Actor): PairSession {
    if (interviewerOf(session) !== actor.user)
      throw new UserFacingError('PAIR_NOT_INTERVIEWER', pairMessages.notInterviewer);
    return session;
  }

  /**
   * The round's typed answer graded by the bot, once: the grade is stored on the session before the
   * round is recorded, so a retried submit neither grades again nor loses it. A grader that throws
   * leaves the round to the peer's card alone.
   */
  async function gradeTyped(session: PairSession, round: 0 | 1): Promise<PairSession> {
    const typed = session.typed[round];
    if (!typed || typed.grade || typed.parts.length === 0) return session;
    const candidate = { platform: session.platform, tenant: session.tenant, user: candidateOf(session) };
    let grade: TypedAnswer['grade'];
    try {
      const outcome = await feedback.grade({
        question: questionOf(session, round),
        answer: typed.parts.join('\n\n'),
        previous: [],
        followUpsAsked: [],
        userKey: actorKey(candidate),
      });
      grade = { score: outcome.result.score, feedback: outcome.result.feedback, source: outcome.source };
      await logTyped(session, round, typed, outcome.result);
    } catch (error) {
      logger.warn('pair-grade-failed', { platform: session.platform, tenant: session.tenant, error });
      return session;
    }
    const updated = await store.updatePairSession(session.platform, session.tenant, session.id, (current) => {
      const stored = current?.typed[round];
      if (!current || !stored || stored.grade) return null;
      const typedNow = current.typed.map((entry, index) => (index === round ? { ...stored, grade } : entry));
      return { ...current, typed: typedNow };
    });
    return (
      updated ?? { ...session, typed: session.typed.map((e, i) => (i === round ? { ...typed, grade } : e)) }
    );
  }

  /** The typed answer and the bot's feedback in the candidate's answer log, marked as from a peer session. */
  async function logTyped(
    session: PairSession,
    round: 0 | 1,
    typed: TypedAnswer,
    result: { score: number } & Parameters<typeof loggedFeedback>[0],
  ) {
    const candidate = { platform: session.platform, tenant: session.tenant, user: candidateOf(session) };
    const entry = {
      at: clock.now(),
      packId: session.packId,
      questionId: session.questionIds[round],
      score: result!.score,
      source: 'peer' as const,
      answers: typed.parts,
      feedback: loggedFeedback(result),
    };
    await store.logAnswers(candidate, [entry], `peer:${session.id}:${round}`);
  }

  /** The candidate's history gains the round, once however often a submit is retried. */
  async function recordRound(session: PairSession, round: 0 | 1) {
    const question = questionOf(session, round);
    const card = session.cards[round] as Scorecard;
    const count = (mark: string) => card.points.filter((value) => value === mark).length;
    const candidate = {
      platform: session.platform,
      tenant: session.tenant,
      user: session.members[round === 0 ? 1 : 0],
    };
    const now = clock.now();
    const attempt: PeerAttempt = {
      source: 'peer',
      at: now,
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
      botScore: session.typed[round]?.grade?.score ?? null,
    };
    const memberDay = localDate(now, await caches.memberTimeZone(candidate));
    await store.updateHistory(
      candidate,
      (history) => ({
        ...history,
        peer: [...history.peer, attempt].slice(-maxPeerKept),
        activeDays: history.activeDays.includes(memberDay)
          ? history.activeDays
          : [...history.activeDays, memberDay],
      }),
      `peer:${session.id}:${round}`,
    );
    // Practice in a cohort's queue makes the member part of its roster and reports, as a drill does.
    await store.joinRoster(candidate);
    if (session.cohort) await store.joinCohort(candidate, session.cohort);
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
      const graded = await gradeTyped(current, round);
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
     * A message the candidate typed in the space: checked, redacted and stored on the round at once;
     * graded when the interviewer submits the card. 'none' when no peer session is held there, so the
     * adapter handles the message as before; 'not-candidate' for the interviewer's own messages.
     */
    async answer(
      actor: Actor,
      space: string,
      text: string,
      deliveryId: string,
    ): Promise<'stored' | 'duplicate' | 'not-candidate' | 'none'> {
      const session = await inSpace(actor.platform, actor.tenant, space);
      if (!session?.members.includes(actor.user)) return 'none';
      if (candidateOf(session) !== actor.user) return 'not-candidate';
      const problem = checkAnswerText(text);
      if (problem) throw problem;
      const part = redactIdentifiers(text.trim()).text;
      const round = session.round;
      const sofar = session.typed[round]?.parts.join('\n\n').length ?? 0;
      if (sofar + part.length > maxAnswerLength)
        throw new UserFacingError('PAIR_ANSWER_TOO_LONG', pairMessages.answerTooLong(maxAnswerLength));
      let status: 'stored' | 'duplicate' | 'none' = 'none';
      await store.updatePairSession(session.platform, session.tenant, session.id, (current) => {
        status = 'none';
        if (!current || current.round !== round) return null;
        const typed = current.typed[round] ?? { parts: [], deliveries: [], grade: null };
        if (typed.deliveries.includes(deliveryId) || typed.grade) {
          status = 'duplicate';
          return null;
        }
        status = 'stored';
        const next = {
          parts: [...typed.parts, part],
          deliveries: [...typed.deliveries, deliveryId],
          grade: null,
        };
        const all = [current.typed[0] ?? null, current.typed[1] ?? null];
        all[round] = next;
        return { ...current, typed: all.slice(0, round + 1), lastActivityAt: clock.now() };
      });
      return status;
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
