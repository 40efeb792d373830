import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coach } from '../../src/core/coach.ts';
import type { PairMatch } from '../../src/core/pairing/pair-queue.ts';
import type { Actor } from '../../src/core/ports.ts';
import { UserFacingError } from '../../src/errors.ts';
import type { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';
import { addCohort, openTwoInstances } from '../support/core-harness.ts';

const minute = 60 * 1000;
const day = 24 * 60 * minute;
let tenants = 0;

for (const backend of backendCases()) {
  describe.skipIf(backend.url === null)(`the pairing queue on ${backend.name}`, () => {
    const clock = new ManualClock();
    const prefix = uniquePrefix(`pairing_${backend.name}`);
    let coach: Coach;
    let store: CoachStore;
    let other: { coach: Coach; store: CoachStore };
    let instances: Awaited<ReturnType<typeof openTwoInstances>>;
    let ids = 0;
    const newId = () => `e${String(++ids).padStart(6, '0')}`;

    beforeAll(async () => {
      instances = await openTwoInstances(backend, clock, prefix, { newId });
      ({ coach, store } = instances.first);
      other = instances.second;
    });
    afterAll(async () => {
      await instances?.close();
      await dropTestData(backend, prefix);
    });

    /** A workspace of its own per test, so queues never mix. */
    function workspace() {
      const tenant = `T${++tenants}`;
      return (user: string): Actor => ({ platform: 'slack', tenant, user });
    }

    it('matches a member who joins with the one waiting, who interviews first, and empties the queue', async () => {
      const member = workspace();
      expect(await coach.pairing.join(member('ann'), { channel: null })).toMatchObject({ status: 'waiting' });
      clock.advance(1000);
      const joined = await other.coach.pairing.join(member('bob'), { channel: null, level: 'senior' });
      expect(joined.status).toBe('matched');
      const match = (joined as { match: PairMatch }).match;
      expect([match.first.user, match.second.user]).toEqual(['ann', 'bob']);
      expect(match.request).toEqual({ packId: 'mini', kind: null, level: 'senior' });
      expect(await store.pairQueue(`slack:${member('x').tenant}:`)).toEqual([]);
      expect(await coach.pairing.cancel(member('ann'), null)).toBe(false);
    });

    it('keeps workspaces, cohorts and incompatible levels apart', async () => {
      const member = workspace();
      const elsewhere = workspace();
      await addCohort(store, member('x'), 'C-cohort');
      await coach.pairing.join(member('ann'), { channel: null, level: 'junior' });
      expect((await coach.pairing.join(member('bob'), { channel: null, level: 'senior' })).status).toBe(
        'waiting',
      );
      const cat = await coach.pairing.join(member('cat'), { channel: 'C-cohort' });
      expect(cat).toMatchObject({ status: 'waiting', cohort: 'C-cohort' });
      // A channel that is no cohort's joins the workspace's queue.
      expect(await coach.pairing.join(workspace()('fay'), { channel: 'C-plain' })).toMatchObject({
        status: 'waiting',
        cohort: null,
      });
      expect((await coach.pairing.join(elsewhere('dan'), { channel: null })).status).toBe('waiting');
      const eve = await coach.pairing.join(member('eve'), { channel: null, level: 'senior' });
      expect(eve).toMatchObject({ status: 'matched', match: { first: { user: 'bob' } } });
    });

    it('never matches a member with someone they blocked, or who blocked them', async () => {
      const member = workspace();
      await coach.pairing.block(member('ann'), 'bob');
      await coach.pairing.join(member('ann'), { channel: null });
      expect((await other.coach.pairing.join(member('bob'), { channel: null })).status).toBe('waiting');
      const cat = await coach.pairing.join(member('cat'), { channel: null });
      expect(cat).toMatchObject({ status: 'matched', match: { first: { user: 'ann' } } });
      await coach.pairing.block(member('dan'), 'bob');
      expect((await coach.pairing.join(member('dan'), { channel: null })).status).toBe('waiting');
      await expect(coach.pairing.block(member('dan'), 'dan')).rejects.toThrow(UserFacingError);
    });

    it('prefers someone not paired with them in the last week', async () => {
      const member = workspace();
      await coach.pairing.join(member('ann'), { channel: null });
      await coach.pairing.join(member('bob'), { channel: null });
      clock.advance(2 * day);
      await coach.pairing.join(member('ann'), { channel: null, level: 'junior' });
      clock.advance(1000);
      await coach.pairing.join(member('cat'), { channel: null, level: 'senior' });
      // Ann waited longer, but Bob practised with her two days ago.
      const bob = await coach.pairing.join(member('bob'), { channel: null });
      expect(bob).toMatchObject({ status: 'matched', match: { first: { user: 'cat' } } });
    });

    it('says when a member is already waiting, limits joins, and lets a member leave', async () => {
      const member = workspace();
      const first = await coach.pairing.join(member('ann'), { channel: null });
      expect(await coach.pairing.join(member('ann'), { channel: null })).toEqual({
        status: 'already-waiting',
        entry: (first as { entry: unknown }).entry,
        cohort: null,
      });
      expect(await coach.pairing.cancel(member('ann'), null)).toBe(true);
      expect(await coach.pairing.cancel(member('ann'), null)).toBe(false);
      // Leaving and joining again at once is spam: wait a few seconds.
      await expect(coach.pairing.join(member('ann'), { channel: null })).rejects.toMatchObject({
        code: 'PAIR_RATE_LIMITED',
      });
      clock.advance(6000);
      expect((await coach.pairing.join(member('ann'), { channel: null })).status).toBe('waiting');
    });

    it('ends waits past STARCOACH_PAIR_WAIT_MINUTES in the sweep, once across instances', async () => {
      const member = workspace();
      await addCohort(store, member('x'), 'C-late');
      await coach.pairing.join(member('ann'), { channel: 'C-late' });
      clock.advance(14 * minute);
      const tenant = member('x').tenant;
      const early = await coach.pairing.sweep();
      expect(early.expired.filter(({ place }) => place.tenant === tenant)).toEqual([]);
      clock.advance(minute);
      const [one, two] = await Promise.all([coach.pairing.sweep(), other.coach.pairing.sweep()]);
      const expired = [...one.expired, ...two.expired].filter(({ place }) => place.tenant === tenant);
      expect(expired).toHaveLength(1);
      expect(expired[0]?.place).toEqual({ platform: 'slack', tenant, cohort: 'C-late' });
      expect(expired[0]?.entry.user).toBe('ann');
    });

    it('matches 100 members joining at once on two instances: each once, never with a blocker', async () => {
      clock.advance(60 * minute);
      const member = workspace();
      const users = Array.from({ length: 100 }, (_, index) => `u${index}`);
      // Every tenth member blocks the next one.
      for (let index = 0; index < 100; index += 10)
        await coach.pairing.block(member(users[index]!), users[index + 1]!);
      const joins = await Promise.all(
        users.map((user, index) =>
          (index % 2 ? other.coach : coach).pairing.join(member(user), { channel: null }),
        ),
      );
      const matches = joins.flatMap((joined) => (joined.status === 'matched' ? [joined.match] : []));
      for (let round = 0; round < 5; round += 1) {
        const swept = await Promise.all([coach.pairing.sweep(), other.coach.pairing.sweep()]);
        matches.push(...swept.flatMap((result) => result.matches));
      }
      const seen = matches.flatMap((match) => [match.first.user, match.second.user]);
      expect(new Set(seen).size).toBe(seen.length);
      const blocked = (a: string, b: string) => {
        const [x, y] = [Number(a.slice(1)), Number(b.slice(1))];
        return (x % 10 === 0 && y === x + 1) || (y % 10 === 0 && x === y + 1);
      };
      for (const match of matches) expect(blocked(match.first.user, match.second.user)).toBe(false);
      // Whoever is left could not be matched: nobody compatible and unblocked remains waiting.
      const left = users.filter((user) => !seen.includes(user));
      for (const a of left) for (const b of left) if (a !== b) expect(blocked(a, b)).toBe(true);
      expect(left.length).toBeLessThanOrEqual(2);
    });
  });
}
