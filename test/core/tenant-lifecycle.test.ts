import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coach } from '../../src/core/coach.ts';
import type { Logger } from '../../src/core/logger.ts';
import { deletionDueAt } from '../../src/core/tenant-lifecycle.ts';
import { createOfflineFeedbackModel } from '../../src/feedback/offline-model.ts';
import type { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';
import { openHarness } from '../support/core-harness.ts';

const day = 24 * 60 * 60 * 1000;

describe('deletionDueAt', () => {
  it('is the removal time plus the retention period; 0 days is at once', () => {
    expect(deletionDueAt(1000, 30)).toBe(1000 + 30 * day);
    expect(deletionDueAt(1000, 0)).toBe(1000);
  });
});

for (const backend of backendCases()) {
  describe.skipIf(backend.url === null)(`tenant removal on ${backend.name}`, () => {
    const clock = new ManualClock();
    const prefix = uniquePrefix(`lifecycle_${backend.name}`);
    const logged: { event: string; fields?: Record<string, unknown> }[] = [];
    const logger: Logger = {
      warn: (event, fields) => logged.push({ event, fields }),
      error: (event, fields) => logged.push({ event, fields }),
    };
    let coach: Coach;
    let store: CoachStore;
    let other: CoachStore;

    beforeAll(async () => {
      ({ coach, store } = await openHarness(createOfflineFeedbackModel(), backend.url!, clock, prefix, {
        logger,
        retentionDays: 30,
      }));
      // A second instance on the same server sees what the first scheduled.
      other =
        backend.name === 'memory'
          ? store
          : (await openHarness(createOfflineFeedbackModel(), backend.url!, clock, prefix)).store;
    });
    afterAll(async () => {
      if (other !== store) await other?.close();
      await store?.close();
      await dropTestData(backend, prefix);
    });

    it('schedules the deletion after the retention period, seen by every instance, and a reinstall calls it off', async () => {
      const removedAt = clock.now();
      await coach.tenantRemoved('slack', 'T1', 'uninstalled');
      await coach.tenantRemoved('slack', 'T10', 'tokens-revoked');
      expect(await other.dueTenantDeletions(clock.now())).toEqual([]);
      clock.advance(30 * day);
      expect(await other.dueTenantDeletions(clock.now())).toEqual([
        { platform: 'slack', tenant: 'T1', dueAt: removedAt + 30 * day, reason: 'uninstalled' },
        { platform: 'slack', tenant: 'T10', dueAt: removedAt + 30 * day, reason: 'tokens-revoked' },
      ]);
      // T1 comes back: only T10 is still due, and T1's cancel does not touch T10.
      await coach.tenantRestored('slack', 'T1');
      expect((await other.dueTenantDeletions(clock.now())).map((due) => due.tenant)).toEqual(['T10']);
      expect(logged.map((entry) => entry.event)).toEqual([
        'tenant-removal-scheduled',
        'tenant-removal-scheduled',
        'tenant-removal-cancelled',
      ]);
      expect(logged[0]?.fields).toMatchObject({ platform: 'slack', tenant: 'T1', reason: 'uninstalled' });
    });

    it('a later removal moves the date, and restoring a tenant with nothing pending says nothing', async () => {
      logged.length = 0;
      await coach.tenantRemoved('discord', 'G:1', 'left-server');
      clock.advance(10 * day);
      await coach.tenantRemoved('discord', 'G:1', 'left-server');
      clock.advance(25 * day);
      const due = await store.dueTenantDeletions(clock.now());
      expect(due.some((entry) => entry.tenant === 'G:1')).toBe(false);
      clock.advance(5 * day);
      expect(
        (await store.dueTenantDeletions(clock.now())).find((entry) => entry.tenant === 'G:1'),
      ).toMatchObject({ platform: 'discord', reason: 'left-server' });
      await coach.tenantRestored('discord', 'G:1');
      await coach.tenantRestored('discord', 'never-removed');
      expect(logged.filter((entry) => entry.event === 'tenant-removal-cancelled')).toHaveLength(1);
    });

    it('stops drills and reminders for a removed workspace, and brings them back with the install', async () => {
      await store.updateTenantConfig('slack', 'T-drills', (config) => ({
        ...config,
        cohorts: {
          C1: {
            ...config.defaults,
            drillChannel: 'C1',
            paused: false,
            skipDates: [],
            instructors: [],
            assignments: [],
            createdAt: 0,
          },
        },
      }));
      await store.markScheduled('slack', 'T-drills', true);
      await coach.tenantRemoved('slack', 'T-drills', 'uninstalled');
      expect(await other.getScheduledTenants()).not.toContain('slack:T-drills');
      await coach.tenantRestored('slack', 'T-drills');
      expect(await other.getScheduledTenants()).toContain('slack:T-drills');
    });
  });
}
