import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tenantKey } from '../../src/core/actor-key.ts';
import { type Coach, createCoach } from '../../src/core/coach.ts';
import type { Logger } from '../../src/core/logger.ts';
import { queueName } from '../../src/core/pairing/pair-queue.ts';
import type { Actor } from '../../src/core/ports.ts';
import { emptyHistory } from '../../src/core/records.ts';
import { createRetentionScheduler } from '../../src/core/tenant-retention.ts';
import { createOfflineFeedbackModel } from '../../src/feedback/offline-model.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { openBackend } from '../../src/store/open-backend.ts';
import type { ScannedRecord, ScannedSet, StoreBackend } from '../../src/store/store-backend.ts';
import { parseStoreUrl } from '../../src/store/store-url.ts';
import { belongsToTenant, isTenantSet } from '../../src/store/tenant-purge.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { RecordingOutbox } from '../fakes/recording-outbox.ts';
import { type BackendCase, backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';
import { eventFor, miniPack } from '../support/core-harness.ts';

const day = 24 * 60 * 60 * 1000;
const member = (tenant: string, user: string): Actor => ({ platform: 'slack', tenant, user });
const admin = (tenant: string): Actor => ({ platform: 'slack', tenant, user: 'U-admin', roles: ['admin'] });

interface Instance {
  backend: StoreBackend;
  store: CoachStore;
  coach: Coach;
  logged: { event: string; fields?: Record<string, unknown> }[];
}

async function openInstance(backend: BackendCase, prefix: string, clock: ManualClock): Promise<Instance> {
  const raw = await openBackend(parseStoreUrl(backend.url!, process.cwd()), {
    prefix,
    now: () => clock.now(),
  });
  const store = new CoachStore(raw, clock);
  const logged: Instance['logged'] = [];
  const logger: Logger = {
    warn: (event, fields) => logged.push({ event, fields }),
    error: (event, fields) => logged.push({ event, fields }),
  };
  let id = 0;
  const coach = createCoach({
    store,
    packs: new Map([[miniPack.id, miniPack]]),
    feedback: createOfflineFeedbackModel(),
    clock,
    logger,
    random: () => 0,
    newId: () => `session-${++id}`,
    retentionDays: 30,
  });
  return { backend: raw, store, coach, logged };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const found: T[] = [];
  for await (const item of items) found.push(item);
  return found;
}

/** What a workspace leaves behind: members who practised, a cohort with a drill, settings and logs. */
async function populate({ coach, store, backend }: Instance, tenant: string, clock: ManualClock) {
  await coach.configureCohort(admin(tenant), 'C-cohort', { timezone: 'UTC' });
  await coach.addCohortMembers(admin(tenant), 'C-cohort', ['U-ann', 'U-ben'], 'member');
  for (const user of ['U-ann', 'U-ben']) {
    const actor = member(tenant, user);
    const out = new RecordingOutbox(`thread-${user}`);
    const place = { channel: `D-${user}` };
    await coach.handle(
      eventFor(actor, place, { type: 'session-start', options: { packId: 'mini', count: 1, followUps: 0 } }),
      out,
    );
    await coach.handle(eventFor(actor, place, { type: 'answer-submit', text: 'I would send a query.' }), out);
    await coach.updateMemberSettings(actor, { timezone: 'Europe/Paris' });
    await store.logAnswers(actor, [
      {
        at: clock.now(),
        packId: 'mini',
        questionId: 'q',
        score: 3,
        source: 'offline',
        answers: ['a'],
        feedback: null,
      },
    ]);
    await store.usage.add(`slack:${tenant}:${user}`, '2026-11-23', 10);
  }
  await store.bindDrillThread('slack', tenant, 'drill-thread', 'C-cohort', '2026-11-23');
  await store.installations.put('slack', tenant, { team: { id: tenant }, bot: { token: 'xoxb-test' } });
  await store.joinPairQueue(queueName({ platform: 'slack', tenant, cohort: 'C-cohort' }), 'entry-1');
  // A namespace no list in the code names: the purge must find it all the same.
  await backend.putVersioned('later', tenantKey('slack', tenant), JSON.stringify({ value: { v: 1 } }), 3);
}

/** Every key, set name and set member of the store that belongs to `tenant`. */
async function traces(backend: StoreBackend, tenant: string): Promise<string[]> {
  const key = tenantKey('slack', tenant);
  const records = await collect(backend.scanRecords(undefined, { withExpired: true }));
  const sets = await collect(backend.scanSets());
  return [
    ...records.filter((record) => belongsToTenant(record.key, key)).map((r) => `${r.namespace}/${r.key}`),
    ...sets.filter((set) => isTenantSet(set.set, key)).map((set) => `set ${set.set}`),
    ...sets.flatMap((set) =>
      set.members.filter((entry) => belongsToTenant(entry, key)).map((entry) => `${set.set} ∋ ${entry}`),
    ),
  ];
}

function snapshot(records: ScannedRecord[], sets: ScannedSet[], tenant: string) {
  const key = tenantKey('slack', tenant);
  return {
    records: records
      .filter((record) => belongsToTenant(record.key, key))
      .map(({ namespace, key: recordKey, version, data }) => ({ namespace, recordKey, version, data }))
      .sort((a, b) => `${a.namespace}/${a.recordKey}`.localeCompare(`${b.namespace}/${b.recordKey}`)),
    sets: sets
      .filter((set) => isTenantSet(set.set, key))
      .map((set) => ({ set: set.set, members: [...set.members].sort() }))
      .sort((a, b) => a.set.localeCompare(b.set)),
  };
}

describe('which keys belong to a tenant', () => {
  it('takes the tenant key followed by ":" or "|" or nothing, and never a longer tenant id', () => {
    expect(belongsToTenant('slack:T1', 'slack:T1')).toBe(true);
    expect(belongsToTenant('slack:T1:U1|C1', 'slack:T1')).toBe(true);
    expect(belongsToTenant('slack:T1|2026-11', 'slack:T1')).toBe(true);
    expect(belongsToTenant('slack:T10', 'slack:T1')).toBe(false);
    expect(belongsToTenant('slack:T10:U1', 'slack:T1')).toBe(false);
    expect(belongsToTenant('discord:T1', 'slack:T1')).toBe(false);
    expect(isTenantSet('roster:slack:T1', 'slack:T1')).toBe(true);
    expect(isTenantSet('cohort:slack:T1:C1', 'slack:T1')).toBe(true);
    expect(isTenantSet('cohort:slack:T10:C1', 'slack:T1')).toBe(false);
    expect(isTenantSet('scheduled', 'slack:T1')).toBe(false);
  });
});

for (const backend of backendCases()) {
  describe.skipIf(backend.url === null)(`tenant purge and retention on ${backend.name}`, () => {
    const clock = new ManualClock();
    const prefix = uniquePrefix(`purge_${backend.name}`);
    let first: Instance;
    let second: Instance;

    beforeAll(async () => {
      first = await openInstance(backend, prefix, clock);
      // A second bot process on the same server; memory stores share nothing, so there it is the first.
      second = backend.name === 'memory' ? first : await openInstance(backend, prefix, clock);
      for (const tenant of ['T1', 'T10']) await populate(first, tenant, clock);
    });
    afterAll(async () => {
      if (second !== first) await second?.store.close();
      await first?.store.close();
      await dropTestData(backend, prefix);
    });

    it('has each kind of record and set to purge to begin with', async () => {
      const found = await traces(first.backend, 'T1');
      for (const namespace of [
        'sessions',
        'history',
        'members',
        'answers',
        'threads',
        'tenants',
        'usage',
        'index',
        'installations',
        'later',
      ])
        expect(found.some((entry) => entry.startsWith(`${namespace}/`))).toBe(true);
      expect(found).toContain('set roster:slack:T1');
      expect(found).toContain('set cohort:slack:T1:C-cohort');
      expect(found).toContain('scheduled ∋ slack:T1');
      expect(found).toContain('set pairq:slack:T1:C-cohort');
      expect(found).toContain('pairqueues ∋ slack:T1:C-cohort');
    });

    it('purges nothing before the grace period ends, and a reinstall in time calls the purge off', async () => {
      const scheduler = createRetentionScheduler({ store: first.store, clock, logger: silent(first) });
      await first.coach.tenantRemoved('slack', 'T10', 'uninstalled');
      clock.advance(29 * day);
      expect(await scheduler.purgeDue()).toBe(0);
      await first.coach.tenantRestored('slack', 'T10');
      clock.advance(2 * day);
      expect(await scheduler.purgeDue()).toBe(0);
      expect(await first.store.getRoster('slack', 'T10')).toHaveLength(2);
      expect(first.logged.some((entry) => entry.event === 'tenant-purged')).toBe(false);
    });

    it('purges every trace of a removed tenant once its time has come, on one instance of two, leaving T10 as it was', async () => {
      const before = snapshot(
        await collect(first.backend.scanRecords()),
        await collect(first.backend.scanSets()),
        'T10',
      );
      // Read once, so this process holds T1's records decoded in memory.
      expect((await first.store.getHistory(member('T1', 'U-ann'))).attempts).toHaveLength(1);
      const schedulers = [first, second].map((instance) =>
        createRetentionScheduler({ store: instance.store, clock, logger: silent(instance) }),
      );
      await first.coach.tenantRemoved('slack', 'T1', 'left-server');
      clock.advance(29 * day);
      expect(await schedulers[0]!.purgeDue()).toBe(0);
      expect(await traces(first.backend, 'T1')).not.toEqual([]);

      clock.advance(day + 60_000);
      const purged = await Promise.all(schedulers.map((scheduler) => scheduler.purgeDue()));
      expect(purged[0]! + purged[1]!).toBe(1);
      expect(await traces(first.backend, 'T1')).toEqual([]);
      expect(await first.store.dueTenantDeletions(clock.now())).toEqual([]);

      const purgedLogs = [...first.logged, ...(second === first ? [] : second.logged)].filter(
        (entry) => entry.event === 'tenant-purged',
      );
      expect(purgedLogs).toHaveLength(1);
      expect(Object.keys(purgedLogs[0]!.fields!).sort()).toEqual(['platform', 'records', 'tenant']);
      expect(purgedLogs[0]!.fields).toMatchObject({ platform: 'slack', tenant: 'T1' });
      expect(purgedLogs[0]!.fields!.records).toBeGreaterThan(15);

      // Nothing of T1 is left in this process's memory either.
      expect(await first.store.getHistory(member('T1', 'U-ann'))).toEqual(emptyHistory());
      expect(await first.store.getRoster('slack', 'T1')).toEqual([]);
      expect(await first.store.getScheduledTenants()).toEqual(['slack:T10']);
      expect(await first.store.installations.get('slack', 'T1')).toBeUndefined();
      expect(await first.store.installations.get('slack', 'T10')).toBeDefined();
      expect(await first.store.pairQueues()).toEqual(['slack:T10:C-cohort']);
      const after = snapshot(
        await collect(first.backend.scanRecords()),
        await collect(first.backend.scanSets()),
        'T10',
      );
      expect(after).toEqual(before);
      expect(after.records.length).toBeGreaterThanOrEqual(15);
      expect((await first.store.getHistory(member('T10', 'U-ann'))).attempts).toHaveLength(1);
    });

    it('a member who comes back after the purge starts afresh and is written again', async () => {
      const actor = member('T1', 'U-ann');
      await first.store.joinRoster(actor);
      expect(await first.store.getRoster('slack', 'T1')).toEqual(['U-ann']);
      await first.store.joinCohort(actor, 'C-cohort');
      expect(await first.store.cohortMembers('slack', 'T1', 'C-cohort')).toEqual(['U-ann']);
    });

    it('runs at start, as a server starts it', async () => {
      await first.coach.tenantRemoved('slack', 'T10', 'tokens-revoked');
      clock.advance(31 * day);
      const scheduler = createRetentionScheduler({ store: first.store, clock, logger: silent(first) });
      scheduler.start();
      try {
        await vi.waitFor(
          () => expect(first.logged.filter((entry) => entry.event === 'tenant-purged')).toHaveLength(2),
          { timeout: 10_000 },
        );
      } finally {
        scheduler.stop();
      }
      expect(await traces(first.backend, 'T10')).toEqual([]);
    });
  });
}

function silent(instance: Instance): Logger {
  return {
    warn: (event, fields) => instance.logged.push({ event, fields }),
    error: (event, fields) => instance.logged.push({ event, fields }),
  };
}
