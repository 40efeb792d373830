import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/ports.ts';
import { defaultMemberSettings, emptyHistory, type SessionRecord } from '../../src/core/records.ts';
import { backupLines } from '../../src/store/backup-export.ts';
import { checkBackup, importBackup } from '../../src/store/backup-import.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { openBackend } from '../../src/store/open-backend.ts';
import type { ScannedRecord, StoreBackend } from '../../src/store/store-backend.ts';
import { scanBatch } from '../../src/store/store-backend.ts';
import { parseStoreUrl } from '../../src/store/store-url.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { type BackendCase, backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';

const alice: Actor = { platform: 'slack', tenant: 'T1', user: 'U-alice' };
const bob: Actor = { platform: 'discord', tenant: 'G1', user: 'U-bob' };
const backends = backendCases();

function session(owner: Actor, channel: string): SessionRecord {
  return {
    v: 1,
    id: `s-${owner.user}`,
    owner,
    channel,
    thread: null,
    packId: 'medical-coding',
    options: { kind: null, level: null, count: 2, followUps: 1 },
    questionIds: ['q1', 'q2'],
    index: 1,
    status: 'active',
    turn: null,
    results: [],
    startedAt: 1,
    updatedAt: 2,
    drillDate: null,
    cohort: null,
  };
}

function open(backend: BackendCase, prefix: string, clock: ManualClock): Promise<StoreBackend> {
  return openBackend(parseStoreUrl(backend.url!, process.cwd()), { prefix, now: () => clock.now() });
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const found: T[] = [];
  for await (const item of items) found.push(item);
  return found;
}

async function* linesOf(lines: string[]): AsyncIterable<string> {
  yield* lines;
}

/** One of each kind of record and set a workspace holds, written through the store as the bot would. */
async function populate(store: CoachStore, clock: ManualClock): Promise<void> {
  for (const actor of [alice, bob]) {
    await store.putSession(session(actor, 'C1'));
    await store.updateHistory(actor, (history) => ({
      ...history,
      activeDays: ['2026-11-23'],
      weeklyPoints: { '2026-W48': 5 },
    }));
    await store.updateMemberSettings(actor, (settings) => ({ ...settings, leaderboard: true }));
    await store.joinRoster(actor);
    await store.joinCohort(actor, 'C-cohort');
    await store.logAnswers(actor, [
      {
        at: clock.now(),
        packId: 'medical-coding',
        questionId: 'q1',
        score: 4,
        source: 'offline',
        answers: ['an answer'],
        feedback: 'good',
      },
    ]);
    await store.bindThread(actor, 'C1', `thread-${actor.user}`);
    await store.usage.add(`${actor.platform}:${actor.tenant}:${actor.user}`, '2026-11-23', 42);
  }
  await store.updateTenantConfig('slack', 'T1', (config) => ({ ...config, instructorRole: 'R1' }));
  await store.bindDrillThread('slack', 'T1', 'drill-thread', 'C-cohort', '2026-11-23');
  await store.markScheduled('slack', 'T1', true);
}

