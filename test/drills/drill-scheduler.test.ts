import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoach } from '../../src/core/coach.ts';
import { createDrillScheduler } from '../../src/core/drill-scheduler.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Actor, DrillPoster, Reply } from '../../src/core/ports.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { RecordingOutbox } from '../fakes/recording-outbox.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';
import { eventFor, miniPack } from '../support/core-harness.ts';

const admin: Actor = { platform: 'slack', tenant: 'T9', user: 'U-admin', roles: ['admin'] };
const member = (user: string): Actor => ({ platform: 'slack', tenant: 'T9', user });
const packs = new Map([[miniPack.id, miniPack]]);

class RecordingPoster implements DrillPoster {
  readonly platform = 'slack';
  readonly posts: { tenant: string; channel: string; reply: Reply }[] = [];
  failNext = false;

  async postDrill(tenant: string, channel: string, reply: Reply) {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.failNext) {
      this.failNext = false;
      throw new Error('not_in_channel');
    }
    this.posts.push({ tenant, channel, reply });
    return { id: `post-${this.posts.length}`, thread: `drill-thread-${this.posts.length}` };
  }
}

/** One bot instance: its own store connection, coach and scheduler, on the shared backend. */
async function instance(url: string, prefix: string, clock: ManualClock, model: ScriptedFeedbackModel) {
  const store = await CoachStore.open({ url, cwd: process.cwd(), clock, prefix });
  const coach = createCoach({ store, packs, feedback: model, clock, logger: silentLogger, random: () => 0 });
  const poster = new RecordingPoster();
  const scheduler = createDrillScheduler({
    store,
    packs,
    defaultPackId: 'mini',
    clock,
    logger: silentLogger,
    posters: [poster],
  });
  return { store, coach, poster, scheduler };
}

for (const backend of backendCases().filter((candidate) => candidate.name !== 'memory')) {
  describe.skipIf(backend.url === null)(`daily drills across two instances on ${backend.name}`, () => {
    const prefix = uniquePrefix(`drills_${backend.name}`);
    // Monday 2026-11-23, 08:00 in New York (13:00 UTC): an hour before the drill.
    const clock = new ManualClock(Date.parse('2026-11-23T13:00:00Z'));
    const model = new ScriptedFeedbackModel(() => gradeOf(4));
    let a: Awaited<ReturnType<typeof instance>>;
    let b: Awaited<ReturnType<typeof instance>>;

    beforeAll(async () => {
      a = await instance(backend.url!, prefix, clock, model);
      b = await instance(backend.url!, prefix, clock, model);
      await a.coach.configureCohort(admin, null, {
        drillChannel: 'C-drill',
        drillTime: '09:00',
        timezone: 'America/New_York',
      });
    });
    afterAll(async () => {
      await a?.store.close();
      await b?.store.close();
      await dropTestData(backend, prefix);
    });

    it('posts nothing before the local drill time', async () => {
      expect(await Promise.all([a.scheduler.runDue(), b.scheduler.runDue()])).toEqual([[], []]);
    });

    it('posts the drill exactly once when both instances race for it', async () => {
      clock.advance(60 * 60 * 1000);
      const results = await Promise.all([a.scheduler.runDue(), b.scheduler.runDue(), a.scheduler.runDue()]);
      expect(results.flat()).toEqual(['slack:T9']);
      const posts = [...a.poster.posts, ...b.poster.posts];
      expect(posts).toHaveLength(1);
      expect(posts[0]).toMatchObject({
        tenant: 'T9',
        channel: 'C-drill',
        reply: { type: 'question', drillDate: '2026-11-23' },
      });
    });

    it('grades each member’s answer in the drill thread once, even when both instances get it', async () => {
      const thread = { channel: 'C-drill', thread: 'drill-thread-1' };
      const outA = new RecordingOutbox();
      const outB = new RecordingOutbox();
      const before = model.requests.length;
      const answerOne = eventFor(
        member('U1'),
        thread,
        { type: 'answer-submit', text: 'I would code R07.9 and query.' },
        'Ev-1',
      );
      const answerTwo = eventFor(
        member('U2'),
        thread,
        { type: 'answer-submit', text: 'I would query the physician.' },
        'Ev-2',
      );
      await Promise.all([
        a.coach.handle(answerOne, outA),
        b.coach.handle(answerOne, outB),
        a.coach.handle(answerTwo, outA),
        b.coach.handle(answerTwo, outB),
      ]);
      expect(model.requests.length - before).toBe(2);
      expect((await a.coach.progress(member('U1'))).streak).toBe(1);
      expect((await b.coach.progress(member('U2'))).answered).toBe(1);
    });

    it('posts again the next day, and a restarted instance catches up once on a missed post', async () => {
      clock.advance(24 * 60 * 60 * 1000 + 5 * 60 * 60 * 1000);
      // Both "restart" after 14:00 local on Tuesday: the post is still due today.
      const restarted = await instance(backend.url!, prefix, clock, model);
      const earlier = a.poster.posts.length;
      const results = await Promise.all([restarted.scheduler.runDue(), a.scheduler.runDue()]);
      expect(results.flat()).toEqual(['slack:T9']);
      const fresh = [...restarted.poster.posts, ...a.poster.posts.slice(earlier)];
      expect(fresh.map((post) => post.reply)).toMatchObject([{ drillDate: '2026-11-24' }]);
      await restarted.store.close();
    });

    it('tries again after a failed post, and honours pause and skip', async () => {
      clock.advance(24 * 60 * 60 * 1000);
      a.poster.failNext = true;
      expect(await a.scheduler.runDue()).toEqual([]);
      expect(await a.scheduler.runDue()).toEqual(['slack:T9']);
      await a.coach.configureCohort(admin, 'C-drill', { paused: true });
      clock.advance(24 * 60 * 60 * 1000);
      expect(await b.scheduler.runDue()).toEqual([]);
      await a.coach.configureCohort(admin, 'C-drill', { paused: false, skipDate: '2026-11-26' });
      expect(await b.scheduler.runDue()).toEqual([]);
      clock.advance(24 * 60 * 60 * 1000);
      expect(await b.scheduler.runDue()).toEqual(['slack:T9']);
    });
  });

  if (backend.url === null) {
    describe(`daily drills on ${backend.name}`, () => {
      it.skip(backend.skipReason, () => {});
    });
  }
}
