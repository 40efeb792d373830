import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorKey } from '../../src/core/actor-key.ts';
import type { Actor } from '../../src/core/ports.ts';
import { emptyHistory, type SessionRecord } from '../../src/core/records.ts';
import { StoreError } from '../../src/errors.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';

const alice: Actor = { platform: 'slack', tenant: 'T1', user: 'U-alice' };
const bob: Actor = { platform: 'slack', tenant: 'T1', user: 'U-bob' };
const carol: Actor = { platform: 'slack', tenant: 'T1', user: 'U-carol' };

function session(owner: Actor, channel: string, id = 's1'): SessionRecord {
  return {
    v: 1,
    id,
    owner,
    channel,
    thread: null,
    packId: 'medical-coding',
    options: { kind: null, level: null, count: 2, followUps: 1 },
    questionIds: ['q1', 'q2'],
    index: 0,
    status: 'active',
    turn: null,
    results: [],
    startedAt: 1,
    updatedAt: 1,
    drillDate: null,
    cohort: null,
  };
}

for (const backend of backendCases()) {
  describe.skipIf(backend.url === null)(`CoachStore on ${backend.name}`, () => {
    const clock = new ManualClock();
    const prefix = uniquePrefix(`store_${backend.name}`);
    let store: CoachStore;
    let second: CoachStore;

    beforeAll(async () => {
      store = await CoachStore.open({ url: backend.url!, cwd: process.cwd(), clock, prefix });
      // A second instance on the same server, as a second bot process would have.
      second =
        backend.name === 'memory'
          ? store
          : await CoachStore.open({ url: backend.url!, cwd: process.cwd(), clock, prefix });
    });
    afterAll(async () => {
      if (second !== store) await second?.close();
      await store?.close();
      await dropTestData(backend, prefix);
    });

    it('round-trips a session through zod', async () => {
      await store.putSession(session(alice, 'C1'));
      const read = await store.getSession(alice, 'C1');
      expect(read?.id).toBe('s1');
      expect(read?.owner).toEqual(alice);
      expect(await store.getSession(bob, 'C1')).toBeUndefined();
    });

    it('claims a delivery for exactly one of many concurrent callers, across instances', async () => {
      const attempts = Array.from({ length: 20 }, (_, index) =>
        (index % 2 === 0 ? store : second).claimDelivery('slack', 'Ev-race'),
      );
      const results = await Promise.all(attempts);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.claimDelivery('slack', 'Ev-race')).toBe(false);
      expect(await store.claimDelivery('discord', 'Ev-race')).toBe(true);
    });

    it('serializes read-modify-write for one user so no update is lost', async () => {
      await store.putHistory(alice, emptyHistory());
      await Promise.all(
        Array.from({ length: 25 }, (_, index) =>
          store.withUser(alice, async () => {
            const history = await store.getHistory(alice);
            const seen = [...history.seen, { packId: 'p', questionId: `q${index}`, at: index }];
            await store.putHistory(alice, { ...history, seen });
          }),
        ),
      );
      const history = await store.getHistory(alice);
      expect(history.seen.map((entry) => entry.questionId)).toEqual(
        Array.from({ length: 25 }, (_, i) => `q${i}`),
      );
    });

    it('forgets every record of a user in every namespace and nobody else’s', async () => {
      await store.putSession(session(alice, 'C2', 's2'));
      await store.bindThread(alice, 'C2', 'thread-1');
      await store.putHistory(alice, { ...emptyHistory(), seen: [{ packId: 'p', questionId: 'q', at: 1 }] });
      await store.putSession(session(bob, 'C2', 's3'));
      await store.putHistory(bob, { ...emptyHistory(), seen: [{ packId: 'p', questionId: 'q', at: 1 }] });

      const removed = await store.forgetUser(alice);

      expect(removed).toBeGreaterThanOrEqual(4);
      expect(await store.getSession(alice, 'C1')).toBeUndefined();
      expect(await store.getSession(alice, 'C2')).toBeUndefined();
      expect(await store.findThread('slack', 'T1', 'thread-1')).toBeUndefined();
      expect((await store.getHistory(alice)).seen).toEqual([]);
      expect((await store.getSession(bob, 'C2'))?.id).toBe('s3');
      expect((await store.getHistory(bob)).seen).toHaveLength(1);
      expect(await store.forgetUser(alice)).toBe(0);
    });

    it('applies an update on what another instance wrote since, not on what it last saw itself', async () => {
      // Each instance remembers the row its last update left; the other's writes make that row stale.
      for (let index = 0; index < 6; index += 1) {
        const instance = index % 2 === 0 ? store : second;
        await instance.updateHistory(carol, (history) => ({
          ...history,
          seen: [...history.seen, { packId: 'p', questionId: `q${index}`, at: index }],
        }));
      }
      const seen = (await store.getHistory(carol)).seen.map((entry) => entry.questionId);
      expect(seen).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5']);
    });

    it('is visible to a second instance (shared state)', async () => {
      await store.putSession(session(bob, 'C9', 's9'));
      expect((await second.getSession(bob, 'C9'))?.id).toBe('s9');
    });

    if (backend.name === 'sqlite') {
      it('runs SQLite in WAL mode', () => {
        expect(existsSync(`${backend.url!.slice('sqlite://'.length)}-wal`)).toBe(true);
      });
    }
  });

  if (backend.url === null) {
    describe(`CoachStore on ${backend.name}`, () => {
      it.skip(backend.skipReason, () => {});
    });
  }
}

