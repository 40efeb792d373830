import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coach } from '../../src/core/coach.ts';
import type { PairMatch } from '../../src/core/pairing/pair-queue.ts';
import type { ScorecardView } from '../../src/core/pairing/scorecard.ts';
import type { Actor } from '../../src/core/ports.ts';
import type { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { RecordingRooms } from '../fakes/recording-rooms.ts';
import { backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';
import { openTwoInstances } from '../support/core-harness.ts';

const minute = 60 * 1000;
let tenants = 0;

for (const backend of backendCases()) {
  describe.skipIf(backend.url === null)(`peer sessions on ${backend.name}`, () => {
    const clock = new ManualClock();
    const prefix = uniquePrefix(`peers_${backend.name}`);
    let coach: Coach;
    let store: CoachStore;
    let other: { coach: Coach; store: CoachStore };
    let instances: Awaited<ReturnType<typeof openTwoInstances>>;
    let ids = 0;
    const newId = () => `p${++ids}`;

    beforeAll(async () => {
      instances = await openTwoInstances(backend, clock, prefix, { newId });
      ({ coach, store } = instances.first);
      other = instances.second;
    });
    afterAll(async () => {
      await instances?.close();
      await dropTestData(backend, prefix);
    });

    /** Ann waited, Bob joined: matched in a workspace of its own. */
    async function matched() {
      const tenant = `T${++tenants}`;
      const member = (user: string): Actor => ({ platform: 'slack', tenant, user });
      await coach.pairing.join(member('ann'), { channel: null, packId: 'mini' });
      clock.advance(1000);
      const joined = await coach.pairing.join(member('bob'), { channel: null, packId: 'mini' });
      expect(joined.status).toBe('matched');
      const rooms = new RecordingRooms();
      const session = await coach.pairing.sessions.start((joined as { match: PairMatch }).match, rooms);
      return { member, rooms, session };
    }

    /** Marks every key point and an overall score, as the interviewer's buttons would. */
    async function markAll(as: Actor, id: string, round: 0 | 1, card: ScorecardView, overall: number) {
      for (const point of card.keyPoints)
        await other.coach.pairing.sessions.mark(as, id, round, {
          kind: 'point',
          index: point.index,
          mark: point.index === 0 ? 'covered' : 'missed',
        });
      await coach.pairing.sessions.mark(as, id, round, { kind: 'flag', index: 0, heard: true });
      return coach.pairing.sessions.mark(as, id, round, { kind: 'overall', score: overall });
    }

    it('opens a private space, says who interviews first, and gives only the interviewer the scorecard', async () => {
      const { rooms, session } = await matched();
      expect(rooms.opened).toEqual([
        { tenant: session.tenant, cohort: null, channel: null, users: ['ann', 'bob'], space: session.space },
      ]);
      expect(rooms.posts[0]?.message).toMatchObject({ type: 'pair-notice', code: 'PAIR_STARTED' });
      expect(rooms.posts[0]?.message.type === 'pair-notice' && rooms.posts[0].message.text).toMatch(
        /<@ann> interviews <@bob> first/,
      );
      expect(rooms.privates.map(({ user }) => user)).toEqual(['ann']);
      const card = rooms.lastPrivate('ann');
      expect(card?.type).toBe('scorecard');
      if (card?.type !== 'scorecard') return;
      expect(card.card).toMatchObject({ candidate: 'bob', round: 0, overall: null, complete: false });
      expect(card.card.keyPoints.length).toBeGreaterThan(0);
      expect(card.card.redFlags.length).toBeGreaterThan(0);
      expect(card.text).toMatch(/What you are really checking: /);
    });

    it('lets only the interviewer mark, refuses an incomplete card, then records the round and swaps', async () => {
      const { member, rooms, session } = await matched();
      const first = rooms.lastPrivate('ann');
      if (first?.type !== 'scorecard') throw new Error('no scorecard');
      await expect(
        coach.pairing.sessions.mark(member('bob'), session.id, 0, { kind: 'overall', score: 5 }),
      ).rejects.toMatchObject({ code: 'PAIR_NOT_INTERVIEWER' });
      await expect(
        coach.pairing.sessions.mark(member('eve'), session.id, 0, { kind: 'overall', score: 5 }),
      ).rejects.toMatchObject({ code: 'PAIR_SESSION_GONE' });
      await expect(coach.pairing.sessions.submit(member('ann'), session.id, 0, rooms)).rejects.toMatchObject({
        code: 'PAIR_CARD_INCOMPLETE',
      });
      const marked = await markAll(member('ann'), session.id, 0, first.card, 4);
      expect(marked.complete).toBe(true);
      expect(marked.redFlags[0]?.heard).toBe(true);

      expect(await other.coach.pairing.sessions.submit(member('ann'), session.id, 0, rooms)).toBe('swapped');
      const bob = await store.getHistory(member('bob'));
      expect(bob.peer).toEqual([
        expect.objectContaining({
          questionId: session.questionIds[0],
          score: 4,
          covered: 1,
          flags: 1,
          partner: 'ann',
        }),
      ]);
      // Graded figures are untouched: a peer's score is not the grader's.
      expect(bob.attempts).toEqual([]);
      expect(rooms.posts.at(-1)?.message).toMatchObject({ code: 'PAIR_SWAPPED' });
      expect(rooms.lastPrivate('bob')).toMatchObject({
        type: 'scorecard',
        card: { candidate: 'ann', round: 1 },
      });
      await expect(
        coach.pairing.sessions.mark(member('ann'), session.id, 0, { kind: 'overall', score: 1 }),
      ).rejects.toMatchObject({ code: 'PAIR_ROUND_OVER' });
    });

    it('after the second round sends each member a private summary, once, and keeps nothing of the session', async () => {
      const { member, rooms, session } = await matched();
      const first = rooms.lastPrivate('ann');
      if (first?.type !== 'scorecard') throw new Error('no scorecard');
      await markAll(member('ann'), session.id, 0, first.card, 3);
      await coach.pairing.sessions.submit(member('ann'), session.id, 0, rooms);
      const second = rooms.lastPrivate('bob');
      if (second?.type !== 'scorecard') throw new Error('no second scorecard');
      await markAll(member('bob'), session.id, 1, second.card, 5);
      const results = await Promise.allSettled([
        coach.pairing.sessions.submit(member('bob'), session.id, 1, rooms),
        other.coach.pairing.sessions.submit(member('bob'), session.id, 1, rooms),
      ]);
      expect(results.some((result) => result.status === 'fulfilled' && result.value === 'finished')).toBe(
        true,
      );
      const summaries = rooms.privates.filter(({ message }) => message.type === 'pair-summary');
      expect(summaries.map(({ user }) => user).sort()).toEqual(['ann', 'bob']);
      const annSummary = summaries.find(({ user }) => user === 'ann')?.message;
      expect(annSummary?.type === 'pair-summary' && annSummary.text).toMatch(/<@bob> scored it 5\/5/);
      expect(await store.getPairSession('slack', session.tenant, session.id)).toBeUndefined();
      expect((await store.getHistory(member('ann'))).peer).toHaveLength(1);
      expect((await store.getHistory(member('bob'))).peer).toHaveLength(1);
    });

    it('ends when a member ends it, telling the other, and records nothing of an unsubmitted round', async () => {
      const { member, rooms, session } = await matched();
      await coach.pairing.sessions.mark(member('ann'), session.id, 0, { kind: 'overall', score: 2 });
      await coach.pairing.sessions.end(member('bob'), session.id, rooms);
      expect(rooms.posts.at(-1)?.message).toMatchObject({ code: 'PAIR_ENDED' });
      expect(await store.getPairSession('slack', session.tenant, session.id)).toBeUndefined();
      expect((await store.getHistory(member('bob'))).peer).toEqual([]);
      await expect(
        coach.pairing.sessions.mark(member('ann'), session.id, 0, { kind: 'overall', score: 3 }),
      ).rejects.toMatchObject({ code: 'PAIR_SESSION_GONE' });
    });

    it('ends a session idle for 10 minutes, once across instances, with a note to both', async () => {
      const { rooms, session } = await matched();
      clock.advance(9 * minute);
      expect(await coach.pairing.sessions.sweepIdle(() => rooms)).toBe(0);
      clock.advance(minute);
      const ended = await Promise.all([
        coach.pairing.sessions.sweepIdle(() => rooms),
        other.coach.pairing.sessions.sweepIdle(() => rooms),
      ]);
      expect(ended.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(1);
      expect(
        rooms.posts.filter(
          ({ space, message }) =>
            space === session.space && message.type === 'pair-notice' && message.code === 'PAIR_IDLE',
        ),
      ).toHaveLength(1);
      expect(await store.getPairSession('slack', session.tenant, session.id)).toBeUndefined();
    });

    it('stores what the candidate types, redacted, grades it on submit, and puts the grade in the summary', async () => {
      const { member, rooms, session } = await matched();
      const space = session.space!;
      const typed =
        'I would query the provider before coding. Patient MRN 48213377, call 555-201-3344. ' +
        'I code only what the documentation supports and cite the guideline.';
      expect(await coach.pairing.sessions.answer(member('bob'), space, typed, 'msg-1')).toBe('stored');
      // A re-delivered message is kept once; the interviewer's own words are not an answer.
      expect(await other.coach.pairing.sessions.answer(member('bob'), space, typed, 'msg-1')).toBe(
        'duplicate',
      );
      expect(await coach.pairing.sessions.answer(member('ann'), space, 'Go on.', 'msg-2')).toBe(
        'not-candidate',
      );
      expect(await coach.pairing.sessions.answer(member('bob'), 'elsewhere', typed, 'msg-3')).toBe('none');
      await expect(coach.pairing.sessions.answer(member('bob'), space, '   ', 'msg-4')).rejects.toMatchObject(
        {
          code: 'EMPTY_ANSWER',
        },
      );
      const stored = await store.getPairSession('slack', session.tenant, session.id);
      expect(stored?.typed[0]?.parts).toHaveLength(1);
      expect(stored?.typed[0]?.parts[0]).not.toMatch(/48213377|555-201-3344/);
      expect(stored?.typed[0]?.grade).toBeNull();

      const first = rooms.lastPrivate('ann');
      if (first?.type !== 'scorecard') throw new Error('no scorecard');
      await markAll(member('ann'), session.id, 0, first.card, 4);
      await coach.pairing.sessions.submit(member('ann'), session.id, 0, rooms);
      const [attempt] = (await store.getHistory(member('bob'))).peer;
      expect(attempt).toMatchObject({ source: 'peer', score: 4, partner: 'ann' });
      expect(attempt?.botScore).toBeGreaterThanOrEqual(1);
      const logged = await store.loggedAnswers(member('bob'), clock.now() - 60 * minute);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ source: 'peer', score: attempt?.botScore });
      expect(logged[0]?.answers.join(' ')).not.toMatch(/48213377/);
      expect((await store.getHistory(member('bob'))).activeDays).toHaveLength(1);

      const second = rooms.lastPrivate('bob');
      if (second?.type !== 'scorecard') throw new Error('no second scorecard');
      await markAll(member('bob'), session.id, 1, second.card, 2);
      await coach.pairing.sessions.submit(member('bob'), session.id, 1, rooms);
      const bobSummary = rooms.privates.find(
        ({ user, message }) => user === 'bob' && message.type === 'pair-summary',
      )?.message;
      expect(bobSummary?.type === 'pair-summary' && bobSummary.text).toMatch(
        new RegExp(`graded your typed answer ${attempt?.botScore}/5`),
      );
      const annSummary = rooms.privates.find(
        ({ user, message }) => user === 'ann' && message.type === 'pair-summary',
      )?.message;
      // Ann answered out loud: her summary has the peer's card only.
      expect(annSummary?.type === 'pair-summary' && annSummary.text).not.toMatch(/typed answer/);
      expect((await store.getHistory(member('ann'))).peer[0]?.botScore).toBeNull();
    });

    it("finds the interviewer's card again, and refuses the candidate and members with no session", async () => {
      const { member, rooms, session } = await matched();
      await coach.pairing.sessions.mark(member('ann'), session.id, 0, { kind: 'overall', score: 3 });
      const card = await other.coach.pairing.sessions.card(member('ann'));
      expect(card).toMatchObject({ pairId: session.id, round: 0, candidate: 'bob', overall: 3 });
      expect(await coach.pairing.sessions.card(member('ann'), session.id)).toEqual(card);
      await expect(coach.pairing.sessions.card(member('bob'))).rejects.toMatchObject({
        code: 'PAIR_NOT_INTERVIEWER',
      });
      await expect(coach.pairing.sessions.card(member('cat'))).rejects.toMatchObject({
        code: 'PAIR_NO_SESSION',
      });
      const before = rooms.privates.length;
      await coach.pairing.sessions.resendCard(member('ann'), rooms);
      expect(rooms.privates.slice(before)).toMatchObject([
        { user: 'ann', space: session.space, message: { type: 'scorecard', card: { overall: 3 } } },
      ]);
    });

    it('ends when a member leaves the space, once, with a note to the other', async () => {
      const { member, rooms, session } = await matched();
      const space = session.space!;
      expect(await coach.pairing.sessions.left('slack', session.tenant, space, 'cat', rooms)).toBe(false);
      const left = await Promise.all([
        coach.pairing.sessions.left('slack', session.tenant, space, 'bob', rooms),
        other.coach.pairing.sessions.left('slack', session.tenant, space, 'bob', rooms),
      ]);
      expect(left.filter(Boolean)).toHaveLength(1);
      expect(
        rooms.posts.filter(({ message }) => message.type === 'pair-notice' && message.code === 'PAIR_LEFT'),
      ).toHaveLength(1);
      expect(await coach.pairing.sessions.inSpace('slack', session.tenant, space)).toBeNull();
      expect(await store.pairSessionsBy('slack', session.tenant, { space })).toEqual([]);
      expect(await store.pairSessionsBy('slack', session.tenant, { member: 'ann' })).toEqual([]);
      await expect(coach.pairing.sessions.card(member('ann'))).rejects.toMatchObject({
        code: 'PAIR_NO_SESSION',
      });
    });

    it('tells the member who waited when the space cannot be opened, and stores nothing', async () => {
      const tenant = `T${++tenants}`;
      const member = (user: string): Actor => ({ platform: 'slack', tenant, user });
      await coach.pairing.join(member('ann'), { channel: 'C-study', packId: 'mini' });
      clock.advance(1000);
      const joined = await coach.pairing.join(member('bob'), { channel: 'C-study', packId: 'mini' });
      if (joined.status !== 'matched') throw new Error('not matched');
      expect(joined.match.channel).toBe('C-study');
      const rooms = new RecordingRooms();
      rooms.refuseOpen = new Error('missing_scope');
      await expect(coach.pairing.sessions.start(joined.match, rooms)).rejects.toMatchObject({
        code: 'PAIR_OPEN_FAILED',
        message: expect.stringMatching(/<@ann>/),
      });
      expect(rooms.notices).toMatchObject([
        { user: 'ann', message: { type: 'pair-notice', code: 'PAIR_OPEN_FAILED' } },
      ]);
      const notice = rooms.notices[0]?.message;
      expect(notice?.type === 'pair-notice' && notice.text).toMatch(/<@bob>/);
      expect(await store.pairSessionsBy('slack', tenant, { member: 'ann' })).toEqual([]);
    });
  });
}
