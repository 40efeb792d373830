// drill.fanout_s: 1,000 members answer the posted daily drill within the same minute, on one instance
// with the offline grader and the SQLite store; the time until every answer is graded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPacks } from '../src/content/load-pack.ts';
import { createCoach } from '../src/core/coach.ts';
import { createDrillScheduler } from '../src/core/drill-scheduler.ts';
import { silentLogger } from '../src/core/logger.ts';
import type { Actor, Outbox, Reply } from '../src/core/ports.ts';
import { createOfflineFeedbackModel } from '../src/feedback/offline-model.ts';
import { CoachStore } from '../src/store/coach-store.ts';
import { benchAnswer, benchEvent } from './bench-support.ts';

export async function benchDrill(print: (name: string, value: number, unit: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'starcoach-drill-'));
  // Monday 09:00 UTC: the drill is due.
  let now = Date.parse('2026-11-23T09:00:30Z');
  const clock = { now: () => now };
  const packs = loadPacks();
  const store = await CoachStore.open({ url: `sqlite://${join(dir, 'drill.sqlite')}`, cwd: dir, clock });
  try {
    const coach = createCoach({
      store,
      packs,
      feedback: createOfflineFeedbackModel(),
      clock,
      logger: silentLogger,
    });
    const admin: Actor = { platform: 'bench', tenant: 'cohort', user: 'instructor', roles: ['instructor'] };
    await coach.configureCohort(admin, null, {
      drillChannel: 'C-drill',
      drillTime: '09:00',
      timezone: 'UTC',
      weekdays: [1],
    });
    const poster = {
      platform: 'bench',
      postDrill: async (_tenant: string, _channel: string, _reply: Reply) => ({
        id: 'post',
        thread: 'drill-thread',
      }),
    };
    const scheduler = createDrillScheduler({
      store,
      packs,
      defaultPackId: 'medical-coding',
      clock,
      logger: silentLogger,
      posters: [poster],
    });
    if ((await scheduler.runDue()).length !== 1) throw new Error('the bench drill was not posted');
    let graded = 0;
    const outbox: Outbox = {
      send: async () => ({ id: 'x' }),
      update: async (_handle, reply) => {
        if (reply.type === 'feedback' && reply.status === 'final') graded += 1;
      },
    };
    const members = Array.from(
      { length: 1000 },
      (_, index): Actor => ({ platform: 'bench', tenant: 'cohort', user: `m${index}` }),
    );
    const started = performance.now();
    // Answers spread over the minute arrive faster than they are graded, so they all queue at once.
    await Promise.all(
      members.map((member) => {
        now += 50;
        const place = { channel: 'C-drill', thread: 'drill-thread' };
        return coach.handle(
          { ...benchEvent(member, { type: 'answer-submit', text: benchAnswer }), place },
          outbox,
        );
      }),
    );
    if (graded !== members.length)
      throw new Error(`only ${graded} of ${members.length} drill answers were graded`);
    print('drill.fanout_s', (performance.now() - started) / 1000, 's');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
