import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoachStore } from '../../src/store/coach-store.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { backendCases, dropTestData, uniquePrefix } from '../support/backends.ts';

/** Slack's OAuth installs on every backend: one instance stores a workspace's token, every other reads it. */
const installation = (token: string) => ({
  team: { id: 'T1', name: 'Acme' },
  enterprise: undefined,
  isEnterpriseInstall: false,
  bot: { token, userId: 'UBOT', id: 'B1', scopes: ['chat:write'] },
});

for (const backend of backendCases()) {
  describe.skipIf(backend.url === null)(`installations on ${backend.name}`, () => {
    const clock = new ManualClock();
    const prefix = uniquePrefix(`installs_${backend.name}`);
    const shared = backend.name !== 'memory';
    let a: CoachStore;
    let b: CoachStore;

    beforeAll(async () => {
      a = await CoachStore.open({ url: backend.url!, cwd: process.cwd(), clock, prefix });
      b = shared ? await CoachStore.open({ url: backend.url!, cwd: process.cwd(), clock, prefix }) : a;
    });
    afterAll(async () => {
      await a?.close();
      if (shared) await b?.close();
      await dropTestData(backend, prefix);
    });

    it('has none for a workspace that never installed', async () => {
      expect(await a.installations.get('slack', 'T-none')).toBeUndefined();
      expect(await a.installations.delete('slack', 'T-none')).toBe(false);
    });

    it('stores an install where another instance reads it, and a reinstall replaces it', async () => {
      await a.installations.put('slack', 'T1', installation('xoxb-first'));
      expect(await b.installations.get('slack', 'T1')).toEqual(installation('xoxb-first'));
      await b.installations.put('slack', 'T1', installation('xoxb-second'));
      expect(await a.installations.get('slack', 'T1')).toEqual(installation('xoxb-second'));
    });

    it('keeps platforms and tenants apart, ids with colons included', async () => {
      await a.installations.put('slack', 'E:1', installation('xoxb-org'));
      await a.installations.put('discord', 'T1', { other: true });
      expect(await b.installations.get('slack', 'E')).toBeUndefined();
      expect(await b.installations.get('slack', 'E:1')).toEqual(installation('xoxb-org'));
      expect(await b.installations.get('slack', 'T1')).toEqual(installation('xoxb-second'));
    });

    it('deletes one install, leaving the others', async () => {
      expect(await b.installations.delete('slack', 'T1')).toBe(true);
      expect(await a.installations.get('slack', 'T1')).toBeUndefined();
      expect(await a.installations.get('slack', 'E:1')).toEqual(installation('xoxb-org'));
    });
  });
}