for (const backend of backends) {
  describe.skipIf(backend.url === null)(`scanning and import on ${backend.name}`, () => {
    const clock = new ManualClock();
    const prefix = uniquePrefix(`portability_${backend.name}`);
    let raw: StoreBackend;
    let store: CoachStore;

    beforeAll(async () => {
      raw = await open(backend, prefix, clock);
      store = new CoachStore(raw, clock);
      await populate(store, clock);
    });
    afterAll(async () => {
      await store?.close();
      await dropTestData(backend, prefix);
    });

    it('scans every record with the version a read sees, versioned or written by Keyv alone', async () => {
      const records = await collect(raw.scanRecords());
      const namespaces = new Set(records.map((record) => record.namespace));
      for (const name of [
        'sessions',
        'history',
        'members',
        'answers',
        'threads',
        'tenants',
        'usage',
        'index',
      ])
        expect(namespaces).toContain(name);
      for (const record of records) {
        const read = await raw.readVersioned(record.namespace, record.key);
        expect(read).toEqual({ version: record.version, data: record.data });
      }
      const thread = records.find((record) => record.key === 'slack:T1:drill-thread');
      expect(thread?.namespace).toBe('threads');
      expect(thread?.version).toBe(0);
    });

    it('scans one namespace alone', async () => {
      const sessions = await collect(raw.scanRecords('sessions'));
      expect(sessions.map((record) => record.key).sort()).toEqual([
        'discord:G1:U-bob|C1',
        'slack:T1:U-alice|C1',
      ]);
    });

    it('scans every set with its members, and deletes one', async () => {
      const sets = await collect(raw.scanSets());
      const byName = Object.fromEntries(sets.map((set) => [set.set, [...set.members].sort()]));
      expect(byName).toEqual({
        'roster:slack:T1': ['U-alice'],
        'roster:discord:G1': ['U-bob'],
        'cohort:slack:T1:C-cohort': ['U-alice'],
        'cohort:discord:G1:C-cohort': ['U-bob'],
        scheduled: ['slack:T1'],
      });
      await raw.addMember('doomed', 'x');
      await raw.deleteSet('doomed');
      expect(await raw.members('doomed')).toEqual([]);
      expect((await collect(raw.scanSets())).map((set) => set.set)).not.toContain('doomed');
    });

    it('leaves out records whose expiry has passed', async () => {
      await raw.putVersioned('scratch', 'old', JSON.stringify({ value: 1, expires: clock.now() - 1 }), 7);
      await raw.putVersioned(
        'scratch',
        'live',
        JSON.stringify({ value: 2, expires: clock.now() + 60_000 }),
        7,
      );
      const keys = (await collect(raw.scanRecords('scratch'))).map((record) => record.key);
      expect(keys).toEqual(['live']);
    });

    it('puts a record at exactly the version given, over what is there, and compare-and-set goes on from it', async () => {
      const data = JSON.stringify({ value: { v: 1, n: 1 } });
      await raw.putVersioned('imported', 'k', data, 123_456);
      await raw.putVersioned('imported', 'k', data, 123_457);
      expect(await raw.readVersioned('imported', 'k')).toEqual({ version: 123_457, data });
      expect(await raw.writeVersioned('imported', 'k', data, 123_456)).toBeNull();
      expect(await raw.writeVersioned('imported', 'k', data, 123_457)).toBe(123_458);
    });

    it('puts a version 0 record as Keyv stores it, so Keyv and versioned reads both find it', async () => {
      const data = JSON.stringify({ value: { v: 2, kind: 'drill', channel: 'C9', date: '2026-11-23' } });
      await raw.putVersioned('threads', 'slack:T1:imported-thread', data, 0);
      expect(await store.findThread('slack', 'T1', 'imported-thread')).toEqual({
        v: 2,
        kind: 'drill',
        channel: 'C9',
        date: '2026-11-23',
      });
      expect(await raw.readVersioned('threads', 'slack:T1:imported-thread')).toEqual({ version: 0, data });
      expect(await raw.writeVersioned('threads', 'slack:T1:imported-thread', data, 0)).toBe(1);
    });

    it('scans past a batch without losing or repeating a record', async () => {
      const count = scanBatch * 2 + 17;
      const keys = Array.from({ length: count }, (_, index) => `k${String(index).padStart(5, '0')}`);
      for (let start = 0; start < count; start += 50) {
        await Promise.all(
          keys
            .slice(start, start + 50)
            .map((key) => raw.putVersioned('bulk', key, JSON.stringify({ value: key }), 1)),
        );
      }
      const scanned = (await collect(raw.scanRecords('bulk'))).map((record) => record.key);
      expect(new Set(scanned).size).toBe(count);
      expect([...new Set(scanned)].sort()).toEqual(keys);
    });

    it("does not see another prefix's records or sets on the same server", async () => {
      if (backend.name === 'memory') return;
      const otherPrefix = `${prefix}x`;
      const other = await open(backend, otherPrefix, clock);
      try {
        await other.putVersioned('sessions', 'slack:T1:U-zed|C1', JSON.stringify({ value: 1 }), 5);
        await other.addMember('roster:slack:T1', 'U-zed');
        const mine = await collect(raw.scanRecords('sessions'));
        expect(mine.map((record) => record.key)).not.toContain('slack:T1:U-zed|C1');
        const sets = await collect(raw.scanSets());
        expect(sets.find((set) => set.set === 'roster:slack:T1')?.members).toEqual(['U-alice']);
        expect((await collect(other.scanRecords())).map((record) => record.key)).toEqual([
          'slack:T1:U-zed|C1',
        ]);
      } finally {
        await other.close();
        await dropTestData(backend, otherPrefix);
      }
    });
  });
}

const sqlite = backends.find((backend) => backend.name === 'sqlite')!;
const targets = backends.filter((backend) => backend.name === 'postgres' || backend.name === 'redis');

