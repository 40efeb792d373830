import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardLinkSigner, DashboardViewer } from '../../src/core/dashboard-types.ts';
import { messages } from '../../src/core/messages.ts';
import { type FakeDiscord, manageGuild } from '../fakes/discord-server.ts';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import { callbacksOf, type DiscordHarness, openDiscordHarness, StreamingModel } from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: messages are the fake's raw JSON
type Json = any;

const signed: DashboardViewer[] = [];
/** The port the web adapter implements; this one records whom it signed for. */
const signer: DashboardLinkSigner = {
  sign(viewer, now) {
    signed.push(viewer);
    return {
      url: `https://coach.example.org/d/t${signed.length}`,
      expiresAt: now + 86_400_000,
      role: viewer.role,
    };
  },
};

function replyTo(fake: FakeDiscord, interactionId: string): Promise<Json> {
  return fake.waitFor(
    () =>
      [...fake.messages.values()].find(
        (m) => m.interaction_token === `token-${interactionId}` && (m.content || m.embeds?.length),
      ),
    `the reply to ${interactionId}`,
  );
}

describe('Discord /dashboard', () => {
  let on: DiscordHarness;
  let off: DiscordHarness;
  const admin = { memberPermissions: manageGuild };

  beforeAll(async () => {
    on = await openDiscordHarness({ feedback: new StreamingModel(() => gradeOf(4)), dashboardLinks: signer });
    off = await openDiscordHarness({ feedback: new StreamingModel(() => gradeOf(4)) });
    await replyTo(on.fake, on.fake.command('coach-config', { 'drill-time': '08:00' }, admin).id);
  });
  afterAll(async () => {
    await on?.close();
    await off?.close();
  });

  it('answers an admin privately with a link and its expiry in the reader’s timezone', async () => {
    const asked = on.fake.command('dashboard', {}, admin);
    const reply = await replyTo(on.fake, asked.id);
    expect(callbacksOf(on.fake, asked.id)).toEqual([{ type: 5, data: { flags: 64 } }]);
    expect(reply.content).toContain(`[Open the dashboard](<https://coach.example.org/d/t${signed.length}>)`);
    expect(reply.content).toContain(`<t:${Math.floor(on.clock.now() / 1000) + 86_400}:f>`);
    expect(signed.at(-1)).toMatchObject({
      platform: 'discord',
      tenant: on.fake.guildId,
      role: 'admin',
      cohorts: [on.fake.channelId],
    });
  });

  it('gives a member their own progress page', async () => {
    const reply = await replyTo(on.fake, on.fake.command('dashboard', {}, { user: on.fake.other }).id);
    expect(reply.content).toContain('[Open your progress page]');
    expect(signed.at(-1)).toMatchObject({ user: on.fake.other.id, role: 'member', cohorts: [] });
  });

  it('says how to turn it on when the dashboard is off', async () => {
    const reply = await replyTo(off.fake, off.fake.command('dashboard', {}, admin).id);
    expect(reply.content).toBe(messages.dashboardOff());
  });
});
