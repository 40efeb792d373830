import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/ports.ts';
import { createReminderScheduler } from '../../src/core/reminder-scheduler.ts';
import { type DiscordHarness, openDiscordHarness, StreamingModel } from '../discord/harness.ts';
import { ManualClock } from '../fakes/manual-clock.ts';
import { gradeOf } from '../fakes/scripted-feedback-model.ts';
import { openSlackHarness, type SlackHarness } from '../slack/harness.ts';
import { miniPack } from '../support/core-harness.ts';
import { assignmentOf, cohortOf, seedMember, seedTenant } from './fixtures.ts';

const packs = new Map([[miniPack.id, miniPack]]);
// Monday 2026-11-23 09:30 UTC: the cohort's drill time has passed, its assignment is due tomorrow.
const monday = Date.parse('2026-11-23T09:30:00Z');
const cohort = cohortOf('C1', { instructors: ['I-none'], assignments: [assignmentOf('2026-11-24')] });

/** Real timers, with what was asked recorded: the retry-after the sender waited out. */
function recordingWait(waits: number[]) {
  return (ms: number) => {
    waits.push(ms);
    return new Promise<void>((resolve) => setTimeout(resolve, ms));
  };
}

describe('reminders as Slack DMs through the real Web API client', () => {
  let h: SlackHarness;
  const clock = new ManualClock(monday);

  beforeAll(async () => {
    h = await openSlackHarness({ clock });
    await seedTenant(h.store, 'slack', 'T1', [{ ...cohort, instructors: [] }]);
  });
  afterAll(async () => h?.close());

  it('opens the DM and posts the reminder, waiting out a 429’s retry-after before trying again', async () => {
    const member: Actor = { platform: 'slack', tenant: 'T1', user: 'U1' };
    await seedMember(h.store, member, {}, ['C1']);
    await seedMember(h.store, { ...member, user: 'U-off' }, { remind: 'off' }, ['C1']);
    h.fake.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const waits: number[] = [];
    const scheduler = createReminderScheduler({
      store: h.store,
      packs,
      clock,
      logger: h.logger,
      messengers: [h.adapter.directMessenger],
      wait: recordingWait(waits),
    });
    const sent = await scheduler.runDue();
    expect(sent).toEqual([{ tenant: 'slack:T1', user: 'U1', kinds: ['assignment'] }]);
    expect(waits).toEqual([1000]);
    expect(h.fake.timeline.filter((entry) => entry.startsWith('c'))).toEqual([
      'conversations.open',
      'chat.postMessage!http_429',
      'chat.postMessage',
    ]);
    const [open] = h.fake.callsTo('conversations.open');
    expect(open?.body.users).toBe('U1');
    const [post] = h.fake.callsTo('chat.postMessage');
    expect(post?.body.channel).toBe('DU1');
    expect(String(post?.body.text)).toContain('Your assignment for <#C1> is due tomorrow (2026-11-24)');
    expect(await scheduler.runDue()).toEqual([]);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('reminders as Discord DMs through the real discord.js client', () => {
  let h: DiscordHarness;

  beforeAll(async () => {
    h = await openDiscordHarness({ feedback: new StreamingModel(() => gradeOf(4)) });
    h.clock.advance(monday - h.clock.now());
    await seedTenant(h.store, 'discord', h.fake.guildId, [{ ...cohort, instructors: [h.fake.owner.id] }]);
  });
  afterAll(async () => h?.close());

  it('opens the DM channel and posts; discord.js waits out a 429 itself', async () => {
    const member: Actor = { platform: 'discord', tenant: h.fake.guildId, user: h.fake.other.id };
    await seedMember(h.store, member, {}, ['C1']);
    h.fake.failWith('POST', /^\/channels\/\d+\/messages$/, { status: 429, code: 0, retryAfter: 0.3 }, 1);
    const waits: number[] = [];
    const scheduler = createReminderScheduler({
      store: h.store,
      packs,
      clock: h.clock,
      logger: h.logger,
      messengers: [h.adapter.directMessenger],
      wait: recordingWait(waits),
    });
    const sent = await scheduler.runDue();
    expect(sent.map((entry) => [entry.user, entry.kinds])).toEqual(
      expect.arrayContaining([
        [h.fake.other.id, ['assignment']],
        [h.fake.owner.id, ['digest']],
      ]),
    );
    const opened = h.fake.callsTo('POST', /^\/users\/@me\/channels$/).map((call) => call.body.recipient_id);
    expect(opened.sort()).toEqual([h.fake.owner.id, h.fake.other.id].sort());
    const dm = [...h.fake.channels.values()].find(
      (channel) => channel.type === 1 && channel.recipients[0].id === h.fake.other.id,
    );
    const [reminder] = h.fake.messagesIn(dm.id);
    expect(reminder.content).toContain('Your assignment for <#C1> is due tomorrow (2026-11-24)');
    expect(reminder.allowed_mentions).toEqual({ parse: [] });
    // The 429 never reached our sender: discord.js retried the same post after Discord's retry-after.
    expect(waits).toEqual([]);
    const posts = h.fake.callsTo('POST', /^\/channels\/\d+\/messages$/);
    const refusedAt = posts[0]!.at;
    const retried = posts.find((call) => call.path === posts[0]!.path && call !== posts[0])!;
    expect(retried.at - refusedAt).toBeGreaterThanOrEqual(300);
    expect(await scheduler.runDue()).toEqual([]);
  });
});
