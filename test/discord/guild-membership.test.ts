import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import { type DiscordHarness, openDiscordHarness, StreamingModel } from './harness.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** Resolves once `check` holds; gateway events are handled asynchronously, so the test polls. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('Discord servers the bot leaves and joins', () => {
  let h: DiscordHarness;
  const farFuture = () => h.clock.now() + 365 * dayMs;
  const scheduled = async () =>
    (await h.store.dueTenantDeletions(farFuture())).map((due) => [due.tenant, due.reason]);

  beforeAll(async () => {
    h = await openDiscordHarness({ feedback: new StreamingModel(() => gradeOf(4, null)) });
  });
  afterAll(async () => h.close());

  it('schedules the deletion of a server it was removed from, not of one in an outage; a rejoin calls it off', async () => {
    const { fake } = h;
    // The bot joins a second server while connected (GUILD_CREATE for a server it did not have).
    const beta = fake.addGuild('Beta');
    fake.restoreGuild(beta.guildId, 'Beta');

    // An outage of the first server, then the bot is removed from the second: gateway events are
    // handled in order, so once the second is scheduled, the outage would have been too.
    fake.removeGuild(fake.guildId, { unavailable: true });
    fake.removeGuild(beta.guildId);
    await eventually(async () => (await scheduled()).length > 0, 'a scheduled deletion');
    expect(await scheduled()).toEqual([[beta.guildId, 'left-server']]);
    // After the retention period (30 days by default), not before.
    expect(await h.store.dueTenantDeletions(h.clock.now() + 29 * dayMs)).toEqual([]);
    expect(await h.store.dueTenantDeletions(h.clock.now() + 30 * dayMs)).toHaveLength(1);

    // Added back within the retention period: nothing is deleted.
    fake.restoreGuild(beta.guildId, 'Beta');
    await eventually(async () => (await scheduled()).length === 0, 'the deletion called off');

    // Removed while its outage lasts: still a removal.
    fake.removeGuild(fake.guildId);
    await eventually(async () => (await scheduled()).length > 0, 'the first server scheduled');
    expect(await scheduled()).toEqual([[fake.guildId, 'left-server']]);
  });
});
