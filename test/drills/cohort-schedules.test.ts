import { describe, expect, it } from 'vitest';
import { createCoach } from '../../src/core/coach.ts';
import { createDrillScheduler } from '../../src/core/drill-scheduler.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Actor, DrillPoster, Reply } from '../../src/core/ports.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { gradeOf, ScriptedFeedbackModel } from '../fakes/scripted-feedback-model.ts';
import { miniPack } from '../support/core-harness.ts';

const admin: Actor = { platform: 'slack', tenant: 'T1', user: 'U-admin', roles: ['admin'] };
const packs = new Map([[miniPack.id, miniPack]]);
const hour = 60 * 60 * 1000;

async function setUp() {
  // Monday 2026-11-23 00:00 UTC.
  const clock = new ManualClock(Date.parse('2026-11-23T00:00:00Z'));
  const store = await CoachStore.open({ url: 'memory://', cwd: process.cwd(), clock });
  const feedback = new ScriptedFeedbackModel(() => gradeOf(4));
  const coach = createCoach({ store, packs, feedback, clock, logger: silentLogger });
  const posts: { channel: string; date: string | null; at: string }[] = [];
  const poster: DrillPoster = {
    platform: 'slack',
    async postDrill(_tenant: string, channel: string, reply: Reply) {
      const date = reply.type === 'question' ? reply.drillDate : null;
      posts.push({ channel, date, at: new Date(clock.now()).toISOString() });
      return { id: `p${posts.length}`, thread: `t${posts.length}` };
    },
  };
  const scheduler = createDrillScheduler({
    store,
    packs,
    defaultPackId: 'mini',
    clock,
    logger: silentLogger,
    posters: [poster],
  });
  return { clock, store, coach, scheduler, posts };
}

describe('cohort drill schedules', () => {
  it('posts two cohorts of one workspace at their own local times, each once', async () => {
    const { clock, coach, scheduler, posts } = await setUp();
    await coach.configureCohort(admin, 'C-berlin', { drillTime: '08:00', timezone: 'Europe/Berlin' });
    await coach.configureCohort(admin, 'C-chicago', { drillTime: '08:00', timezone: 'America/Chicago' });
    for (let step = 0; step < 24; step += 1) {
      await scheduler.runDue();
      clock.advance(hour);
    }
    // 08:00 in Berlin is 07:00 UTC; 08:00 in Chicago is 14:00 UTC (both in standard time in November).
    expect(posts).toEqual([
      { channel: 'C-berlin', date: '2026-11-23', at: '2026-11-23T07:00:00.000Z' },
      { channel: 'C-chicago', date: '2026-11-23', at: '2026-11-23T14:00:00.000Z' },
    ]);
  });

  it('does not post again for the migrated cohort when an older instance already claimed the day', async () => {
    const { clock, store, scheduler, posts } = await setUp();
    // A workspace as version 2 stored it, whose drill a not-yet-upgraded instance posted today.
    await store.putTenantConfig('slack', 'T1', {
      v: 2,
      drillChannel: 'C-drill',
      drillTime: '09:00',
      timezone: 'UTC',
      packId: null,
      weekdays: [1, 2, 3, 4, 5],
      level: null,
      paused: false,
      skipDates: [],
      instructorRole: null,
    } as never);
    await store.markScheduled('slack', 'T1', true);
    expect(await store.claim('drill-post:slack:T1:2026-11-23', 3 * 24 * hour)).toBe(true);
    clock.advance(10 * hour);
    expect(await scheduler.runDue()).toEqual([]);
    clock.advance(24 * hour);
    expect(await scheduler.runDue()).toEqual(['slack:T1']);
    expect(posts).toEqual([{ channel: 'C-drill', date: '2026-11-24', at: '2026-11-24T10:00:00.000Z' }]);
  });
});