for (const destination of targets)
  describe.skipIf(destination.url === null)(
    `a backup moves a store from SQLite to ${destination.name}`,
    () => {
      const clock = new ManualClock();
      const prefix = uniquePrefix(`portability_move_${destination.name}`);
      let source: StoreBackend;
      let target: StoreBackend;
      let from: CoachStore;
      let to: CoachStore;
      let lines: string[];

      beforeAll(async () => {
        source = await open(sqlite, prefix, clock);
        target = await open(destination, prefix, clock);
        from = new CoachStore(source, clock);
        to = new CoachStore(target, clock);
        await populate(from, clock);
        lines = await collect(backupLines(source, { prefix, now: clock.now() }));
        await checkBackup(linesOf(lines), 'backup');
        await importBackup(linesOf(lines), target);
      });
      afterAll(async () => {
        await from?.close();
        await to?.close();
        await dropTestData(destination, prefix);
      });

      it('writes a header, a line per record and set, and an end line with the counts', () => {
        const header = JSON.parse(lines[0]!);
        expect(header).toMatchObject({ format: 'starcoach-backup', version: 1, store: 'sqlite', prefix });
        const entries = lines.slice(1).map((line) => JSON.parse(line) as { type: string });
        const end = entries.at(-1);
        expect(end).toEqual({
          type: 'end',
          records: entries.filter((entry) => entry.type === 'record').length,
          sets: entries.filter((entry) => entry.type === 'set').length,
        });
        expect(entries.filter((entry) => entry.type === 'set')).toHaveLength(5);
      });

      it('reads the same through CoachStore there as on SQLite', async () => {
        for (const actor of [alice, bob]) {
          expect(await to.getHistory(actor)).toEqual(await from.getHistory(actor));
          expect((await to.getHistory(actor)).weeklyPoints).toEqual({ '2026-W48': 5 });
          expect(await to.getSession(actor, 'C1')).toEqual(await from.getSession(actor, 'C1'));
          expect(await to.getMemberSettings(actor)).toEqual(await from.getMemberSettings(actor));
          expect(await to.loggedAnswers(actor, 0)).toEqual(await from.loggedAnswers(actor, 0));
          expect(await to.getRoster(actor.platform, actor.tenant)).toEqual([actor.user]);
          expect(await to.cohortMembers(actor.platform, actor.tenant, 'C-cohort')).toEqual([actor.user]);
          const userKey = `${actor.platform}:${actor.tenant}:${actor.user}`;
          expect(await to.usage.spent(userKey, '2026-11-23')).toBe(42);
        }
        expect((await to.getTenantConfig('slack', 'T1')).instructorRole).toBe('R1');
        expect(await to.findThread('slack', 'T1', 'drill-thread')).toEqual(
          await from.findThread('slack', 'T1', 'drill-thread'),
        );
        expect(await to.getScheduledTenants()).toEqual(['slack:T1']);
      });

      it('keeps every version, and importing again changes nothing', async () => {
        const byKey = (records: ScannedRecord[]) =>
          Object.fromEntries(records.map((record) => [`${record.namespace}/${record.key}`, record.version]));
        const before = byKey(await collect(source.scanRecords()));
        expect(byKey(await collect(target.scanRecords()))).toEqual(before);
        await importBackup(linesOf(lines), target);
        expect(byKey(await collect(target.scanRecords()))).toEqual(before);
        expect((await collect(target.scanSets())).length).toBe(5);
      });

      it('writes on from the imported version: an update after the move is not refused', async () => {
        await to.updateMemberSettings(alice, (settings) => ({ ...settings, timezone: 'Europe/Paris' }));
        expect((await to.getMemberSettings(alice)).timezone).toBe('Europe/Paris');
      });
    },
  );

describe('an older record imported as it was', () => {
  const clock = new ManualClock();

  it('is migrated by the normal read path', async () => {
    const backend = await open(backends[0]!, 'old', clock);
    const store = new CoachStore(backend, clock);
    try {
      const lines = [
        JSON.stringify({
          format: 'starcoach-backup',
          version: 1,
          exportedAt: '2025-01-01T00:00:00.000Z',
          store: 'sqlite',
          prefix: 'starcoach',
        }),
        JSON.stringify({
          type: 'record',
          namespace: 'members',
          key: 'slack:T1:U-alice',
          version: 0,
          data: { value: { v: 1, timezone: 'Europe/Berlin', leaderboard: true } },
        }),
        JSON.stringify({ type: 'end', records: 1, sets: 0 }),
      ];
      await checkBackup(linesOf(lines), 'old.jsonl');
      await importBackup(linesOf(lines), backend);
      expect(await store.getMemberSettings(alice)).toEqual({
        ...defaultMemberSettings(),
        timezone: 'Europe/Berlin',
        leaderboard: true,
      });
      expect(await store.getHistory(alice)).toEqual(emptyHistory());
    } finally {
      await store.close();
    }
  });
});
