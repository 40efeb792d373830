import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coach } from '../../src/core/coach.ts';
import type { DirectMessage, DirectMessenger } from '../../src/core/direct-messages.ts';
import type { Logger } from '../../src/core/logger.ts';
import { queueName } from '../../src/core/pairing/pair-queue.ts';
import { encodeEntry } from '../../src/core/pairing/pair-request.ts';
import { createPairScheduler } from '../../src/core/pairing/pair-scheduler.ts';
import type { Actor } from '../../src/core/ports.ts';
import { createOfflineFeedbackModel } from '../../src/feedback/offline-model.ts';
import type { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { RecordingRooms } from '../fakes/recording-rooms.ts';
import { backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';
import { addCohort, openHarness } from '../support/core-harness.ts';

const minute = 60 * 1000;

/** Records each direct message; `failFor` users are refused, as a platform refuses a closed DM. */
class RecordingMessenger implements DirectMessenger {
  readonly sent: { tenant: string; user: string; message: DirectMessage }[] = [];
  constructor(
    readonly platform: string,
    readonly failFor: Set<string> = new Set(),
  ) {}
  async sendDirect(tenant: string, user: string, message: DirectMessage): Promise<void> {
    if (this.failFor.has(user)) throw new Error('cannot_dm_user');
    this.sent.push({ tenant, user, message });
  }
}

for (const backend of backendCases()) {
  describe.skipIf(backend.url === null)(`pair scheduler on ${backend.name}`, () => {
    const clock = new ManualClock();
    const prefix = uniquePrefix(`pair_scheduler_${backend.name}`);
    const warnings: string[] = [];
    const logger: Logger = { warn: (event) => warnings.push(event), error: (event) => warnings.push(event) };
    let coach: Coach;
    let store: CoachStore;
    let tenants = 0;
    let ids = 0;

    beforeAll(async () => {
      ({ coach, store } = await openHarness(createOfflineFeedbackModel(), backend.url!, clock, prefix, {
        newId: () => `s${++ids}`,
      }));
    });
    afterAll(async () => {
      await store?.close();
      await dropTestData(backend, prefix);
    });

    function workspace() {
      const tenant = `T${++tenants}`;
      return { tenant, member: (user: string): Actor => ({ platform: 'slack', tenant, user }) };
    }

    function scheduler(rooms: RecordingRooms[], messengers: DirectMessenger[]) {
      return createPairScheduler({ pairing: coach.pairing, rooms, messengers, logger });
    }

    it('starts a match a race left in the queue, in the rooms of its platform', async () => {
      const { tenant } = workspace();
      const queue = queueName({ platform: 'slack', tenant, cohort: null });
      const entry = (id: string, user: string, at: number) =>
        encodeEntry({ id, user, packId: 'mini', kind: null, level: null, at, channel: null });
      // Two compatible members left waiting, as when each joined while the other's entry was being written.
      await store.joinPairQueue(queue, entry(`race-a-${tenant}`, 'ann', clock.now() - 2000));
      await store.joinPairQueue(queue, entry(`race-b-${tenant}`, 'bob', clock.now() - 1000));
      const slack = new RecordingRooms('slack');
      const discord = new RecordingRooms('discord');
      const outcome = await scheduler([discord, slack], []).runOnce();
      expect(outcome.started).toBe(1);
      expect(discord.opened).toEqual([]);
      expect(slack.opened).toMatchObject([{ tenant, cohort: null, users: ['ann', 'bob'] }]);
      expect(slack.lastPrivate('ann')?.type).toBe('scorecard');
      expect(slack.lastPrivate('bob')).toBeUndefined();
      // Matched once: the next sweep finds nobody.
      expect((await scheduler([slack], []).runOnce()).started).toBe(0);
      expect(slack.opened).toHaveLength(1);
    });

    it('tells both members when the space for a race-left match cannot be opened, and starts nothing', async () => {
      const { tenant } = workspace();
      const queue = queueName({ platform: 'slack', tenant, cohort: null });
      const entry = (id: string, user: string, at: number) =>
        encodeEntry({ id, user, packId: 'mini', kind: null, level: null, at, channel: 'C-study' });
      await store.joinPairQueue(queue, entry(`refused-a-${tenant}`, 'ann', clock.now() - 2000));
      await store.joinPairQueue(queue, entry(`refused-b-${tenant}`, 'bob', clock.now() - 1000));
      const slack = new RecordingRooms('slack');
      slack.refuseOpen = new Error('not allowed');
      const outcome = await scheduler([slack], []).runOnce();
      expect(outcome.started).toBe(0);
      expect(slack.notices.map(({ user }) => user).sort()).toEqual(['ann', 'bob']);
      expect(slack.notices.every(({ message }) => message.type === 'pair-notice')).toBe(true);
      expect(warnings).toContain('pair-start-failed');
      expect(await store.pairSessionsBy('slack', tenant, { member: 'ann' })).toEqual([]);
    });

    it('tells a member nobody came once the wait is over, and takes them out of the queue', async () => {
      const { tenant, member } = workspace();
      await coach.pairing.join(member('cat'), { channel: null, packId: 'mini' });
      const messenger = new RecordingMessenger('slack');
      clock.advance(coach.pairing.waitMinutes * minute - 1000);
      expect((await scheduler([], [messenger]).runOnce()).expired).toBe(0);
      clock.advance(1000);
      expect((await scheduler([], [messenger]).runOnce()).expired).toBe(1);
      expect(messenger.sent).toHaveLength(1);
      expect(messenger.sent[0]).toMatchObject({ tenant, user: 'cat', message: { kind: 'pair-expired' } });
      expect(messenger.sent[0]?.message.text).toContain(`within ${coach.pairing.waitMinutes} minutes`);
      expect(await coach.pairing.cancel(member('cat'), null)).toBe(false);
      // Told once: the entry is gone.
      await scheduler([], [messenger]).runOnce();
      expect(messenger.sent).toHaveLength(1);
    });

    it('a refused notice is logged and the other waits still end', async () => {
      const { member } = workspace();
      await addCohort(store, member('x'), 'C-other');
      await coach.pairing.join(member('dan'), { channel: null, packId: 'mini', level: 'junior' });
      await coach.pairing.join(member('eve'), { channel: 'C-other', packId: 'mini' });
      clock.advance(coach.pairing.waitMinutes * minute);
      const messenger = new RecordingMessenger('slack', new Set(['dan']));
      const outcome = await scheduler([], [messenger]).runOnce();
      expect(outcome.expired).toBe(1);
      expect(messenger.sent.map(({ user }) => user)).toEqual(['eve']);
      expect(warnings).toContain('pair-expired-notice-failed');
    });

    it('ends a session nobody touched for ten minutes, with a note in its space', async () => {
      const { member } = workspace();
      await coach.pairing.join(member('fay'), { channel: null, packId: 'mini' });
      clock.advance(6000);
      const joined = await coach.pairing.join(member('gus'), { channel: null, packId: 'mini' });
      if (joined.status !== 'matched') throw new Error(`expected a match, got ${joined.status}`);
      const rooms = new RecordingRooms('slack');
      const session = await coach.pairing.sessions.start(joined.match, rooms);
      const idleNotes = () =>
        rooms.posts.filter(
          ({ space, message }) =>
            space === session.space && message.type === 'pair-notice' && message.code === 'PAIR_IDLE',
        );
      clock.advance(9 * minute);
      await scheduler([rooms], []).runOnce();
      expect(idleNotes()).toEqual([]);
      clock.advance(minute);
      // Earlier tests' sessions end in the same sweep (same platform): only this one's notes are checked.
      expect((await scheduler([rooms], []).runOnce()).idleEnded).toBeGreaterThanOrEqual(1);
      expect(idleNotes().map(({ space }) => space)).toEqual([session.space]);
      expect(rooms.posts.at(-1)).toMatchObject({
        space: session.space,
        message: { type: 'pair-notice', code: 'PAIR_IDLE' },
      });
      await expect(
        coach.pairing.sessions.mark(member('fay'), session.id, 0, { kind: 'overall', score: 3 }),
      ).rejects.toMatchObject({ code: 'PAIR_SESSION_GONE' });
    });
  });
}
