import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/core/messages.ts';
import { emptyHistory } from '../../src/core/records.ts';
import { type FakeDiscord, manageGuild } from '../fakes/discord-server.ts';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import { callbacksOf, type DiscordHarness, openDiscordHarness, StreamingModel } from './harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: messages are the fake's raw JSON
type Json = any;

function repliesTo(fake: FakeDiscord, interactionId: string): Promise<Json[]> {
  return fake.waitFor(() => {
    const replies = [...fake.messages.values()].filter(
      (m) => m.interaction_token === `token-${interactionId}` && (m.content || m.embeds?.length),
    );
    return replies.length ? replies : undefined;
  }, `the reply to ${interactionId}`);
}

function originalEdits(fake: FakeDiscord, interactionId: string) {
  return fake.callsTo(
    'PATCH',
    new RegExp(`^/webhooks/\\d+/token-${interactionId}/messages/(@|%40)original$`),
  );
}

describe('Discord /roster and /export', () => {
  let h: DiscordHarness;
  const admin = { memberPermissions: manageGuild };

  beforeAll(async () => {
    h = await openDiscordHarness({ feedback: new StreamingModel(() => gradeOf(4)) });
    const { fake } = h;
    // The owner (Manage Server) makes this channel a cohort and names the instructor role.
    const role = { instructor_role: { type: 8, value: fake.instructorRoleId }, 'drill-time': '08:00' };
    await repliesTo(fake, fake.command('coach-config', role, admin).id);
    const member = { platform: 'discord', tenant: fake.guildId, user: fake.other.id };
    await h.store.joinCohort(member, fake.channelId);
    await h.store.putHistory(member, {
      ...emptyHistory(),
      attempts: [
        {
          at: Date.parse('2026-11-22T10:00:00Z'),
          packId: 'mini',
          questionId: 'upcoding',
          kind: 'technical',
          competencies: ['compliance'],
          score: 3,
        },
      ],
      activeDays: ['2026-11-22'],
    });
  });
  afterAll(async () => h.close());

  it('/roster gives an admin a line per member, ephemeral', async () => {
    const { fake } = h;
    const asked = fake.command('roster', { period: '7d' }, admin);
    const [reply] = await repliesTo(fake, asked.id);
    expect(callbacksOf(fake, asked.id)).toEqual([{ type: 5, data: { flags: 64 } }]);
    expect(reply.content).toContain(messages.rosterHeading(fake.channelId, 7, 1));
    expect(reply.content).toContain(`<@${fake.other.id}> · active in the last 24 hours · 1 answer · avg 3.0`);
  });

  it('/export attaches the CSV to an ephemeral reply', async () => {
    const { fake } = h;
    const asked = fake.command(
      'export',
      { since: '2026-11-20', answers: { type: 5, value: true as never } },
      admin,
    );
    const upload = await fake.waitFor(
      () => originalEdits(fake, asked.id).find((call) => call.files.length),
      'the CSV attachment',
    );
    expect(callbacksOf(fake, asked.id)).toEqual([{ type: 5, data: { flags: 64 } }]);
    expect(upload.body.content).toBe(messages.exportAttached(1));
    expect(upload.files.map((file) => file.filename)).toEqual([
      `starcoach-${fake.channelId}-2026-11-20-to-2026-11-23.csv`,
    ]);
    const rows = parse(upload.files[0]!.bytes.toString('utf8')) as string[][];
    expect(rows.map((row) => row.length)).toEqual([13, 13]);
    expect(rows[1]!.slice(0, 10)).toEqual([
      'discord',
      fake.guildId,
      fake.channelId,
      fake.other.id,
      '2026-11-22T10:00:00.000Z',
      'mini',
      'upcoding',
      'technical',
      'compliance',
      '3',
    ]);
  });

  it('refuses a member and an instructor who does not teach this cohort, with no file', async () => {
    const { fake } = h;
    const plain = { memberPermissions: '0', user: fake.other };
    const teacherElsewhere = { ...plain, roles: [fake.instructorRoleId] };
    for (const [name, as] of [
      ['roster', plain],
      ['export', plain],
      ['roster', teacherElsewhere],
      ['export', teacherElsewhere],
    ] as const) {
      const asked = fake.command(name, {}, as);
      const [reply] = await repliesTo(fake, asked.id);
      expect(reply.content).toBe(messages.notYourCohort(fake.channelId));
      expect(originalEdits(fake, asked.id).filter((call) => call.files.length)).toEqual([]);
    }
  });
});
