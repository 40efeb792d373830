import type { CoachContext } from '../coach-context.ts';
import { localDate } from '../daily-question.ts';
import type { SettingsCache } from '../settings-cache.ts';
import { questionOf } from './pair-questions.ts';
import type { PairSession, PeerAttempt } from './pair-records.ts';
import { recordPeerAttempt } from './peer-history.ts';
import type { Scorecard } from './scorecard.ts';

/** A submitted round in the candidate's records: history, practised day, roster and cohort. */
export function createPeerRounds(context: CoachContext, caches: Pick<SettingsCache, 'memberTimeZone'>) {
  const { store, clock } = context;

  /** The candidate's history gains the round, once however often a submit is retried. */
  async function recordRound(session: PairSession, round: 0 | 1) {
    const question = questionOf(context, session, round);
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
      (history) => recordPeerAttempt(history, attempt, memberDay),
      `peer:${session.id}:${round}`,
    );
    // Practice in a cohort's queue makes the member part of its roster and reports, as a drill does.
    await store.joinRoster(candidate);
    if (session.cohort) await store.joinCohort(candidate, session.cohort);
  }

  return { recordRound };
}
