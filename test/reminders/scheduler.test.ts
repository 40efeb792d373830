import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import type { Actor } from '../../src/core/ports.ts';
import { createReminderScheduler } from '../../src/core/reminder-scheduler.ts';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';
import { miniPack } from '../support/core-harness.ts';
import { assignmentOf, attemptOf, cohortOf, RecordingMessenger, seedMember, seedTenant } from './fixtures.ts';

const packs = new Map([[miniPack.id, miniPack]]);
const member = (user: string): Actor => ({ platform: 'slack', tenant: 'T1', user });

async function instance(url: string, prefix: string, clock: ManualClock) {
  const store = await CoachStore.open({ url, cwd: process.cwd(), clock, prefix });
  const messenger = new RecordingMessenger();
  const scheduler = createReminderScheduler({
    store,
    packs,
    clock,
    logger: silentLogger,
    messengers: [messenger],
  });
  return { store, messenger, scheduler };
}

for (const backend of backendCases().filter((candidate) => candidate.name !== 'memory')) {
  describe.skipIf(backend.url === null)(`reminders across two instances on ${backend.name}`, () => {
    const prefix = uniquePrefix(`reminders_${backend.name}`);
    // Monday 2026-11-23, 08:00 UTC.
    const clock = new ManualClock(Date.parse('2026-11-23T08:00:00Z'));
    let a: Awaited<ReturnType<typeof instance>>;
    let b: Awaited<ReturnType<typeof instance>>;
    const sent = () => [...a.messenger.sent, ...b.messenger.sent];
    /** Both instances tick at once (twice each); returns who got what this time. */
    async function tickBoth() {
      const [fromA, fromB] = [a.messenger.sent.length, b.messenger.sent.length];
      await Promise.all([
        a.scheduler.runDue(),
        b.scheduler.runDue(),
        a.scheduler.runDue(),
        b.scheduler.runDue(),
      ]);
      return [...a.messenger.sent.slice(fromA), ...b.messenger.sent.slice(fromB)]
        .map((dm) => `${dm.user}:${dm.message.kind}`)
        .sort();
    }
    const at = (iso: string) => clock.advance(Date.parse(iso) - clock.now());

    beforeAll(async () => {
      a = await instance(backend.url!, prefix, clock);
      b = await instance(backend.url!, prefix, clock);
      await seedTenant(a.store, 'slack', 'T1', [
        // C1: UTC, drill at 09:00, an assignment due tomorrow.
        cohortOf('C1', { instructors: ['I1'], assignments: [assignmentOf('2026-11-24')] }),
        // C2: New York, drill at 09:00 local (14:00 UTC).
        cohortOf('C2', { timezone: 'America/New_York', instructors: ['I2'] }),
      ]);
      const yesterdays = { activeDays: ['2026-11-21', '2026-11-22'] };
      await seedMember(a.store, member('U-assign'), {}, ['C1']);
      await seedMember(a.store, member('U-done'), {}, ['C1'], {
        attempts: [attemptOf(Date.parse('2026-11-22T10:00:00Z'))],
      });
      await seedMember(
        a.store,
        member('U-off'),
        { remind: 'off', streakAlert: true },
        ['C1', 'C2'],
        yesterdays,
      );
      await seedMember(a.store, member('U-daily'), { remind: '18:00', timezone: 'Europe/Berlin' }, ['C2']);
      await seedMember(a.store, member('U-answered'), { remind: '18:00', streakAlert: true }, ['C2'], {
        activeDays: ['2026-11-22', '2026-11-23'],
      });
      await seedMember(a.store, member('U-streak'), { streakAlert: true }, ['C2'], yesterdays);
    });
    afterAll(async () => {
      await a?.store.close();
      await b?.store.close();
      await dropTestData(backend, prefix);
    });

    it('sends nothing before any reminder time', async () => {
      expect(await tickBoth()).toEqual([]);
    });

    it('sends the assignment reminder from the cohort’s drill time, once, not to the done or opted-out', async () => {
      at('2026-11-23T09:30:00Z');
      expect(await tickBoth()).toEqual(['I1:digest', 'U-assign:assignment']);
      const reminder = sent().find((dm) => dm.user === 'U-assign')!;
      expect(reminder.message.text).toContain('<#C1>');
      expect(reminder.message.text).toContain('2026-11-24');
      const digest = sent().find((dm) => dm.user === 'I1')!.message.text;
      expect(digest).toContain('due 2026-11-24: 1 of 3 done');
      expect(digest).toMatch(/Inactive for 7 days or more \(2\): <@U-assign>, <@U-off>/);
      expect(await tickBoth()).toEqual([]);
    });

    it('sends the daily reminder at the member’s own local time, and the other cohort’s digest', async () => {
      at('2026-11-23T16:59:00Z');
      expect(await tickBoth()).toEqual(['I2:digest']);
      at('2026-11-23T17:00:00Z');
      expect(await tickBoth()).toEqual(['U-daily:daily']);
    });

    it('skips a member who practised today, and sends the streak note in the member’s evening', async () => {
      at('2026-11-23T23:30:00Z');
      expect(await tickBoth()).toEqual([]);
      at('2026-11-24T00:05:00Z');
      const streak = await tickBoth();
      expect(streak).toEqual(['U-streak:streak']);
      expect(sent().find((dm) => dm.user === 'U-streak')!.message.text).toContain('2-day streak');
    });

    it('never sends twice a day, and never anything to the member who opted out', async () => {
      at('2026-11-24T03:00:00Z');
      expect(await tickBoth()).toEqual([]);
      // A fresh instance has no memory of the day: the store's claims still hold.
      const restarted = await instance(backend.url!, prefix, clock);
      await restarted.scheduler.runDue();
      expect(restarted.messenger.sent).toEqual([]);
      await restarted.store.close();
      const counts = new Map<string, number>();
      for (const dm of sent()) counts.set(dm.user, (counts.get(dm.user) ?? 0) + 1);
      expect([...counts.values()].every((count) => count === 1)).toBe(true);
      expect(counts.has('U-off')).toBe(false);
      expect(counts.has('U-answered')).toBe(false);
      expect(counts.has('U-done')).toBe(false);
    });

    it('sends the next day’s reminder, and tries again after a failed send', async () => {
      at('2026-11-24T17:00:00Z');
      a.messenger.failures = 1;
      b.messenger.failures = 1;
      expect(await Promise.all([a.scheduler.runDue(), b.scheduler.runDue()])).toEqual([[], []]);
      // Both failed and released the claim; a later tick (past the retry pause) sends it once.
      at('2026-11-24T17:20:00Z');
      expect(await tickBoth()).toEqual(['U-daily:daily']);
    });
  });

  if (backend.url === null) {
    describe(`reminders on ${backend.name}`, () => {
      it.skip(backend.skipReason, () => {});
    });
  }
}
