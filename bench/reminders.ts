// reminders.fanout_s: 10,000 members across 20 cohorts whose daily reminders are all due in the same
// minute, on one instance with the SQLite store and an in-process messenger that records; the time for
// one scheduler pass to decide, claim and send every one (the instructors' Monday digests included).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPacks } from '../src/content/load-pack.ts';
import type { Cohort } from '../src/core/cohort-records.ts';
import type { DirectMessage } from '../src/core/direct-messages.ts';
import { silentLogger } from '../src/core/logger.ts';
import { mapLimited } from '../src/core/map-limited.ts';
import { createReminderScheduler } from '../src/core/reminder-scheduler.ts';
import { CoachStore } from '../src/store/coach-store.ts';

const cohortCount = 20;
const memberCount = 10_000;

export async function benchReminders(print: (name: string, value: number, unit: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'starcoach-reminders-'));
  // Monday 18:00:30 UTC: every member's 18:00 reminder is due, and every cohort's digest.
  const now = Date.parse('2026-11-23T18:00:30Z');
  const clock = { now: () => now };
  const store = await CoachStore.open({ url: `sqlite://${join(dir, 'reminders.sqlite')}`, cwd: dir, clock });
  try {
    const cohorts: Cohort[] = Array.from({ length: cohortCount }, (_, index) => ({
      drillTime: '09:00',
      timezone: 'UTC',
      packId: 'medical-coding',
      weekdays: [1, 2, 3, 4, 5],
      level: null,
      drillChannel: `C${index}`,
      paused: false,
      skipDates: [],
      instructors: [`I${index}`],
      assignments: [],
      createdAt: 1,
    }));
    await store.updateTenantConfig('bench', 'school', (config) => ({
      ...config,
      cohorts: Object.fromEntries(cohorts.map((cohort) => [cohort.drillChannel, cohort])),
    }));
    await store.markScheduled('bench', 'school', true);
    await mapLimited(
      Array.from({ length: memberCount }, (_, index) => index),
      64,
      async (index) => {
        const actor = { platform: 'bench', tenant: 'school', user: `m${index}` };
        await store.joinCohort(actor, `C${index % cohortCount}`);
        await store.updateMemberSettings(actor, (settings) => ({ ...settings, remind: '18:00' }));
      },
    );
    const sent: DirectMessage[] = [];
    const scheduler = createReminderScheduler({
      store,
      packs: loadPacks(),
      clock,
      logger: silentLogger,
      messengers: [
        { platform: 'bench', sendDirect: async (_tenant, _user, message) => void sent.push(message) },
      ],
    });
    const started = performance.now();
    const result = await scheduler.runDue();
    const seconds = (performance.now() - started) / 1000;
    const reminders = sent.filter((message) => message.kind === 'daily').length;
    if (reminders !== memberCount || result.length !== memberCount + cohortCount) {
      throw new Error(`only ${reminders} of ${memberCount} reminders were sent`);
    }
    print('reminders.fanout_s', seconds, 's');
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