describe('record versions', () => {
  it('migrates a version 1 history record and rejects a corrupt one', async () => {
    const { readRecord } = await import('../../src/store/versioned-record.ts');
    const { historyRecord } = await import('../../src/store/records.ts');
    const attempt = { at: 5, packId: 'p', questionId: 'q', kind: 'technical', competencies: ['a'], score: 3 };
    const migrated = readRecord(historyRecord, { v: 1, attempts: [attempt], sessions: [] });
    expect(migrated.v).toBe(3);
    expect(migrated.seen).toEqual([{ packId: 'p', questionId: 'q', at: 5 }]);
    expect(migrated.activeDays).toEqual(['1970-01-01']);
    expect(migrated.reviews).toEqual({});
    expect(() => readRecord(historyRecord, { v: 3, attempts: 'nope' })).toThrow(StoreError);
    expect(() => readRecord(historyRecord, { v: 9 })).toThrow(StoreError);
  });

  it('migrates version 1 workspace settings through version 2 (weekday defaults) to a cohort', async () => {
    const { readRecord } = await import('../../src/store/versioned-record.ts');
    const { tenantConfigRecord } = await import('../../src/store/records.ts');
    const v1 = { v: 1, drillChannel: 'C1', drillTime: '08:00', timezone: 'Europe/Berlin', packId: null };
    expect(readRecord(tenantConfigRecord, v1)).toMatchObject({
      v: 3,
      cohorts: { C1: { drillChannel: 'C1', drillTime: '08:00', weekdays: [1, 2, 3, 4, 5], paused: false } },
    });
  });

  it('migrates the single version 2 configuration to a cohort of its drill channel, losing nothing', async () => {
    const { readRecord } = await import('../../src/store/versioned-record.ts');
    const { tenantConfigRecord } = await import('../../src/store/records.ts');
    const v2 = {
      v: 2,
      drillChannel: 'C-drill',
      drillTime: '07:45',
      timezone: 'America/Chicago',
      packId: 'medical-coding',
      weekdays: [1, 3, 5],
      level: 'senior',
      paused: true,
      skipDates: ['2026-12-24', '2026-12-25'],
      instructorRole: 'R-teach',
    };
    const drill = {
      drillTime: '07:45',
      timezone: 'America/Chicago',
      packId: 'medical-coding',
      weekdays: [1, 3, 5],
      level: 'senior',
    };
    expect(readRecord(tenantConfigRecord, v2)).toEqual({
      v: 3,
      defaults: drill,
      instructorRole: 'R-teach',
      cohorts: {
        'C-drill': {
          ...drill,
          drillChannel: 'C-drill',
          paused: true,
          skipDates: ['2026-12-24', '2026-12-25'],
          instructors: [],
          assignments: [],
          createdAt: 0,
        },
      },
    });
    // Without a drill channel there is no cohort, and the settings stay as what new cohorts start from.
    const noChannel = readRecord(tenantConfigRecord, { ...v2, drillChannel: null });
    expect(noChannel).toMatchObject({ v: 3, defaults: drill, instructorRole: 'R-teach', cohorts: {} });
  });

  it('migrates version 1 member settings with reminders off and no cohorts', async () => {
    const { readRecord } = await import('../../src/store/versioned-record.ts');
    const { memberSettingsRecord } = await import('../../src/store/records.ts');
    const v1 = { v: 1, timezone: 'Asia/Tokyo', leaderboard: true };
    expect(readRecord(memberSettingsRecord, v1)).toEqual({
      v: 2,
      timezone: 'Asia/Tokyo',
      leaderboard: true,
      cohorts: [],
      // Peer pairing came later, as a default: no version step for it.
      pairing: { blocked: [], recent: [] },
      remind: null,
      streakAlert: false,
    });
  });

  it('reads a stored version 2 workspace record back as a cohort, end to end through the store', async () => {
    const clock = new ManualClock();
    const store = await CoachStore.open({ url: 'memory://', cwd: process.cwd(), clock });
    const { tenantKey } = await import('../../src/core/actor-key.ts');
    await store.putTenantConfig('slack', 'T-old', {
      v: 2,
      drillChannel: 'C-old',
      drillTime: '10:00',
      timezone: 'UTC',
      packId: null,
      weekdays: [2],
      level: null,
      paused: false,
      skipDates: [],
      instructorRole: null,
    } as never);
    const config = await store.getTenantConfig('slack', 'T-old');
    expect(Object.keys(config.cohorts)).toEqual(['C-old']);
    expect(config.cohorts['C-old']).toMatchObject({ drillTime: '10:00', weekdays: [2] });
    expect(tenantKey('slack', 'T-old')).toBe('slack:T-old');
    await store.close();
  });

  it('scopes keys by platform, tenant and user', () => {
    expect(actorKey(alice)).not.toBe(actorKey({ ...alice, tenant: 'T2' }));
    expect(actorKey({ platform: 'a:b', tenant: 'c', user: 'd' })).not.toBe(
      actorKey({ platform: 'a', tenant: 'b:c', user: 'd' }),
    );
  });
});

describe('usage ledger in the store', () => {
  it('adds tokens per user per day, concurrently, and forgets them', async () => {
    const store = await CoachStore.open({ url: 'memory://', cwd: process.cwd(), clock: new ManualClock() });
    const key = actorKey(alice);
    await Promise.all(Array.from({ length: 10 }, () => store.usage.add(key, '2026-11-23', 100)));
    expect(await store.usage.spent(key, '2026-11-23')).toBe(1000);
    expect(await store.usage.spent(key, '2026-11-24')).toBe(0);
    expect(await store.usage.spent(actorKey(bob), '2026-11-23')).toBe(0);
    await store.forgetUser(alice);
    expect(await store.usage.spent(key, '2026-11-23')).toBe(0);
    await store.close();
  });
});
