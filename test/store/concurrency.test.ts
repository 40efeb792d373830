import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorKey, tenantKey } from '../../src/core/actor-key.ts';
import type { Actor } from '../../src/core/ports.ts';
import type { SessionRecord } from '../../src/core/records.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { openBackend } from '../../src/store/open-backend.ts';
import { StoreConflictError } from '../../src/store/record-cas.ts';
import { parseStoreUrl } from '../../src/store/store-url.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';

/**
 * Two instances (two processes, two Slack replicas) writing the same records at once, on every store:
 * each write is a compare-and-set or a set member of its own, so none is lost.
 */

const member = (user: string): Actor => ({ platform: 'slack', tenant: 'T-cas', user });

function session(owner: Actor, channel: string): SessionRecord {
  return {
    v: 1,
    id: `s-${channel}`,
    owner,
    channel,
    thread: null,
    packId: 'mini',
    options: { kind: null, level: null, count: 2, followUps: 0 },
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
  // Two instances need a store they share: every backend but memory.
  if (backend.name !== 'memory')
    describe.skipIf(backend.url === null)(`concurrent writers on ${backend.name}`, () => {
      const clock = new ManualClock();
      const prefix = uniquePrefix(`cas_${backend.name}`);
      let a: CoachStore;
      let b: CoachStore;

      beforeAll(async () => {
        a = await CoachStore.open({ url: backend.url!, cwd: process.cwd(), clock, prefix });
        b = await CoachStore.open({ url: backend.url!, cwd: process.cwd(), clock, prefix });
      });
      afterAll(async () => {
        await a?.close();
        await b?.close();
        await dropTestData(backend, prefix);
      });

      it('keeps all 500 roster members that two instances add at once', async () => {
        const users = Array.from({ length: 500 }, (_, index) => `U${String(index).padStart(3, '0')}`);
        await Promise.all(users.map((user, index) => (index % 2 ? a : b).joinRoster(member(user))));
        expect((await a.getRoster('slack', 'T-cas')).sort()).toEqual(users);
        expect((await b.getRoster('slack', 'T-cas')).length).toBe(500);

        await a.forgetUser(member('U007'));
        expect(await b.getRoster('slack', 'T-cas')).not.toContain('U007');
        expect((await b.getRoster('slack', 'T-cas')).length).toBe(499);
      });

      it('keeps every workspace two instances schedule at once, and unschedules one', async () => {
        const tenants = Array.from({ length: 40 }, (_, index) => `W${index}`);
        await Promise.all(
          tenants.map((tenant, index) => (index % 2 ? a : b).markScheduled('slack', tenant, true)),
        );
        expect((await b.getScheduledTenants()).sort()).toEqual(
          tenants.map((tenant) => tenantKey('slack', tenant)).sort(),
        );
        await a.markScheduled('slack', 'W3', false);
        expect(await b.getScheduledTenants()).not.toContain(tenantKey('slack', 'W3'));
      });

      it('loses no history update when two instances change one history at once', async () => {
        const ann = member('U-ann');
        await Promise.all(
          Array.from({ length: 40 }, (_, index) =>
            (index % 2 ? a : b).updateHistory(ann, (history) => ({
              ...history,
              seen: [...history.seen, { packId: 'p', questionId: `q${index}`, at: index }],
            })),
          ),
        );
        const seen = (await a.getHistory(ann)).seen.map((entry) => entry.questionId).sort();
        expect(seen).toEqual(Array.from({ length: 40 }, (_, index) => `q${index}`).sort());
      });

      it('applies a keyed history update once, however often it is retried', async () => {
        const ben = member('U-ben');
        const addOne = (history: Awaited<ReturnType<CoachStore['getHistory']>>) => ({
          ...history,
          seen: [...history.seen, { packId: 'p', questionId: 'q', at: 1 }],
        });
        await Promise.all([a.updateHistory(ben, addOne, 'Ev-1'), b.updateHistory(ben, addOne, 'Ev-1')]);
        await a.updateHistory(ben, addOne, 'Ev-1');
        expect((await b.getHistory(ben)).seen).toHaveLength(1);
      });

      it('refuses a session write that lost a race, and withUser runs the task again on fresh reads', async () => {
        const cy = member('U-cy');
        await a.putSession(session(cy, 'C1'));
        const readByA = await a.getSession(cy, 'C1');
        const readByB = await b.getSession(cy, 'C1');
        await b.putSession({ ...readByB!, index: 1 });
        await expect(a.putSession({ ...readByA!, status: 'ended' })).rejects.toBeInstanceOf(
          StoreConflictError,
        );

        let runs = 0;
        await a.withUser(cy, async () => {
          runs += 1;
          const current = await a.getSession(cy, 'C1');
          // The first run reads, then another instance writes before it does.
          if (runs === 1) await b.putSession({ ...(await b.getSession(cy, 'C1'))!, updatedAt: 5 });
          await a.putSession({ ...current!, status: 'ended' });
        });
        expect(runs).toBe(2);
        const final = await b.getSession(cy, 'C1');
        expect(final).toMatchObject({ index: 1, status: 'ended', updatedAt: 5 });
      });

      it('adds up token usage from two instances at once', async () => {
        const key = actorKey(member('U-dee'));
        await Promise.all(
          Array.from({ length: 20 }, (_, index) => (index % 2 ? a : b).usage.add(key, '2026-11-23', 10)),
        );
        expect(await a.usage.spent(key, '2026-11-23')).toBe(200);
      });
    });

  // What earlier versions wrote to a store that outlives them.
  if (backend.name !== 'memory')
    describe.skipIf(backend.url === null)(`records written before versions, on ${backend.name}`, () => {
      const clock = new ManualClock();
      const prefix = uniquePrefix(`legacy_${backend.name}`);
      afterAll(async () => {
        await dropTestData(backend, prefix);
      });

      it('reads them, updates them with compare-and-set and moves a roster record into its set', async () => {
        const legacy = await openBackend(parseStoreUrl(backend.url!, process.cwd()), {
          prefix,
          now: () => clock.now(),
        });
        const eve = member('U-eve');
        // What the previous version wrote through Keyv: plain records, one roster list per workspace.
        await legacy.keyv('sessions').set(`${actorKey(eve)}|C1`, session(eve, 'C1'));
        await legacy.keyv('rosters').set(tenantKey('slack', 'T-cas'), { v: 1, users: ['U-old1', 'U-old2'] });
        await legacy.keyv('tenants').set('__scheduled__', [tenantKey('slack', 'T-old')]);
        const store = await CoachStore.open({ url: backend.url!, cwd: process.cwd(), clock, prefix });
        try {
          const read = await store.getSession(eve, 'C1');
          expect(read?.id).toBe('s-C1');
          await store.putSession({ ...read!, index: 1 });
          expect((await store.getSession(eve, 'C1'))?.index).toBe(1);
          await store.joinRoster(member('U-new'));
          expect((await store.getRoster('slack', 'T-cas')).sort()).toEqual(['U-new', 'U-old1', 'U-old2']);
          await store.markScheduled('slack', 'T-new', true);
          expect((await store.getScheduledTenants()).sort()).toEqual(
            [tenantKey('slack', 'T-new'), tenantKey('slack', 'T-old')].sort(),
          );
        } finally {
          await store.close();
          await legacy.close();
        }
      });
    });

  if (backend.name !== 'memory')
    describe.skipIf(backend.url === null)(`instances starting together on ${backend.name}`, () => {
      const prefix = uniquePrefix(`boot_${backend.name}`);
      afterAll(async () => {
        await dropTestData(backend, prefix);
      });

      it('opens ten stores at once on tables nobody has made yet, and all of them work', async () => {
        const clock = new ManualClock();
        const stores = await Promise.all(
          Array.from({ length: 10 }, () =>
            CoachStore.open({ url: backend.url!, cwd: process.cwd(), clock, prefix }),
          ),
        );
        try {
          await Promise.all(
            stores.map((store, index) =>
              store.joinRoster({ platform: 'slack', tenant: 'T-boot', user: `U${index}` }),
            ),
          );
          expect((await stores[0]!.getRoster('slack', 'T-boot')).sort()).toEqual(
            Array.from({ length: 10 }, (_, index) => `U${index}`).sort(),
          );
        } finally {
          await Promise.all(stores.map((store) => store.close()));
        }
      });
    });

  if (backend.url === null) {
    describe(`concurrent writers on ${backend.name}`, () => {
      it.skip(backend.skipReason, () => {});
    });
  }
}
