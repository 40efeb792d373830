import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorKey } from '../../src/core/actor-key.ts';
import type { Actor } from '../../src/core/ports.ts';
import { defaultMemberSettings, emptyHistory, type HistoryRecord } from '../../src/core/records.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { openBackend } from '../../src/store/open-backend.ts';
import { parseStoreUrl } from '../../src/store/store-url.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';

/**
 * Rosters read thousands of members at once: a few round trips, records decoded only when their
 * version moved. What one instance reads must still follow every other instance's writes.
 */

const member = (user: string): Actor => ({ platform: 'slack', tenant: 'T-bulk', user });

function historyWith(scores: number[]): HistoryRecord {
  return {
    ...emptyHistory(),
    attempts: scores.map((score, index) => ({
      at: 1_000 + index,
      packId: 'p',
      questionId: `q${index}`,
      kind: 'technical' as const,
      competencies: ['c'],
      score,
    })),
  };
}

for (const backend of backendCases()) {
  describe.skipIf(backend.url === null)(`bulk reads on ${backend.name}`, () => {
    const clock = new ManualClock();
    const prefix = uniquePrefix(`bulk_${backend.name}`);
    const shared = backend.name !== 'memory';
    let a: CoachStore;
    let b: CoachStore;

    beforeAll(async () => {
      a = await CoachStore.open({ url: backend.url!, cwd: process.cwd(), clock, prefix });
      // Memory is one process's own store: there, the second instance is the same one.
      b = shared ? await CoachStore.open({ url: backend.url!, cwd: process.cwd(), clock, prefix }) : a;
    });
    afterAll(async () => {
      await a?.close();
      if (shared) await b?.close();
      await dropTestData(backend, prefix);
    });

    it('reads 1,100 members in their order, with defaults for those who have no record', async () => {
      const users = Array.from({ length: 1100 }, (_, index) => member(`U${index}`));
      await Promise.all(
        users.map((user, index) =>
          index % 3 === 0 ? undefined : a.putHistory(user, historyWith([(index % 5) + 1])),
        ),
      );
      await a.updateMemberSettings(users[7]!, (settings) => ({ ...settings, timezone: 'Asia/Tokyo' }));
      const histories = await b.getHistories(users);
      expect(histories).toHaveLength(1100);
      histories.forEach((history, index) => {
        expect(history.attempts.map((attempt) => attempt.score)).toEqual(
          index % 3 === 0 ? [] : [(index % 5) + 1],
        );
      });
      const settings = await b.getMemberSettingsMany(users);
      expect(settings).toHaveLength(1100);
      expect(settings[7]!.timezone).toBe('Asia/Tokyo');
      expect(settings[8]).toEqual(defaultMemberSettings());
      expect(await b.getHistories([])).toEqual([]);
    });

    it("follows another instance's writes, and a record forgotten and made again", async () => {
      const users = ['U-ann', 'U-bob', 'U-cy'].map(member);
      for (const user of users) await a.putHistory(user, historyWith([2]));
      expect((await b.getHistories(users)).map((history) => history.attempts.length)).toEqual([1, 1, 1]);
      await a.updateHistory(users[1]!, (history) =>
        historyWith([...history.attempts.map((x) => x.score), 5]),
      );
      expect((await b.getHistories(users)).map((history) => history.attempts.length)).toEqual([1, 2, 1]);
      // Forgotten on one instance and practised again: the other never serves the old record.
      await a.forgetUser(users[2]!);
      expect((await b.getHistories(users))[2]).toEqual(emptyHistory());
      clock.advance(1);
      await a.putHistory(users[2]!, historyWith([4, 4, 4]));
      expect((await b.getHistories(users))[2]!.attempts.map((attempt) => attempt.score)).toEqual([4, 4, 4]);
      expect((await b.getHistory(users[2]!)).attempts).toHaveLength(3);
    });

    it('hands out records nobody can change in place, so readers never see each other’s edits', async () => {
      const user = member('U-frozen');
      await a.putHistory(user, historyWith([3, 3]));
      const [first] = await b.getHistories([user, member('U-none')]);
      expect(() => (first!.attempts as unknown[]).push({})).toThrow(TypeError);
      const [again] = await b.getHistories([user, member('U-none')]);
      expect(again!.attempts).toHaveLength(2);
    });
  });

  if (backend.url === null) {
    describe(`bulk reads on ${backend.name}`, () => {
      it.skip(backend.skipReason, () => {});
    });
  }
}

for (const backend of backendCases()) {
  describe.skipIf(backend.url === null)(`record versions on ${backend.name}`, () => {
    const prefix = uniquePrefix(`versions_${backend.name}`);
    afterAll(async () => {
      await dropTestData(backend, prefix);
    });

    it('never repeats a version for a key, even after the record is deleted and made again', async () => {
      const clock = new ManualClock();
      const store = await openBackend(parseStoreUrl(backend.url!, process.cwd()), {
        prefix,
        now: () => clock.now(),
      });
      try {
        const key = actorKey(member('U-again'));
        const seen: number[] = [];
        for (let round = 0; round < 3; round += 1) {
          let version = await store.writeVersioned('history', key, '{"value":1}', null);
          seen.push(version!);
          version = await store.writeVersioned('history', key, '{"value":2}', version);
          seen.push(version!);
          expect((await store.readVersions('history', [key, 'nobody']))[0]).toBe(version);
          await store.deleteVersioned('history', key);
          // Made again a moment later, as forget then practice would be.
          clock.advance(1);
        }
        expect(new Set(seen).size).toBe(seen.length);
        const [absent] = await store.readVersions('history', ['nobody']);
        // Redis cannot tell a missing record from one written before versions: both are read in full.
        expect(absent).toBe(backend.name === 'redis' ? 0 : null);
      } finally {
        await store.close();
      }
    });
  });
}
